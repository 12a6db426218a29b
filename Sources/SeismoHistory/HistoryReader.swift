#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a history directory: lists its segments, picks blocks by time range through their indexes, and decodes
/// them, skipping damaged blocks and reporting each with its segment file and offset.
///
/// ```swift
/// let reader = try HistoryReader(directory: "data")
/// let damage = reader.forEachBlock(from: start, to: end) { block in
///     for sample in block.samples where (start...end).contains(sample.timestamp) {
///         let labels = block.series[sample.series.index].labels
///         …
///     }
/// }
/// ```
///
/// Not thread-safe (it keeps one zstd context); use one reader per thread. Memory is bounded by the largest
/// block, not by the history's size: blocks are read and decoded one at a time.
public final class HistoryReader {
    public let directory: String
    /// In sequence order.
    public let segments: [SegmentReader]
    var decoder = BlockDecoder()

    /// Lists `directory`'s segments and locates their blocks (from index files where valid). Throws only when
    /// the directory or a segment cannot be opened; damage is collected in `damage`.
    public init(directory: String) throws(HistoryError) {
        self.directory = directory
        let dir = Directory(path: directory)
        let names = try dir.list().compactMap { name in SegmentName.sequence(ofSegment: name).map { (name, $0) } }
        var segments: [SegmentReader] = []
        for (name, _) in names.sorted(by: { $0.1 < $1.1 }) {
            segments.append(try SegmentReader(directory: dir, name: name))
        }
        self.segments = segments
    }

    /// One past the last sequence number of the blocks listed (0 without any).
    public var endSequence: UInt64 { segments.map(\.endSequence).max() ?? 0 }

    /// What the directory's journal holds past the blocks listed here (`JournalTail`): the open block of a run that
    /// is still writing, or was killed before writing it. Read when called: a live writer may have written more
    /// blocks since the listing, whose samples then show as `JournalTail.lostSequences`. No journal reads as empty.
    public func journalTail() throws(HistoryError) -> JournalTail {
        try JournalTail.read(in: Directory(path: directory), after: endSequence)
    }

    /// Damage met while locating blocks (damaged frame headers, unreadable tails), in segment order.
    public var damage: [HistoryError] { segments.flatMap(\.damage) }

    /// The blocks that may hold samples in `from...to` (inclusive), in sequence order; a block may also hold
    /// samples outside the range, which callers filter out.
    public func blocks(from: Int64 = .min, to: Int64 = .max) -> [BlockReference] {
        var found: [BlockReference] = []
        for (index, segment) in segments.enumerated() {
            for block in segment.blocks where block.header.overlaps(from: from, to: to) {
                found.append(BlockReference(segment: index, location: block))
            }
        }
        return found
    }

    /// Reads and decodes one block; a damaged one throws `corruptBlock` naming its segment and offset.
    public func read(_ block: BlockReference) throws(HistoryError) -> DecodedBlock {
        let segment = segments[block.segment]
        let file = try FileDescriptor(opening: segment.path, flags: O_RDONLY)
        return try segment.readBlock(block.location, from: file, decoder: &decoder)
    }

    /// Decodes the blocks overlapping `from...to` one at a time, in sequence order, and hands each to `body`.
    /// Damaged blocks are skipped; returns the damage met (locating and reading), in order. An error thrown by
    /// `body` stops the walk and is rethrown.
    @discardableResult
    public func forEachBlock<E: Error>(
        from: Int64 = .min, to: Int64 = .max, _ body: (DecodedBlock) throws(E) -> Void
    ) throws(E) -> [HistoryError] {
        var damage: [HistoryError] = []
        for segment in segments {
            let wanted = segment.blocks.filter { $0.header.overlaps(from: from, to: to) }
            damage.append(contentsOf: segment.damage)
            guard !wanted.isEmpty else { continue }
            let file: FileDescriptor
            do throws(HistoryError) {
                file = try FileDescriptor(opening: segment.path, flags: O_RDONLY)
            } catch {
                damage.append(error)
                continue
            }
            for location in wanted {
                var block: DecodedBlock
                do throws(HistoryError) {
                    block = try segment.readBlock(location, from: file, decoder: &decoder)
                } catch {
                    damage.append(error)
                    continue
                }
                try body(block)
                // Unless `body` kept the samples, the next block decodes into their memory.
                decoder.recycle(&block.samples)
            }
        }
        return damage
    }

    /// Reads every segment in full, ignoring indexes: checks every checksum and decodes every block. Returns all
    /// damage found; empty means the history is sound.
    public func verify() -> [HistoryError] {
        var damage: [HistoryError] = []
        for segment in segments {
            do throws(HistoryError) {
                damage.append(contentsOf: try segment.verify(decoder: &decoder))
            } catch {
                damage.append(error)
            }
        }
        return damage
    }
}
