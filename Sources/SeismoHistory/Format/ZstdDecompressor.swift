import CZstd

/// One reusable zstd decompression context.
///
/// Not thread-safe: one per reader.
final class ZstdDecompressor {
    private let context: OpaquePointer

    /// Traps if zstd cannot allocate a context (out of memory).
    init() {
        guard let context = ZSTD_createDCtx() else { fatalError("ZstdDecompressor: ZSTD_createDCtx failed (out of memory)") }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    /// Decompresses one frame that must expand to exactly `size` bytes into `output` (replacing its contents).
    /// The frame must record its content size (the writer's always do), which is checked before any allocation.
    func decompress(_ input: UnsafeRawBufferPointer, size: Int, into output: inout [UInt8]) throws(MalformedData) {
        let recorded = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        guard recorded == UInt64(size) else {
            throw MalformedData("zstd frame records \(Int64(bitPattern: recorded)) bytes, header says \(size)")
        }
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: repeatElement(0, count: size))
        let result = output.withUnsafeMutableBytes { out in
            ZSTD_decompressDCtx(context, out.baseAddress, size, input.baseAddress, input.count)
        }
        if ZSTD_isError(result) != 0 {
            throw MalformedData("zstd: \(String(cString: ZSTD_getErrorName(result)))")
        }
        guard result == size else { throw MalformedData("zstd frame expands to \(result) bytes, header says \(size)") }
    }
}
