/// What `LineReader.pump(into:)` hands each line to.
///
/// A protocol rather than closures so the reader's loop is specialized for the sink (the `Ingestor` on the
/// ingest thread): the per-line call is then direct, and the sink's state is not boxed behind a closure context
/// with a dynamic exclusivity check per access.
public protocol LineSink {
    /// A complete line without its newline, numbered from 1. `plainText`: the reader has checked that every byte
    /// of it is ASCII other than NUL (`LineReader.bufferIsPlainText`).
    mutating func line(_ bytes: UnsafeRawBufferPointer, number: UInt64, plainText: Bool)
    /// A line longer than the reader's limit, skipped; `head` is its first bytes, for the excerpt.
    mutating func tooLong(head: UnsafeRawBufferPointer, number: UInt64)
}
