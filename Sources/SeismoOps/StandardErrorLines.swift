#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole lines to stderr, each in one `write` call so lines from different threads do not interleave.
public enum StandardErrorLines {
    /// Writes `line` (a newline is added when missing).
    public static let write: @Sendable (String) -> Void = { line in
        writeRaw(line.hasSuffix("\n") ? line : line + "\n")
    }

    /// Writes `text` as it is, in as few `write` calls as the kernel allows.
    public static func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Whether stderr is a terminal (the status view redraws only then).
    public static var isTerminal: Bool { isatty(2) == 1 }
}
