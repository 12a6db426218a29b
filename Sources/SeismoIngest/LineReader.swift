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
    @usableFromInline let buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    @usableFromInline var start = 0
    @usableFromInline var end = 0
    @usableFromInline var skipping = false
    @usableFromInline var atEOF = false
    /// True while every byte buffered is ASCII other than NUL, so the lines being delivered need no encoding check
    /// of their own (`Ingestor.ingest(line:number:plainText:)`). Checked once per read over the bytes read, sixteen
    /// at a time; a chunk with any other byte leaves it false until the buffer next runs empty.
    public internal(set) var bufferIsPlainText = true
    /// Lines seen so far, the one being delivered included.
    public var lineNumber: UInt64 { linesSeen }
    @usableFromInline var linesSeen: UInt64 = 0
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
    /// `line` gets each line, its number and whether the reader vouches for it as plain text (as `LineSink`).
    public func pump(
        line: (UnsafeRawBufferPointer, UInt64, Bool) -> Void,
        tooLong: (UnsafeRawBufferPointer, UInt64) -> Void
    ) -> ReadResult {
        withoutActuallyEscaping(line) { line in
            withoutActuallyEscaping(tooLong) { tooLong in
                var sink = ClosureLineSink(line: line, tooLong: tooLong)
                return pump(into: &sink)
            }
        }
    }

    /// `pump(line:tooLong:)` into a sink the compiler can see through: specialized per sink, the per-line call
    /// costs neither a closure call nor a dynamic exclusivity check on the state the closure would capture.
    @inlinable
    public func pump<Sink: LineSink>(into sink: inout Sink) -> ReadResult {
        deliver(into: &sink)
        if atEOF { return finish(into: &sink) }
        let result = readMore()
        if result == .interrupted { return .interrupted }
        deliver(into: &sink)
        if atEOF { return finish(into: &sink) }
        return .data
    }

    @inlinable
    func finish<Sink: LineSink>(into sink: inout Sink) -> ReadResult {
        if end > start && !skipping {
            linesSeen &+= 1
            let tail = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            if tail.count > maxLineLength { sink.tooLong(head: UnsafeRawBufferPointer(rebasing: tail.prefix(80)), number: linesSeen) }
            else { sink.line(tail, number: linesSeen, plainText: bufferIsPlainText) }
        }
        emptyBuffer()
        skipping = false
        return .endOfInput
    }

    @usableFromInline
    func readMore() -> ReadResult {
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
        if bufferIsPlainText {
            bufferIsPlainText = ByteValidation.isPlainASCII(UnsafeRawBufferPointer(start: buffer.baseAddress! + end, count: n))
        }
        end += n
        bytesRead &+= UInt64(n)
        return .data
    }

    @inlinable
    func deliver<Sink: LineSink>(into sink: inout Sink) {
        let base = buffer.baseAddress!
        while start < end {
            guard let nl = memchr(base + start, 0x0A, end - start) else { break }
            let lineEnd = UnsafeRawPointer(nl) - UnsafeRawPointer(base)
            if skipping {
                skipping = false  // the over-long line ends here; it was already counted
            } else {
                linesSeen &+= 1
                let count = lineEnd - start
                if count > maxLineLength {
                    sink.tooLong(head: UnsafeRawBufferPointer(start: base + start, count: 80), number: linesSeen)
                } else {
                    sink.line(UnsafeRawBufferPointer(start: base + start, count: count), number: linesSeen, plainText: bufferIsPlainText)
                }
            }
            start = lineEnd + 1
        }
        if start == end { emptyBuffer() }
        let pending = end - start
        if skipping {
            emptyBuffer()
        } else if pending > maxLineLength {
            linesSeen &+= 1
            sink.tooLong(head: UnsafeRawBufferPointer(start: base + start, count: 80), number: linesSeen)
            skipping = true
            emptyBuffer()
        }
    }

    /// Drops whatever is buffered; the next read starts a fresh plain-text check.
    @usableFromInline
    func emptyBuffer() {
        start = 0
        end = 0
        bufferIsPlainText = true
    }
}
