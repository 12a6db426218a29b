import SeismoCore
import SeismoIngest
import SeismoWorkload
import Testing

@Suite struct WorkloadGeneratorTests {
    static let formats: [InputFormat] = [.influx, .prometheus, .graphite, .statsd, .jsonl, .csv]

    @Test(arguments: formats)
    func sameSpecGivesIdenticalBytesAndAnotherSeedDoesNot(format: InputFormat) {
        let spec = WorkloadSpec(series: 37, lines: 20_000, format: format, seed: 11, anomalies: WorkloadFixtures.densePlan)
        let first = WorkloadGenerator(spec)
        let second = WorkloadGenerator(spec)
        #expect(first.renderedBytes() == second.renderedBytes())
        #expect(first.renderedBytes() == first.renderedBytes(), "writing twice must repeat the stream")
        #expect(first.anomalies == second.anomalies)
        #expect(!first.anomalies.isEmpty)

        var other = spec
        other.seed = 12
        let reseeded = WorkloadGenerator(other)
        #expect(reseeded.renderedBytes() != first.renderedBytes())
        #expect(reseeded.anomalies != first.anomalies)
    }

    @Test(arguments: formats)
    func lineCountIsExactAndChunksEndOnLineBoundaries(format: InputFormat) {
        let generator = WorkloadGenerator(WorkloadSpec(series: 13, lines: 30_001, format: format, seed: 5))
        var chunks = 0
        var newlines = 0
        var bytes = 0
        generator.write { chunk in
            chunks += 1
            bytes += chunk.count
            newlines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            #expect(chunk.count <= WorkloadGenerator.chunkSize)
            #expect(chunk.last == 0x0A, "every chunk ends with a whole line")
        }
        #expect(newlines == generator.lineCount)
        #expect(generator.lineCount == 30_001 + generator.headerLineCount)
        #expect(chunks > bytes / WorkloadGenerator.chunkSize && chunks > 1, "30k lines span several 64 KiB chunks")
        let lines = WorkloadFixtures.lines(generator)
        #expect(lines.count == generator.lineCount)
        #expect(!lines.contains { $0.isEmpty })
    }

