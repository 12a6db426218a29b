import SeismoCore
import SeismoIngest
import SeismoWorkload

/// One series of a generated stream with its ground truth: the values a detector sees, in order, and the sample
/// ranges the generator bent.
struct LabelledSeries {
    var kind: WorkloadSeries.Kind
    var values: [Double]
    /// Ordered, non-overlapping.
    var anomalies: [ClosedRange<Int>]
}

/// A labelled stream: the generator's output in JSON lines, read back through the same parser and `Ingestor`
/// the engine uses, split per series and matched with `WorkloadGenerator.anomalies`.
struct LabelledStream {
    var series: [LabelledSeries]

    /// - Parameters:
    ///   - kinds: series kinds kept (others are generated, then dropped).
    ///   - samplesPerSeries: length of every series.
    ///   - period: length of the daily cycle in samples (the generator's `dayPeriod / interval`).
    init(plan: AnomalyPlan, kinds: Set<WorkloadSeries.Kind>, seriesCount: Int, samplesPerSeries: Int, period: Int, seed: UInt64) {
        let interval: Int64 = 300 * 1_000_000_000  // five-minute samples, as in most NAB streams
        let spec = WorkloadSpec(
            series: seriesCount, lines: seriesCount * samplesPerSeries, format: .jsonl, seed: seed, interval: interval,
            dayPeriod: Int64(period) * interval, anomalies: plan
        )
        let generator = WorkloadGenerator(spec)
        let registry = SeriesRegistry()
        var limits = IngestLimits()
        limits.outOfOrderWindow = 0
        var ingestor = Ingestor(
            parser: JSONLineParser(), context: ParseContext(series: SeriesTable(limits: limits, registry: registry)),
            rejectLog: RejectLog(write: { print("evaluation: \($0)") })
        )
        var samples: [Sample] = []
        samples.reserveCapacity(spec.lines)
        var number: UInt64 = 0
        generator.write { chunk in
            var start = 0
            for i in 0..<chunk.count where chunk[i] == 0x0A {
                number += 1
                ingestor.ingest(line: UnsafeRawBufferPointer(rebasing: chunk[start..<i]), number: number)
                start = i + 1
            }
            ingestor.takeSamples { samples.append(contentsOf: $0) }
        }
        precondition(ingestor.stats.rejectedLines == 0, "the generated stream must parse cleanly")

        var indexOf: [SeriesLabels: Int] = [:]
        for (i, s) in generator.series.enumerated() { indexOf[s.labels] = i }
        let labels = registry.snapshot()
        var values = Array(repeating: [Double](), count: generator.series.count)
        for sample in samples {
            values[indexOf[labels[sample.series.index]]!].append(sample.value)
        }
        var truth = Array(repeating: [ClosedRange<Int>](), count: generator.series.count)
        for anomaly in generator.anomalies { truth[anomaly.seriesIndex].append(anomaly.samples) }

        series = []
        for (i, s) in generator.series.enumerated() where kinds.contains(s.kind) {
            var v = values[i]
            if s.kind == .counter { v = Self.increments(v) }
            series.append(LabelledSeries(kind: s.kind, values: v, anomalies: truth[i].sorted { $0.lowerBound < $1.lowerBound }))
        }
    }

    /// A counter's increase per sample (a reset counts the new total); the first sample's increase is taken
    /// to be the second's, so ordinals stay aligned with the truth.
    static func increments(_ totals: [Double]) -> [Double] {
        guard totals.count > 1 else { return totals }
        var out = [Double](repeating: 0, count: totals.count)
        for k in 1..<totals.count {
            let d = totals[k] - totals[k - 1]
            out[k] = d >= 0 ? d : totals[k]
        }
        out[0] = out[1]
        return out
    }
}
