import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoIngest
import SeismoTestSupport
import Testing

/// `seismo history ls|verify|export`, run as the built binary on histories written here with `HistoryWriter`.
@Suite struct HistoryCommandTests {
    static let start: Int64 = 1_700_000_000_000_000_000

    /// Labels with characters every format must escape or quote.
    static func labels(_ id: SeriesID) -> SeriesLabels {
        switch id.rawValue % 4 {
        case 0: SeriesLabels(metric: "cpu_usage", labels: [Label(name: "host", value: "h\(id.rawValue)")])
        case 1: SeriesLabels(metric: "disk_free", labels: [Label(name: "host", value: "h \(id.rawValue), \"x\"=y"), Label(name: "mount", value: "/")])
        case 2: SeriesLabels(metric: "queue_depth", labels: [Label(name: "zone", value: "eu\\\(id.rawValue)")])
        default: SeriesLabels(metric: "up", labels: id.rawValue == 3 ? [] : [Label(name: "job", value: "j\(id.rawValue)")])
        }
    }

    /// Values whose shortest text is tricky: tiny, huge, subnormal, negative zero, many digits, integers.
    static let values: [Double] = [
        0.1, 146.59, 1e-05, -3.5e20, .leastNonzeroMagnitude, 1.7976931348623157e308, -0.0, 0, 42, 123456789012345680, 0.30000000000000004, -7.25,
        2.220446049250313e-16, 9_007_199_254_740_994,
    ]

