#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoHistory

/// The `--ack-file`: holds the number of records durable in history (every sequence number below it survives a
/// crash as the fsync mode promises), as one decimal line rewritten in place.
///
/// One `pwrite` per change, never synced: the number is a promise about history, which is synced itself, and it
/// only grows, so a rewrite never leaves a shorter line behind.
final class HistoryAcknowledgement {
    private let fd: Int32
    private var written: UInt64 = .max

    init(path: String) throws(HistoryError) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
    }

    deinit { close(fd) }

    /// Writes `durable` if it moved.
    func update(_ durable: UInt64) {
        guard durable != written else { return }
        written = durable
        let text = Array("\(durable)\n".utf8)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
}
