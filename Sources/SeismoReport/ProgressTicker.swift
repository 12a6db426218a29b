import Foundation

/// Redraws a `ProgressBar` on a terminal from a thread of its own, a few times a second, until stopped.
///
/// The fraction comes from a closure the caller supplies (bytes read of the input, or event time between a
/// replay's start and end); nil draws nothing that round. Use it only when the output is a terminal
/// (`isTerminal`), so logs and pipes never get carriage returns.
public final class ProgressTicker: @unchecked Sendable {
    private let fd: Int32
    private let interval: Double
    private let fraction: @Sendable () -> Double?
    private let bar: ProgressBar
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopping = false
    private var started = false

    public init(fd: Int32 = 2, interval: Double = 0.25, bar: ProgressBar = ProgressBar(), fraction: @escaping @Sendable () -> Double?) {
        self.fd = fd
        self.interval = interval
        self.bar = bar
        self.fraction = fraction
    }

    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// For an input that is a regular file: the share of it read so far, from the file offset `fd` shares with the
    /// reader. nil for pipes, terminals and empty files, whose size is unknown.
    public static func fileOffsetFraction(fd: Int32) -> (@Sendable () -> Double?)? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Double(info.st_size)
        return {
            let offset = lseek(fd, 0, SEEK_CUR)
            return offset < 0 ? nil : Double(offset) / size
        }
    }

    public func start() {
        lock.lock()
        started = true
        lock.unlock()
        let thread = Thread { [self] in
            while true {
                if let share = fraction() { write(bar.render(fraction: share)) }
                if wake.wait(timeout: .now() + interval) == .success { break }
            }
            done.signal()
        }
        thread.name = "seismo-progress"
        thread.start()
    }

    /// Stops the thread and erases the bar. Safe to call more than once, or without `start`.
    public func stop() {
        lock.lock()
        let running = started && !stopping
        stopping = true
        lock.unlock()
        guard running else { return }
        wake.signal()
        done.wait()
        write("\r" + String(repeating: " ", count: bar.width + 8) + "\r")
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
