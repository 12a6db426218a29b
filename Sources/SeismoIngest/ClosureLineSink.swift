/// A `LineSink` that forwards to two closures, for `LineReader.pump(line:tooLong:)`.
@usableFromInline
struct ClosureLineSink: LineSink {
    let lineBody: (UnsafeRawBufferPointer, UInt64, Bool) -> Void
    let tooLongBody: (UnsafeRawBufferPointer, UInt64) -> Void

    init(line: @escaping (UnsafeRawBufferPointer, UInt64, Bool) -> Void, tooLong: @escaping (UnsafeRawBufferPointer, UInt64) -> Void) {
        lineBody = line
        tooLongBody = tooLong
    }

    @usableFromInline
    func line(_ bytes: UnsafeRawBufferPointer, number: UInt64, plainText: Bool) { lineBody(bytes, number, plainText) }

    @usableFromInline
    func tooLong(head: UnsafeRawBufferPointer, number: UInt64) { tooLongBody(head, number) }
}