    /// `count` samples over 8 series, round-robin, whole milliseconds apart (so Prometheus text keeps them).
    static func samples(count: Int, seed: UInt64 = 3) -> [Sample] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let value = i % 3 == 0 ? values[i / 3 % values.count] : Double(Int.random(in: -100_000...100_000, using: &rng)) / 1000
            return Sample(series: SeriesID(UInt32(i % 8)), timestamp: start + Int64(i / 8) * 15_000_000_000 + Int64(i % 8) * 1_000_000, value: value)
        }
    }

    static func write(_ samples: [Sample], to dir: URL, configure: (inout HistoryConfiguration) -> Void = { _ in }) throws {
        var configuration = HistoryFixtures.configuration(dir)
        configuration.minBlockSamples = 100
        configuration.samplesPerSeries = 0
        configure(&configuration)
        let (writer, _) = try HistoryWriter.open(configuration)
        try writer.append(samples, labels: labels)
        try writer.close()
    }

    /// Parses `text` with `parser` as `seismo run` would (any lateness accepted).
    static func parse<P: LineParser>(_ text: String, with parser: P) -> (rows: [ParseHarness<P>.Row], rejected: UInt64) {
        var limits = IngestLimits()
        limits.outOfOrderWindow = .max
        var harness = ParseHarness(parser, limits: limits)
        harness.feed(text)
        return (harness.rows, harness.stats.rejectedLines)
    }

    static func expectSameRows<P>(_ rows: [ParseHarness<P>.Row], _ samples: [Sample], timestampUnit: Int64 = 1, _ note: String) {
        #expect(rows.count == samples.count, "\(note): \(rows.count) rows for \(samples.count) samples")
        for (row, sample) in zip(rows, samples) {
            let expected = labels(sample.series).description
            guard row.series == expected, row.timestamp == sample.timestamp / timestampUnit * timestampUnit,
                  row.value.bitPattern == sample.value.bitPattern
            else {
                Issue.record("\(note): read back \(row), wrote \(expected) \(sample.value) @\(sample.timestamp)")
                return
            }
        }
    }

    // MARK: export

    @Test func exportRoundTripsEveryValueBitForBitInEachFormat() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = Self.samples(count: 1_000)
            try Self.write(samples, to: dir)

            let influx = try SeismoProcess.run(["history", "export", "--data", dir.path])
            #expect(influx.status == 0, "\(influx.stderr)")
            #expect(influx.stderr.contains("exported 1000 samples of 8 series"))
            let fromInflux = Self.parse(influx.stdoutText, with: InfluxLineParser())
            #expect(fromInflux.rejected == 0)
            Self.expectSameRows(fromInflux.rows, samples, "influx")

            let csv = try SeismoProcess.run(["history", "export", "--data", dir.path, "--format", "csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdoutText.hasPrefix("timestamp,value,name,host,job,mount,zone\n"))
            let fromCSV = Self.parse(csv.stdoutText, with: CSVLineParser())
            #expect(fromCSV.rejected == 0)
            Self.expectSameRows(fromCSV.rows, samples, "csv")

            let prometheus = try SeismoProcess.run(["history", "export", "--data", dir.path, "--format", "prometheus"])
            #expect(prometheus.status == 0, "\(prometheus.stderr)")
            let fromPrometheus = Self.parse(prometheus.stdoutText, with: PrometheusLineParser())
            #expect(fromPrometheus.rejected == 0)
            Self.expectSameRows(fromPrometheus.rows, samples, timestampUnit: 1_000_000, "prometheus")
        }
    }

    @Test func exportSelectsByTimeRangeAndSelector() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = Self.samples(count: 2_000)
            try Self.write(samples, to: dir)
            let from = Self.start + 30 * 15_000_000_000
            let to = Self.start + 90 * 15_000_000_000 + 3_000_000
            let cases: [(arguments: [String], keep: (Sample) -> Bool)] = [
                (["--from", String(from)], { $0.timestamp >= from }),
                (["--to", "2023-11-14T22:35:50.003Z"], { $0.timestamp <= to }),
                (["--from", String(from), "--to", String(to), "--match", "cpu_usage"],
                 { $0.timestamp >= from && $0.timestamp <= to && $0.series.rawValue % 4 == 0 }),
                (["--match", #"{host=~"h.*",mount!="/"}"#], { $0.series.rawValue % 4 == 0 }),
                (["--match", #"{__name__=~"up|disk_free"}"#], { $0.series.rawValue % 4 == 1 || $0.series.rawValue % 4 == 3 }),
            ]
            for (arguments, keep) in cases {
                let result = try SeismoProcess.run(["history", "export", "--data", dir.path] + arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                let expected = samples.filter(keep)
                #expect(!expected.isEmpty && expected.count < samples.count)
                Self.expectSameRows(Self.parse(result.stdoutText, with: InfluxLineParser()).rows, expected, "\(arguments)")
            }
            let bad = try SeismoProcess.run(["history", "export", "--data", dir.path, "--match", "rate(x[5m])"])
            #expect(bad.status != 0 && bad.stderr.contains("--match"))
        }
    }

    @Test func nonFiniteValuesGoToPrometheusTextAndAreCountedElsewhere() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            var samples = Self.samples(count: 64)
            samples[8].value = .nan
            samples[9].value = .infinity
            samples[10].value = -.infinity
            try Self.write(samples, to: dir)
            let influx = try SeismoProcess.run(["history", "export", "--data", dir.path])
            #expect(influx.status == 0)
            #expect(influx.stderr.contains("3 NaN or infinite samples left out"))
            Self.expectSameRows(Self.parse(influx.stdoutText, with: InfluxLineParser()).rows, samples.filter(\.value.isFinite), "influx")
            let prometheus = try SeismoProcess.run(["history", "export", "--data", dir.path, "--format", "prometheus"])
            // Prometheus text carries them (Seismo's own parser then rejects them as non-finite, as at ingest).
            let lines = prometheus.stdoutText.split(separator: "\n")
            #expect(lines.count == 64)
            #expect(lines[8].hasSuffix(" NaN \(samples[8].timestamp / 1_000_000)"))
            #expect(lines[9].contains(" +Inf ") && lines[10].contains(" -Inf "))
            let parsed = Self.parse(prometheus.stdoutText, with: PrometheusLineParser())
            #expect(parsed.rejected == 3)
            Self.expectSameRows(parsed.rows, samples.filter(\.value.isFinite), timestampUnit: 1_000_000, "prometheus")
        }
    }

    // MARK: ls

    @Test func lsListsEverySegmentWithItsRangeSeriesSamplesAndBytes() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = Self.samples(count: 3_000)
            // Segments of at most 10 minutes of event time: 3,000 samples over 8 series at 15 s span 93 minutes.
            try Self.write(samples, to: dir) { $0.maxSegmentSpan = 600_000_000_000 }
            let result = try SeismoProcess.run(["history", "ls", "--data", dir.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            let segments = try #require(object["segments"] as? [[String: Any]])
            #expect(segments.count >= 9)
            let reader = try HistoryReader(directory: dir.path)
            var total = 0
            var bytes = 0
            for (segment, json) in zip(reader.segments, segments) {
                // The reference: decode the segment's blocks and count.
                var inSegment: [Sample] = []
                var series = Set<SeriesLabels>()
                for location in segment.blocks {
                    let index = reader.segments.firstIndex { $0.name == segment.name }!
                    let block = try reader.read(BlockReference(segment: index, location: location))
                    inSegment += block.samples
                    series.formUnion(block.series.map(\.labels))
                }
                #expect(json["name"] as? String == segment.name)
                #expect(json["samples"] as? Int == inSegment.count)
                #expect(json["series"] as? Int == series.count)
                #expect(json["min_time"] as? Int == Int(inSegment.map(\.timestamp).min()!))
                #expect(json["max_time"] as? Int == Int(inSegment.map(\.timestamp).max()!))
                #expect(json["bytes"] as? Int == Int(segment.fileSize + segment.indexFileSize))
                total += inSegment.count
                bytes += Int(segment.fileSize + segment.indexFileSize)
            }
            #expect(total == samples.count)
            #expect(object["samples"] as? Int == samples.count)
            #expect(object["bytes"] as? Int == bytes)
            // A closed history: nothing waits in the journal, and the table has no row for it.
            #expect((object["journal"] as? [String: Any])?["samples"] as? Int == 0)

            let table = try SeismoProcess.run(["history", "ls", "--data", dir.path])
            let lines = table.stdoutText.split(separator: "\n")
            #expect(lines.first?.hasPrefix("segment") == true)
            #expect(lines.count == segments.count + 2)
            #expect(lines[1].hasPrefix("seg-00000000000000000000.sz") && lines[1].contains("2023-11-14T22:13:20Z"))
            #expect(lines.last?.contains(" \(samples.count) ") == true)
        }
    }

    /// A killed writer's journal gets a row after the total and its own object in the JSON; the segments' counts
    /// stay theirs.
    @Test func lsShowsWhatTheJournalHoldsPastTheBlocks() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = try JournalTailTests.killedWriter(in: dir)
            let result = try SeismoProcess.run(["history", "ls", "--data", dir.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(object["samples"] as? Int == 40)
            let journal = try #require(object["journal"] as? [String: Any])
            #expect(journal["first_sequence"] as? Int == 40 && journal["samples"] as? Int == 10)
            #expect(journal["series"] as? Int == 3 && journal["unreadable_bytes"] as? Int == 0)
            #expect(journal["min_time"] as? Int == Int(samples[40].timestamp))
            #expect(journal["max_time"] as? Int == Int(samples[40...].map(\.timestamp).max()!))

            let table = try SeismoProcess.run(["history", "ls", "--data", dir.path]).stdoutText.split(separator: "\n")
            #expect(table.last?.hasPrefix("journal.wal (not yet a block)") == true, "\(table)")
            #expect(table.last?.contains(" 10 ") == true, "\(table)")
            #expect(table[table.count - 2].hasPrefix("total"))
        }
    }

    // MARK: verify

    @Test func verifyPassesASoundHistoryAndNamesEachDamagedBlockAndTheJournalTail() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = Self.samples(count: 1_000)
            try Self.write(samples, to: dir)
            let sound = try SeismoProcess.run(["history", "verify", "--data", dir.path])
            #expect(sound.status == 0, "\(sound.stderr)")
            #expect(sound.stdoutText.contains("1000 samples checked") && sound.stdoutText.contains("no damage"))

            // Flip a bit in the middle of the second and fourth blocks' payloads.
            let reader = try HistoryReader(directory: dir.path)
            let segment = reader.segments[0]
            let damaged = [segment.blocks[1], segment.blocks[3]]
            let url = URL(fileURLWithPath: segment.path)
            var bytes = try HistoryFixtures.bytes(url)
            for block in damaged { bytes[Int(block.offset) + block.length / 2] ^= 0x10 }
            try HistoryFixtures.write(bytes, to: url)
            // And a torn record at the end of the journal.
            let journal = dir.appendingPathComponent(Journal.name)
            try HistoryFixtures.write(Journal.magic + [0x53, 0x5A, 0x4A, 0x52, 9, 9], to: journal)

            let result = try SeismoProcess.run(["history", "verify", "--data", dir.path])
            #expect(result.status == 1)
            for block in damaged {
                #expect(result.stderr.contains("\(segment.path): block at offset \(block.offset) is corrupt (payload checksum mismatch)"), "\(result.stderr)")
            }
            #expect(result.stderr.contains("\(journal.path): 6 bytes from offset 8"), "\(result.stderr)")
            let problems = result.stderr.split(separator: "\n").filter { $0.hasPrefix("seismo: ") }
            #expect(problems.count == 3)
            #expect(result.stdoutText.contains("\(1_000 - damaged.map(\.header.sampleCount).reduce(0, +)) samples checked"))
        }
    }
}
