import SeismoIngest
import SeismoTestSupport
import SeismoWorkload

/// Shared workloads and readers for the generator tests.
enum WorkloadFixtures {
    /// Anomalies dense enough that every kind shows up in a few thousand samples per series.
    static let densePlan = AnomalyPlan(
        spikeRate: 3, levelShiftRate: 1, varianceChangeRate: 1, trendChangeRate: 1, errorBurstRate: 3,
        duration: 30...60, warmup: 100, cooldown: 60
    )

    /// The output split into lines, without the newlines.
    static func lines(_ generator: WorkloadGenerator) -> [Substring] {
        let text = String(decoding: generator.renderedBytes(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Influx output run through the real parser; rows grouped by series name, in stream order.
    static func parsedInflux(_ generator: WorkloadGenerator) -> (harness: ParseHarness<InfluxLineParser>, bySeries: [String: [Double]]) {
        var harness = ParseHarness(InfluxLineParser())
        harness.feed(String(decoding: generator.renderedBytes(), as: UTF8.self))
        var bySeries: [String: [Double]] = [:]
        for row in harness.rows { bySeries[row.series, default: []].append(row.value) }
        return (harness, bySeries)
    }

    static func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    static func standardDeviation(_ values: ArraySlice<Double>) -> Double {
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
