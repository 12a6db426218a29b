/// What can go wrong reading or writing history, each case naming the file (and offset) concerned.
///
/// Damage (`corruptBlock`, `unreadableTail`, `badSegmentHeader`) is reported, not thrown, by readers that skip
/// it and carry on: the rest of the history stays readable. `io` is thrown when the system refuses an operation.
public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed: `operation` (`open`, `pwrite`, `fdatasync`, …) on `path`, with `errno`.
    case io(operation: String, path: String, errno: Int32)
    /// The block framed at `offset` fails its header or payload checksum, or does not decode; it is skipped.
    case corruptBlock(segment: String, offset: Int64, reason: String)
    /// The segment's last `length` bytes, from `offset`, hold no complete block: a write cut short, or damage
    /// that left no block boundary to resynchronise on.
    case unreadableTail(segment: String, offset: Int64, length: Int64)
    /// The segment's 16-byte file header is missing or not a Seismo segment header; its blocks are still scanned.
    case badSegmentHeader(segment: String)

    /// The file the problem is in.
    public var path: String {
        switch self {
        case let .io(_, path, _): path
        case let .corruptBlock(segment, _, _), let .unreadableTail(segment, _, _), let .badSegmentHeader(segment): segment
        }
    }

    /// Where in the file, for damage at a known offset (the segment header is at 0).
    public var offset: Int64? {
        switch self {
        case .io: nil
        case let .corruptBlock(_, offset, _), let .unreadableTail(_, offset, _): offset
        case .badSegmentHeader: 0
        }
    }

    public var description: String {
        switch self {
        case let .io(operation, path, errno):
            "\(path): \(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case let .corruptBlock(segment, offset, reason):
            "\(segment): block at offset \(offset) is corrupt (\(reason)); skipped"
        case let .unreadableTail(segment, offset, length):
            "\(segment): \(length) bytes from offset \(offset) hold no complete block (write cut short or damaged)"
        case let .badSegmentHeader(segment):
            "\(segment): missing or damaged segment header"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
