import SeismoCore

/// Turns lines into accepted samples: checks encoding, runs the format's parser, enforces the out-of-order
/// window, counts every line, and reports the first rejections of each reason.
///
/// A line is all or nothing: when any of its values is rejected, none of its samples is kept.
/// Accepted samples collect in `context.samples` until the caller takes them (`takeSamples`).
public struct Ingestor<Parser: LineParser>: LineSink {
    public var parser: Parser
    public var context: ParseContext
    public var stats = IngestStats()
    public var rejectLog: RejectLog
    /// Name of the input in reject messages, e.g. `stdin`.
    public var source: String
    /// Newest accepted timestamp per series, indexed by `SeriesID`; `Int64.min` before the first sample.
    @usableFromInline var newest: [Int64] = []

    public init(parser: Parser, context: ParseContext, rejectLog: RejectLog, source: String = "stdin") {
        self.parser = parser
        self.context = context
        self.rejectLog = rejectLog
        self.source = source
    }

    /// Ingests one line (without its newline; a trailing `\r` is dropped here).
    ///
    /// - Parameter plainText: the caller has already checked that the line is ASCII without NUL bytes (as
    ///   `LineReader.bufferIsPlainText` does a chunk at a time), so the per-line encoding check is skipped.
    @inlinable
    public mutating func ingest(line rawLine: UnsafeRawBufferPointer, number: UInt64, plainText: Bool = false) {
        stats.lines &+= 1
        var line = rawLine
        if let last = line.last, last == 0x0D { line = UnsafeRawBufferPointer(start: line.baseAddress, count: line.count &- 1) }
        guard plainText || ByteValidation.isCleanText(line) else {
            reject(LineRejection(.invalidEncoding, "line holds invalid UTF-8 or a NUL byte"), line: line, number: number)
            return
        }
        let start = context.samples.count
        let ignoredBefore = context.ignoredValues
        context.line = UInt32(truncatingIfNeeded: number)
        do {
            try parser.parse(line, into: &context)
            try admit(from: start)
        } catch {
            context.samples.removeSubrange(start...)
            context.ignoredValues = ignoredBefore
            reject(error, line: line, number: number)
            return
        }
        let added = context.samples.count &- start
        if added > 0 {
            stats.acceptedLines &+= 1
            stats.samples &+= UInt64(added)
        } else {
            stats.emptyLines &+= 1
        }
    }

    /// `LineSink`: the reader's lines go straight to `ingest`.
    @inlinable
    public mutating func line(_ bytes: UnsafeRawBufferPointer, number: UInt64, plainText: Bool) {
        ingest(line: bytes, number: number, plainText: plainText)
    }

    /// `LineSink`: same as `rejectTooLong`.
    public mutating func tooLong(head: UnsafeRawBufferPointer, number: UInt64) {
        rejectTooLong(head: head, number: number)
    }

    /// Counts a line that was too long to be read whole; `head` is its first bytes, for the excerpt.
    public mutating func rejectTooLong(head: UnsafeRawBufferPointer, number: UInt64) {
        stats.lines &+= 1
        reject(LineRejection(.lineTooLong, "line is longer than \(context.limits.maxLineLength) bytes"), line: head, number: number)
    }

    /// Hands over the samples accepted since the last call and keeps the buffer's capacity.
    public mutating func takeSamples(_ body: ([Sample]) -> Void) {
        body(context.samples)
        context.samples.removeAll(keepingCapacity: true)
        stats.ignoredValues = UInt64(context.ignoredValues)
    }

    /// Checks the new samples against each series' newest timestamp, then records them.
    @inlinable
    mutating func admit(from start: Int) throws(LineRejection) {
        let window = context.limits.outOfOrderWindow
        let count = context.samples.count
        var i = start
        while i < count {
            let sample = context.samples[i]
            let index = sample.series.index
            if index >= newest.count {
                newest.append(contentsOf: repeatElement(Int64.min, count: index - newest.count + 1))
            }
            let last = newest[index]
            if last != Int64.min, sample.timestamp < last, last &- sample.timestamp > window {
                throw LineRejection(.outOfOrder, "timestamp is older than the series' newest by more than --ooo-window")
            }
            i &+= 1
        }
        i = start
        while i < count {
            let sample = context.samples[i]
            if sample.timestamp > newest[sample.series.index] { newest[sample.series.index] = sample.timestamp }
            i &+= 1
        }
    }

    @usableFromInline
    mutating func reject(_ rejection: LineRejection, line: UnsafeRawBufferPointer, number: UInt64) {
        stats[rejection.reason] &+= 1
        rejectLog.report(rejection, line: number, source: source, bytes: line)
    }
}
