import SeismoCore
import SeismoIngest
import SeismoWorkload
import Testing

/// The ground truth matches the data: the influx output is parsed back with the real parser and every injected
/// anomaly is looked for in the parsed values.
@Suite struct InjectedAnomalyTests {
    let generator = WorkloadGenerator(WorkloadSpec(series: 10, lines: 30_000, seed: 21, anomalies: WorkloadFixtures.densePlan))
    let values: [String: [Double]]

    init() { values = WorkloadFixtures.parsedInflux(generator).bySeries }

    /// The series' values as the detectors see them: counters as increments per interval (0 before the first).
    func signal(_ anomaly: InjectedAnomaly) -> [Double] {
        let raw = values[anomaly.series.description] ?? []
        guard generator.series[anomaly.seriesIndex].kind == .counter else { return raw }
        return [0] + zip(raw, raw.dropFirst()).map { $1 - $0 }
    }

    func anomalies(_ kind: InjectedAnomaly.Kind) -> [InjectedAnomaly] {
        let found = generator.anomalies.filter { $0.kind == kind }
        #expect(found.count >= 5, "the dense plan should inject several \(kind)s, got \(found.count)")
        return found
    }

    @Test func spikeIsFarFromItsNeighbours() {
        for spike in anomalies(.spike) {
            let signal = signal(spike)
            let k = spike.samples.lowerBound
            let neighbours = Array(signal[(k - 5)..<k] + signal[(k + 1)...(k + 5)])
            let middle = WorkloadFixtures.median(neighbours)
            let spread = max(WorkloadFixtures.median(neighbours.map { abs($0 - middle) }), 0.5)
            #expect(abs(signal[k] - middle) > 5 * spread, "\(spike): \(signal[k]) among \(neighbours)")
        }
    }

    /// The mean over `part` of the window against the mean and spread of the 30 clean samples before it.
    func shift(_ anomaly: InjectedAnomaly, part: ClosedRange<Int>) -> (shift: Double, spread: Double) {
        let signal = signal(anomaly)
        let before = signal[(anomaly.samples.lowerBound - 30)..<anomaly.samples.lowerBound]
        let shift = abs(WorkloadFixtures.mean(signal[part]) - WorkloadFixtures.mean(before))
        return (shift, WorkloadFixtures.standardDeviation(before))
    }

    @Test func levelShiftMovesTheMeanOfTheWindow() {
        for anomaly in anomalies(.levelShift) {
            let (shift, spread) = shift(anomaly, part: anomaly.samples)
            #expect(shift > 2.5 * spread, "\(anomaly): shift \(shift), sd before \(spread)")
        }
    }

    @Test func trendChangeEndsFarFromWhereItStarted() {
        for anomaly in anomalies(.trendChange) {
            let lastQuarter = (anomaly.samples.upperBound - anomaly.samples.count / 4)...anomaly.samples.upperBound
            let (shift, spread) = shift(anomaly, part: lastQuarter)
            #expect(shift > 2.5 * spread, "\(anomaly): shift \(shift), sd before \(spread)")
        }
    }

    @Test func varianceChangeWidensTheNoise() {
        for anomaly in anomalies(.varianceChange) {
            let signal = signal(anomaly)
            let before = signal[(anomaly.samples.lowerBound - 30)..<anomaly.samples.lowerBound]
            let during = WorkloadFixtures.standardDeviation(signal[anomaly.samples])
            #expect(during > 2 * WorkloadFixtures.standardDeviation(before), "\(anomaly): sd \(during)")
        }
    }

    @Test func errorBurstRaisesTheErrorRate() {
        var failuresInside = 0.0
        var samplesInside = 0.0
        for burst in anomalies(.errorBurst) {
            let window = signal(burst)[burst.samples]
            let failures = window.filter { $0 == 0 }.count
            #expect(failures > 0, "\(burst) has no failed call")
            failuresInside += Double(failures)
            samplesInside += Double(window.count)
        }
        var failuresOutside = 0.0
        var samplesOutside = 0.0
        for (index, series) in generator.series.enumerated() where series.kind == .requestOutcome {
            let outcomes = values[series.labels.description] ?? []
            #expect(outcomes.allSatisfy { $0 == 0 || $0 == 1 })
            let windows = generator.anomalies.filter { $0.seriesIndex == index }.map(\.samples)
            for (k, outcome) in outcomes.enumerated() where !windows.contains(where: { $0.contains(k) }) {
                failuresOutside += outcome == 0 ? 1 : 0
                samplesOutside += 1
            }
        }
        #expect(failuresInside / samplesInside > 0.2)
        #expect(failuresOutside / samplesOutside < 0.05)
    }

    @Test func samplesOutsideTheWindowsMatchTheCleanBaseline() throws {
        var clean = generator.spec
        clean.anomalies = .none
        let withAnomalies = WorkloadFixtures.lines(generator)
        let baseline = WorkloadFixtures.lines(WorkloadGenerator(clean))
        try #require(withAnomalies.count == baseline.count)
        let n = generator.spec.series
        var windows: [Int: [InjectedAnomaly]] = [:]
        for anomaly in generator.anomalies { windows[anomaly.seriesIndex, default: []].append(anomaly) }
        var differingInside = 0
        for (i, line) in withAnomalies.enumerated() {
            let (k, s) = i.quotientAndRemainder(dividingBy: n)
            // A counter's running total carries an anomaly's extra increments forward, so only its windows differ
            // in shape; its later lines differ in level.
            guard generator.series[s].kind != .counter else { continue }
            let anomaly = windows[s]?.first { $0.samples.contains(k) }
            if let anomaly {
                if line != baseline[i] { differingInside += 1 }
                if anomaly.kind == .spike { #expect(line != baseline[i], "\(anomaly) left the line unchanged") }
            } else {
                #expect(line == baseline[i], "line \(i) of series \(s) changed outside every anomaly")
            }
        }
        #expect(differingInside > 0)
    }

    @Test func countersOnlyGoDownAtResetsAndNeverInsideAnomalies() {
        var spec = WorkloadSpec(series: 20, lines: 40_000, seed: 8, counterResetRate: 5, anomalies: WorkloadFixtures.densePlan)
        var resets = 0
        for rate in [0.0, 5] {
            spec.counterResetRate = rate
            let generator = WorkloadGenerator(spec)
            let values = WorkloadFixtures.parsedInflux(generator).bySeries
            for (index, series) in generator.series.enumerated() where series.kind == .counter {
                let totals = values[series.labels.description] ?? []
                #expect(totals.count == series.sampleCount)
                let windows = generator.anomalies.filter { $0.seriesIndex == index }.map(\.samples)
                for k in totals.indices.dropFirst() where totals[k] < totals[k - 1] {
                    #expect(rate > 0, "counter \(series.labels) went down without resets enabled")
                    #expect(!windows.contains { $0.contains(k) }, "reset inside an anomaly of \(series.labels)")
                    #expect(totals[k] < 10_000, "a reset restarts near zero")
                    resets += 1
                }
            }
        }
        // 4 counter series × 2,000 samples × 5 per 1,000 = 40, less the samples inside anomalies.
        #expect((20...60).contains(resets), "\(resets) resets")
    }
}
