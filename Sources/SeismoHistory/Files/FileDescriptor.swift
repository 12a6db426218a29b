#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file, closed when the value goes away: the thin layer over `open`, `pread`, `pwrite`, `fdatasync`.
///
/// Every call retries on `EINTR` and throws `HistoryError.io` naming the path otherwise. Positional I/O only:
/// the writer always knows the offset it appends at, so a failed write can be cut back with `truncate(to:)`.
struct FileDescriptor: ~Copyable {
    let raw: Int32
    let path: String

    /// Opens `path` with `flags` (`O_CLOEXEC` is added), creating it with `mode` when `O_CREAT` is set.
    init(opening path: String, flags: Int32, mode: mode_t = 0o644) throws(HistoryError) {
        var fd: Int32
        repeat { fd = open(path, flags | O_CLOEXEC, mode) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        raw = fd
        self.path = path
    }

    deinit {
        close(raw)
    }

    /// The file's size in bytes.
    func size() throws(HistoryError) -> Int64 {
        var info = stat()
        guard fstat(raw, &info) == 0 else { throw .io(operation: "fstat", path: path, errno: errno) }
        return Int64(info.st_size)
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int64) throws(HistoryError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(HistoryError) -> Int in try read(into: buffer, at: offset) }
        }
        bytes.removeLast(count - (try got.get()))
        return bytes
    }

    /// Fills `buffer` from `offset`; returns the bytes read, fewer than `buffer.count` only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(HistoryError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(raw, buffer.baseAddress! + done, buffer.count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "pread", path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Writes all of `bytes` at `offset`, or throws.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(HistoryError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(raw, bytes.baseAddress! + done, bytes.count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "pwrite", path: path, errno: errno)
            }
            done += n
        }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws(HistoryError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(HistoryError) in try write(buffer, at: offset) }
        }
        try result.get()
    }

    /// Cuts (or extends with zeros) the file to `length` bytes.
    func truncate(to length: Int64) throws(HistoryError) {
        var status: Int32
        repeat { status = ftruncate(raw, off_t(length)) } while status != 0 && errno == EINTR
        guard status == 0 else { throw .io(operation: "ftruncate", path: path, errno: errno) }
    }

    /// Forces the file's data (and the metadata needed to read it, such as its size) to stable storage.
    func sync() throws(HistoryError) {
        #if os(Linux)
        let status = fdatasync(raw)
        #else
        let status = fsync(raw)
        #endif
        guard status == 0 else { throw .io(operation: "fdatasync", path: path, errno: errno) }
    }
}
