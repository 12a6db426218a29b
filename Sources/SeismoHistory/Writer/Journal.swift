#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `journal.wal`: the samples of the open block, appended raw as they arrive, so that they survive a crash
/// before their block is written.
///
/// Blocks compress well only when large (32k samples and up), which on a slow stream takes long to fill; the
/// journal lets them fill without putting the samples at risk. Layout: magic `SZJNLv01`, then `JournalRecord`s
/// framed like blocks (magic `SZJR`). When blocks have been written the journal is replaced (write a temporary
/// file, rename over) by one holding only the open block's samples, so it stays about one block long.
final class Journal {
    static let name = "journal.wal"
    static let magic: [UInt8] = Array("SZJNLv01".utf8)

    private let directory: Directory
    private var file: FileDescriptor
    /// Bytes in the file; the next record is written here.
    private(set) var length: Int64

    /// Replaces any journal in `directory` with one holding `record` (or none).
    init(creatingIn directory: Directory, with record: [UInt8]?, sync: Bool) throws(HistoryError) {
        self.directory = directory
        let bytes = Self.contents(record)
        file = try Self.replace(in: directory, with: bytes, sync: sync)
        length = Int64(bytes.count)
    }

    /// Appends one framed record.
    func append(_ record: [UInt8]) throws(HistoryError) {
        let frame = FrameHeader.frame(record, magic: FrameHeader.journalMagic)
        do throws(HistoryError) {
            try file.write(frame, at: length)
        } catch {
            try? file.truncate(to: length)
            throw error
        }
        length += Int64(frame.count)
    }

    func sync() throws(HistoryError) {
        try file.sync()
    }

    /// Replaces the journal with one holding `record` (or none); the caller syncs the directory.
    func reset(with record: [UInt8]?, sync: Bool) throws(HistoryError) {
        let bytes = Self.contents(record)
        file = try Self.replace(in: directory, with: bytes, sync: sync)
        length = Int64(bytes.count)
    }

    private static func contents(_ record: [UInt8]?) -> [UInt8] {
        guard let record else { return magic }
        return magic + FrameHeader.frame(record, magic: FrameHeader.journalMagic)
    }

    private static func replace(in directory: Directory, with bytes: [UInt8], sync: Bool) throws(HistoryError) -> FileDescriptor {
        let temporary = name + ".tmp"
        let file = try FileDescriptor(opening: directory.file(temporary), flags: O_RDWR | O_CREAT | O_TRUNC)
        try file.write(bytes, at: 0)
        if sync { try file.sync() }
        try directory.rename(temporary, to: name)
        return file
    }

    /// The records of the journal in `directory`, up to the first damaged or incomplete one, and the bytes after
    /// them. No journal reads as none.
    static func records(in directory: Directory) throws(HistoryError) -> (records: [JournalRecord], unreadableBytes: Int64) {
        guard let size = directory.size(of: name) else { return ([], 0) }
        let file = try FileDescriptor(opening: directory.file(name), flags: O_RDONLY)
        let bytes = try file.read(count: Int(size), at: 0)
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return ([], Int64(bytes.count)) }
        return bytes.withUnsafeBytes { raw in
            var records: [JournalRecord] = []
            var position = magic.count
            while raw.count - position >= FrameHeader.size {
                guard let frame = FrameHeader(UnsafeRawBufferPointer(rebasing: raw[position...]), magic: FrameHeader.journalMagic),
                      raw.count - position - FrameHeader.size >= frame.payloadLength
                else { break }
                let payload = UnsafeRawBufferPointer(
                    rebasing: raw[(position + FrameHeader.size)..<(position + FrameHeader.size + frame.payloadLength)]
                )
                guard CRC32C.checksum(payload) == frame.payloadChecksum,
                      let record = try? JournalRecord(decoding: payload)
                else { break }
                records.append(record)
                position += FrameHeader.size + frame.payloadLength
            }
            return (records, Int64(raw.count - position))
        }
    }
}
