#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

extension HistoryReader {
    /// One summary per segment, in sequence order. Counting distinct series decompresses every block's body
    /// (the dictionary is inside it) but decodes no columns; damaged blocks are left out and listed as damage.
    public func summaries() -> [SegmentSummary] {
        segments.map { segment in
            var summary = SegmentSummary(
                name: segment.name, firstSequence: segment.firstSequence, endSequence: segment.endSequence,
                timeRange: nil, blocks: 0, series: 0, samples: 0,
                bytes: segment.fileSize + segment.indexFileSize, indexed: segment.indexed, damage: segment.damage
            )
            let file: FileDescriptor
            do throws(HistoryError) {
                file = try FileDescriptor(opening: segment.path, flags: O_RDONLY)
            } catch {
                summary.damage.append(error)
                return summary
            }
            var series = Set<SeriesLabels>()
            var low = Int64.max
            var high = Int64.min
            for location in segment.blocks {
                do throws(HistoryError) {
                    for entry in try segment.readDictionary(location, from: file, decoder: &decoder) { series.insert(entry.labels) }
                } catch {
                    summary.damage.append(error)
                    continue
                }
                summary.blocks += 1
                summary.samples += location.header.sampleCount
                low = min(low, location.header.minTime)
                high = max(high, location.header.maxTime)
            }
            summary.series = series.count
            if summary.blocks > 0 { summary.timeRange = low...high }
            return summary
        }
    }

    /// Reads every segment in full, ignoring indexes (every frame, checksum and block), and the journal's
    /// records; counts what is sound and lists every problem, each naming its file and offset.
    public func verification() -> HistoryVerification {
        var result = HistoryVerification()
        result.segments = segments.count
        for segment in segments {
            do throws(HistoryError) {
                let (blocks, samples, damage) = try segment.check(decoder: &decoder)
                result.blocks += blocks
                result.samples += samples
                result.damage += damage
            } catch {
                result.damage.append(error)
            }
        }
        let directory = Directory(path: directory)
        do throws(HistoryError) {
            let (records, unreadable) = try Journal.records(in: directory)
            result.journalRecords = records.count
            result.journalSamples = records.reduce(0) { $0 + $1.samples.count }
            if unreadable > 0, let size = directory.size(of: Journal.name) {
                result.damage.append(.unreadableTail(segment: directory.file(Journal.name), offset: size - unreadable, length: unreadable))
            }
        } catch {
            result.damage.append(error)
        }
        return result
    }
}
