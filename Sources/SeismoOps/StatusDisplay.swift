import Foundation
import Logging
import SeismoEngine

/// `seismo run --status`: shows the run's state from a `StatusBoard` on its own thread.
///
/// On a terminal it redraws a frame in place once a second (ANSI cursor movement, no curses), and log lines
/// written through `writeLog` appear above the frame instead of being overdrawn. Elsewhere (stderr a file or a
/// pipe) it logs the one-line form every 10 seconds at notice level, so `--log-format json` gets objects.
public final class StatusDisplay: @unchecked Sendable {
    public enum Mode: Sendable {
        /// Redraw a frame on stderr every second.
        case terminal
        /// Log one line every 10 seconds.
        case log
    }

    private let board: StatusBoard
    private let mode: Mode
    private let write: @Sendable (String) -> Void
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Guarded by `lock`: the frame on screen, to move back over and to redraw under a log line.
    private var frame: [String] = []
    /// Guarded by `lock`.
    private var stopping = false
    private var renderer: StatusRenderer
    private var logger = Logger(label: "seismo")

    /// - Parameters:
    ///   - write: raw bytes to stderr (frames are written with one call each).
    ///   - width: the terminal's width; the frame's lines are cut to it.
    public init(
        board: StatusBoard, mode: Mode, width: Int = StatusDisplay.terminalWidth(),
        write: @escaping @Sendable (String) -> Void = StatusDisplay.writeStandardError
    ) {
        self.board = board
        self.mode = mode
        self.write = write
        renderer = StatusRenderer(width: max(40, width))
    }

    /// How often the view changes: every second on a terminal, every 10 s as log lines.
    public var interval: Double { mode == .terminal ? 1 : 10 }

    /// Starts the display thread; `logger` receives the one-line status in `.log` mode.
    public func start(logger: Logger) {
        self.logger = logger
        let thread = Thread { [self] in
            var previous: StatusSnapshot?
            while true {
                let stop = wake.wait(timeout: .now() + interval) == .success
                let snapshot = board.snapshot()
                switch mode {
                case .terminal: draw(renderer.frame(snapshot, previous: previous))
                case .log where !stop: logger.notice("\(renderer.line(snapshot, previous: previous))")
                case .log: break
                }
                previous = snapshot
                if stop { break }
            }
            done.signal()
        }
        thread.name = "seismo-status"
        thread.start()
    }

    /// Draws the last frame (on a terminal) and ends the thread; the summary printed next goes below it.
    public func stop() {
        lock.lock()
        let first = !stopping
        stopping = true
        lock.unlock()
        guard first else { return }
        wake.signal()
        done.wait()
    }

    /// A log line, written above the frame on a terminal (the frame is redrawn under it).
    public func writeLog(_ line: String) {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        lock.lock()
        defer { lock.unlock() }
        guard mode == .terminal, !frame.isEmpty else {
            write(text)
            return
        }
        write(Self.erase(lines: frame.count) + text + Self.text(of: frame))
    }

    private func draw(_ lines: [String]) {
        lock.lock()
        defer { lock.unlock() }
        write(Self.erase(lines: frame.count) + Self.text(of: lines))
        frame = lines
    }

    /// ANSI: move to the start of the line `lines` up, then clear to the end of the screen.
    static func erase(lines: Int) -> String {
        lines == 0 ? "" : "\u{1B}[\(lines)F\u{1B}[J"
    }

    static func text(of lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    /// Columns of the terminal on stderr; 100 when it does not say.
    public static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col)
    }

    public static let writeStandardError: @Sendable (String) -> Void = { text in
        StandardErrorLines.writeRaw(text)
    }
}
