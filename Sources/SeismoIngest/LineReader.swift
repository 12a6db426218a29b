#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in large chunks and splits it into lines, in place, with no copy per line.
///
/// - A line longer than `maxLineLength` is reported once through `tooLong` with its first bytes, and skipped up
///   to the next newline without ever being buffered whole: memory stays at `chunkSize + maxLineLength`.
/// - A last line without a newline at end of input is still delivered.
/// - Line numbers start at 1 and count every newline-terminated line, including skipped ones.
public final class LineReader {
    public enum ReadResult: Equatable, Sendable {
        /// Some bytes were read and all complete lines in them delivered.
        case data
        /// A signal interrupted the read; nothing was lost. Check whether to stop, then call `pump` again.
        case interrupted
        /// End of input: every line has been delivered.
        case endOfInput
    }

    public let maxLineLength: Int
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var skipping = false
    private var atEOF = false
    public private(set) var lineNumber: UInt64 = 0
    public private(set) var bytesRead: UInt64 = 0

    public init(fd: Int32, maxLineLength: Int, chunkSize: Int = 1 << 20) {
        precondition(maxLineLength > 0 && chunkSize > 0, "LineReader: sizes must be positive")
        self.fd = fd
        self.maxLineLength = maxLineLength
        buffer = .allocate(byteCount: chunkSize + maxLineLength + 1, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Reads until the buffer holds at least `lines` complete lines, is full, or input ends, without delivering
    /// anything; returns the buffered bytes so a caller can sniff the format. `pump` delivers them afterwards.
    public func prefetch(lines: Int) -> UnsafeRawBufferPointer {
        while !atEOF, end < buffer.count {
            let seen = UnsafeRawBufferPointer(rebasing: buffer[start..<end]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if seen >= lines { break }
            switch readMore() {
            case .interrupted: return UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            default: continue
            }
        }
        return UnsafeRawBufferPointer(rebasing: buffer[start..<end])
    }

    /// Delivers the complete lines already buffered, then reads once and delivers the complete lines read.
    public func pump(
        line: (UnsafeRawBufferPointer, UInt64) -> Void,
        tooLong: (UnsafeRawBufferPointer, UInt64) -> Void
    ) -> ReadResult {
        deliver(line: line, tooLong: tooLong)
        if atEOF { return finish(line: line, tooLong: tooLong) }
        let result = readMore()
        if result == .interrupted { return .interrupted }
        deliver(line: line, tooLong: tooLong)
        if atEOF { return finish(line: line, tooLong: tooLong) }
        return .data
    }

    private func finish(
        line: (UnsafeRawBufferPointer, UInt64) -> Void,
        tooLong: (UnsafeRawBufferPointer, UInt64) -> Void
    ) -> ReadResult {
        if end > start && !skipping {
            lineNumber &+= 1
            let tail = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            if tail.count > maxLineLength { tooLong(UnsafeRawBufferPointer(rebasing: tail.prefix(80)), lineNumber) }
            else { line(tail, lineNumber) }
        }
        start = 0
        end = 0
        skipping = false
        return .endOfInput
    }

    private func readMore() -> ReadResult {
        if start > 0 && (end == buffer.count || start == end) {
            // Move the partial line to the front; it is at most maxLineLength bytes.
            let count = end - start
            if count > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, count) }
            start = 0
            end = count
        }
        let n = read(fd, buffer.baseAddress! + end, buffer.count - end)
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { return .interrupted }
            atEOF = true  // a read error ends the input; the caller reports it through stats
            return .endOfInput
        }
        if n == 0 {
            atEOF = true
            return .endOfInput
        }
        end += n
        bytesRead &+= UInt64(n)
        return .data
    }

    private func deliver(
        line: (UnsafeRawBufferPointer, UInt64) -> Void,
        tooLong: (UnsafeRawBufferPointer, UInt64) -> Void
    ) {
        let base = buffer.baseAddress!
        while start < end {
            guard let nl = memchr(base + start, 0x0A, end - start) else { break }
            let lineEnd = UnsafeRawPointer(nl) - UnsafeRawPointer(base)
            if skipping {
                skipping = false  // the over-long line ends here; it was already counted
            } else {
                lineNumber &+= 1
                let count = lineEnd - start
                if count > maxLineLength {
                    tooLong(UnsafeRawBufferPointer(start: base + start, count: 80), lineNumber)
                } else {
                    line(UnsafeRawBufferPointer(start: base + start, count: count), lineNumber)
                }
            }
            start = lineEnd + 1
        }
        if start == end {
            start = 0
            end = 0
        }
        let pending = end - start
        if skipping {
            start = 0
            end = 0
        } else if pending > maxLineLength {
            lineNumber &+= 1
            tooLong(UnsafeRawBufferPointer(start: base + start, count: 80), lineNumber)
            skipping = true
            start = 0
            end = 0
        }
    }
}
