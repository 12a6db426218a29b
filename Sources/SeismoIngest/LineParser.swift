/// Parses one line of one input format into samples.
///
/// A parser sees each line without its newline (and without a trailing `\r`), already checked to be valid UTF-8
/// without NUL bytes and within the length cap. It resolves series through `context.series` and calls
/// `context.emit` once per value. On bad input it throws a `LineRejection`; the `Ingestor` then discards every
/// sample the line emitted, so a line is accepted or rejected as a whole.
///
/// Parsers may keep state across lines (Prometheus `# TYPE` comments, a CSV header), hence `mutating`.
public protocol LineParser {
    mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection)
}
