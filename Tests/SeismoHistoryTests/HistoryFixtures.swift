import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport

/// A monotonic clock the test moves by hand, so block delays and sync intervals are deterministic.
final class ManualClock: @unchecked Sendable {
    var now: UInt64 = 1_000

    func advance(by nanoseconds: UInt64) { now += nanoseconds }
    var function: () -> UInt64 { { self.now } }
}

/// Test data and file plumbing shared by the history tests.
enum HistoryFixtures {
    /// Labels of series `id` in the fixtures: `metric_<id % 3>{host="h<id>"}`.
    static func labels(_ id: SeriesID) -> SeriesLabels {
        SeriesLabels(metric: "metric_\(id.rawValue % 3)", labels: [Label(name: "host", value: "h\(id.rawValue)")])
    }

    /// `count` samples over `series` series, round-robin, 10 s apart per series, values with two decimals.
    static func regularSamples(count: Int, series: Int, start: Int64 = 1_700_000_000_000_000_000, seed: UInt64 = 1) -> [Sample] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let s = i % series
            let k = i / series
            let value = (Double(Int.random(in: 0..<100_000, using: &rng)) / 100)
            return Sample(series: SeriesID(UInt32(s)), timestamp: start + Int64(k) * 10_000_000_000 + Int64(s) * 1_000_000, value: value)
        }
    }

    static func configuration(_ dir: URL) -> HistoryConfiguration {
        var configuration = HistoryConfiguration(directory: dir.path)
        configuration.fsync = .never
        return configuration
    }

    /// Writes `samples` in blocks of `blockSize` and closes the writer.
    static func write(_ samples: [Sample], to dir: URL, blockSize: Int, configure: (inout HistoryConfiguration) -> Void = { _ in }) throws {
        var configuration = configuration(dir)
        configuration.maxBlockSamples = blockSize
        configure(&configuration)
        let (writer, _) = try HistoryWriter.open(configuration)
        try writer.append(samples, labels: labels)
        try writer.close()
    }

    /// Appends `samples` `batch` at a time and drops the writer unclosed, as a killed run leaves it: whatever has
    /// not made a block stays in the journal. Returns the writer's sealed sequence before the drop.
    @discardableResult
    static func appendUnclosed(
        _ samples: [Sample], to dir: URL, batch: Int, configure: (inout HistoryConfiguration) -> Void
    ) throws -> UInt64 {
        var configuration = configuration(dir)
        configure(&configuration)
        let (writer, _) = try HistoryWriter.open(configuration)
        for start in stride(from: 0, to: samples.count, by: batch) {
            try writer.append(Array(samples[start..<min(start + batch, samples.count)]), labels: labels)
        }
        return writer.sealedSequence
    }

    /// Every sample in the directory, with the ids it was written with, in sequence order, and the damage met.
    static func readAll(_ dir: URL) throws -> (samples: [Sample], damage: [HistoryError]) {
        let reader = try HistoryReader(directory: dir.path)
        var samples: [Sample] = []
        let damage = reader.forEachBlock { block in samples += block.samplesWithWrittenIDs }
        return (samples, damage)
    }

    static func segmentFiles(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sz") }.sorted()
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func write(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }
}

/// Bitwise equality for samples, so NaN payloads and -0.0 count.
func sameBits(_ a: [Sample], _ b: [Sample]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy {
        $0.series == $1.series && $0.timestamp == $1.timestamp && $0.value.bitPattern == $1.value.bitPattern
    }
}
