import CZstd

/// One reusable zstd compression context (its tables are allocated once, not per block).
///
/// Not thread-safe: one per writer.
final class ZstdCompressor {
    private let context: OpaquePointer
    let level: Int32

    /// Traps if zstd cannot allocate a context (out of memory).
    init(level: Int32) {
        guard let context = ZSTD_createCCtx() else { fatalError("ZstdCompressor: ZSTD_createCCtx failed (out of memory)") }
        self.context = context
        self.level = level
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    /// Compresses `input` as one zstd frame and appends it to `output`.
    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let start = output.count
        let bound = ZSTD_compressBound(input.count)
        output.append(contentsOf: repeatElement(0, count: bound))
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compressCCtx(context, out.baseAddress! + start, bound, input.baseAddress, input.count, level)
        }
        // Compressing into a buffer of `ZSTD_compressBound` bytes cannot fail but for a zstd bug.
        precondition(ZSTD_isError(written) == 0, "ZstdCompressor: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeLast(bound - written)
    }
}