    @Test func headerLinesPerFormat() {
        func header(_ format: InputFormat, series: Int) -> Int {
            WorkloadGenerator(WorkloadSpec(series: series, lines: 10, format: format)).headerLineCount
        }
        #expect(header(.prometheus, series: 10) == 10, "HELP and TYPE for each of the five families")
        #expect(header(.prometheus, series: 2) == 4)
        #expect(header(.csv, series: 10) == 1)
        #expect(header(.csv, series: 1) == 1)
        for format in [InputFormat.influx, .graphite, .statsd, .jsonl] { #expect(header(format, series: 10) == 0) }
    }

    @Test func zeroLinesGivesOnlyTheHeader() {
        let generator = WorkloadGenerator(WorkloadSpec(series: 3, lines: 0, format: .csv))
        #expect(String(decoding: generator.renderedBytes(), as: UTF8.self) == "timestamp,name,value\n")
        #expect(WorkloadGenerator(WorkloadSpec(series: 3, lines: 0, format: .influx)).renderedBytes().isEmpty)
    }

    @Test func linesGoRoundRobinAndSampleCountsAddUp() {
        let spec = WorkloadSpec(series: 7, lines: 100)
        let generator = WorkloadGenerator(spec)
        #expect(generator.series.map(\.sampleCount) == [15, 15, 14, 14, 14, 14, 14])
        #expect(spec.timestamp(series: 0, sample: 1) - spec.timestamp(series: 0, sample: 0) == spec.interval)
        #expect(spec.timestamp(series: 6, sample: 0) < spec.timestamp(series: 0, sample: 1), "the stream is in time order")
    }

    @Test func everySeriesHasADistinctIdentityInEveryFormat() {
        for format in Self.formats {
            let generator = WorkloadGenerator(WorkloadSpec(series: 1_000, lines: 0, format: format))
            #expect(Set(generator.series.map(\.canonical)).count == 1_000)
            #expect(Set(generator.series.map(\.labels)).count == 1_000, "\(format)")
            #expect(generator.series.allSatisfy { $0.canonical.labels.count == 2 })
        }
        let kinds = WorkloadGenerator(WorkloadSpec(series: 10, lines: 0)).series.map(\.kind)
        #expect(Set(kinds) == Set(WorkloadSeries.Kind.allCases), "ten consecutive series hold every kind")
    }

    @Test func averageInfluxLineIsAroundEightyBytes() {
        let generator = WorkloadGenerator(WorkloadSpec(series: 100, lines: 10_000, format: .influx))
        let average = Double(generator.renderedBytes().count) / 10_000
        #expect((70...95).contains(average), "average line is \(average) bytes")
    }

    @Test func anomaliesRespectThePlan() {
        let plan = WorkloadFixtures.densePlan
        let generator = WorkloadGenerator(WorkloadSpec(series: 20, lines: 60_000, seed: 3, anomalies: plan))
        let anomalies = generator.anomalies
        #expect(Set(anomalies.map(\.kind)) == Set(InjectedAnomaly.Kind.allCases))
        #expect(anomalies == anomalies.sorted { ($0.start, $0.seriesIndex) < ($1.start, $1.seriesIndex) })
        for anomaly in anomalies {
            let series = generator.series[anomaly.seriesIndex]
            #expect(anomaly.series == series.labels)
            #expect(anomaly.kind.applies(to: series.kind), "\(anomaly)")
            #expect(anomaly.samples.lowerBound >= plan.warmup)
            #expect(anomaly.samples.upperBound < series.sampleCount)
            #expect(anomaly.kind == .spike ? anomaly.samples.count == 1 : plan.duration.contains(anomaly.samples.count))
            #expect(anomaly.start == generator.spec.timestamp(series: anomaly.seriesIndex, sample: anomaly.samples.lowerBound))
            #expect(anomaly.end == generator.spec.timestamp(series: anomaly.seriesIndex, sample: anomaly.samples.upperBound))
        }
        for index in generator.series.indices {
            let own = anomalies.filter { $0.seriesIndex == index }.sorted { $0.start < $1.start }
            for (a, b) in zip(own, own.dropFirst()) {
                #expect(b.samples.lowerBound - a.samples.upperBound > plan.cooldown, "\(a) and \(b) too close")
            }
        }
    }

    @Test func disabledKindsAreNeverInjected() {
        var plan = AnomalyPlan.none
        plan.spikeRate = 5
        let spikesOnly = WorkloadGenerator(WorkloadSpec(series: 10, lines: 20_000, anomalies: plan))
        #expect(!spikesOnly.anomalies.isEmpty)
        #expect(spikesOnly.anomalies.allSatisfy { $0.kind == .spike })
        #expect(WorkloadGenerator(WorkloadSpec(series: 10, lines: 20_000, anomalies: .none)).anomalies.isEmpty)
    }

    @Test func timestampsInTheGroundTruthAreTruncatedLikeTheFormat() {
        var spec = WorkloadSpec(series: 3, lines: 30_000, format: .graphite, interval: 1_500_000_123, anomalies: WorkloadFixtures.densePlan)
        let graphite = WorkloadGenerator(spec)
        #expect(!graphite.anomalies.isEmpty)
        #expect(graphite.anomalies.allSatisfy { $0.start % 1_000_000_000 == 0 && $0.end % 1_000_000_000 == 0 })
        spec.format = .jsonl
        let jsonl = WorkloadGenerator(spec)
        #expect(jsonl.anomalies.allSatisfy { $0.start % 1_000_000 == 0 && $0.end % 1_000_000 == 0 })
        #expect(jsonl.anomalies.map(\.samples) == graphite.anomalies.map(\.samples), "the schedule does not depend on the format")
    }
}
