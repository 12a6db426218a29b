#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SeismoCore
import SeismoDetect
import SeismoWorkload

// Labelled evaluation of Seismo's detectors on generated streams: see README.md ("Detector evaluation") and
// `WindowScoring` for the scoring. Usage: DetectorEvaluation [--series N] [--samples N] [--seed N] [--variants]

var seriesCount = 60
var samplesPerSeries = 4000
var seed: UInt64 = 1
var variants = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--series": seriesCount = Int(arguments.next() ?? "") ?? seriesCount
    case "--samples": samplesPerSeries = Int(arguments.next() ?? "") ?? samplesPerSeries
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--variants": variants = true
    default:
        print("usage: DetectorEvaluation [--series N] [--samples N] [--seed N] [--variants]")
        exit(64)
    }
}

/// One labelled scenario: one anomaly kind injected into the series it applies to, with or without a visible
/// daily cycle.
struct Scenario {
    var kind: InjectedAnomaly.Kind
    var seasonal: Bool
    var name: String { "\(kind.rawValue)\(seasonal ? " (seasonal)" : "")" }
}

let probation = Int(Double(samplesPerSeries) * WindowScoring.probationShare)
func plan(_ kind: InjectedAnomaly.Kind, samples: Int, probation: Int) -> AnomalyPlan {
    // About four anomalies per series after the probation period.
    let rate = 4 * 1000 / Double(samples - probation)
    return AnomalyPlan(
        spikeRate: kind == .spike ? rate : 0, levelShiftRate: kind == .levelShift ? rate : 0,
        varianceChangeRate: kind == .varianceChange ? rate : 0, trendChangeRate: kind == .trendChange ? rate : 0,
        errorBurstRate: kind == .errorBurst ? rate : 0, duration: 20...120, warmup: probation, cooldown: 150
    )
}

var scenarios: [Scenario] = []
for kind in InjectedAnomaly.Kind.allCases {
    scenarios.append(Scenario(kind: kind, seasonal: false))
    if kind != .errorBurst { scenarios.append(Scenario(kind: kind, seasonal: true)) }
}

var candidates = DetectorCandidate.standard
if variants {
    // The ensemble's neighbours: other k, no slope in the forecast, a shorter error window.
    for k in [3.0, 4, 5] {
        candidates.append(DetectorCandidate(name: "ensemble k \(k)", threshold: k) {
            try EnsembleDetector(policy: DetectionPolicy(threshold: k))
        })
    }
    candidates.append(DetectorCandidate(name: "ensemble without slope", threshold: 4.5) {
        try EnsembleDetector(trendWeight: 0)
    })
    candidates.append(DetectorCandidate(name: "ensemble window 100", threshold: 4.5) {
        try EnsembleDetector(windowSize: 100)
    })
}

let thresholds: [Double] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]

print("# Detector evaluation: \(seriesCount) series × \(samplesPerSeries) samples per scenario, seed \(seed)\n")
var totals = Array(repeating: WindowScoring(), count: candidates.count)
var sweepTotals = Array(repeating: Array(repeating: WindowScoring(), count: thresholds.count), count: candidates.count)
var nanoseconds = Array(repeating: UInt64(0), count: candidates.count)
var samplesSeen = 0
for scenario in scenarios {
    let applies = Set(WorkloadSeries.Kind.allCases.filter { scenario.kind.applies(to: $0) })
    let stream = LabelledStream(
        plan: plan(scenario.kind, samples: samplesPerSeries, probation: probation), kinds: applies, seriesCount: seriesCount, samplesPerSeries: samplesPerSeries,
        period: scenario.seasonal ? 288 : 100_000, seed: seed
    )
    print("## \(scenario.name): \(stream.series.count) series, \(stream.series.reduce(0) { $0 + $1.anomalies.count }) anomalies\n")
    print("| detector | precision | recall | mean delay | false alarms | NAB score | best NAB (threshold) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for (c, candidate) in candidates.enumerated() {
        var scoring = WindowScoring()
        var sweep = Array(repeating: WindowScoring(), count: thresholds.count)
        for series in stream.series {
            var detector = try candidate.make()
            var alarms = [Bool](repeating: false, count: series.values.count)
            var scores = [Double](repeating: 0, count: series.values.count)
            let started = DispatchTime.now().uptimeNanoseconds
            for (k, value) in series.values.enumerated() {
                let verdict = detector.observe(value, at: Int64(k))
                alarms[k] = verdict.isAnomalous
                scores[k] = verdict.alertScore(threshold: candidate.threshold)
            }
            nanoseconds[c] += DispatchTime.now().uptimeNanoseconds - started
            if c == 0 { samplesSeen += series.values.count }
            scoring.add(alarms: alarms, anomalies: series.anomalies)
            for (t, threshold) in thresholds.enumerated() {
                sweep[t].add(alarms: scores.map { $0 >= threshold }, anomalies: series.anomalies)
            }
        }
        totals[c] = totals[c] + scoring
        for t in thresholds.indices { sweepTotals[c][t] = sweepTotals[c][t] + sweep[t] }
        let best = sweep.indices.max { sweep[$0].normalized < sweep[$1].normalized }!
        print(String(
            format: "| %@ | %.2f | %.2f | %.1f | %d | %.1f | %.1f (%.2f) |", candidate.name, scoring.precision,
            scoring.recall, scoring.meanDelay, scoring.falseAlarms, scoring.normalized, sweep[best].normalized,
            thresholds[best]
        ))
    }
    print("")
}

print("## All scenarios\n")
print("| detector | precision | recall | mean delay | NAB score | best NAB (threshold) | ns/sample |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (c, candidate) in candidates.enumerated() {
    let t = totals[c]
    let sweep = sweepTotals[c]
    let best = sweep.indices.max { sweep[$0].normalized < sweep[$1].normalized }!
    print(String(
        format: "| %@ | %.2f | %.2f | %.1f | %.1f | %.1f (%.2f) | %.0f |", candidate.name, t.precision, t.recall,
        t.meanDelay, t.normalized, sweep[best].normalized, thresholds[best], Double(nanoseconds[c]) / Double(samplesSeen)
    ))
}

// Memory per series: the detector's inline size (its slot in a DetectorBank) plus its heap arrays, each
// `capacity` doubles behind a 32-byte array header. Allocator rounding and slack are not counted.
func footprint<D: AnomalyDetector>(_ detector: D, arrays: Int, capacity: Int) -> Int {
    MemoryLayout<D>.stride + arrays * (32 + 8 * capacity)
}

print("\n## Memory per series (inline size + heap arrays)\n")
print("| detector | window 100 | window 1000 |")
print("|---|---:|---:|")
do {
    print("| zscore | \(footprint(try ZScoreDetector(windowSize: 100), arrays: 1, capacity: 100)) B | \(footprint(try ZScoreDetector(windowSize: 1000), arrays: 1, capacity: 1000)) B |")
    print("| robust | \(footprint(try RobustDetector(windowSize: 100), arrays: 2, capacity: 100)) B | \(footprint(try RobustDetector(windowSize: 1000), arrays: 2, capacity: 1000)) B |")
    print("| ensemble | \(footprint(try EnsembleDetector(windowSize: 100), arrays: 2, capacity: 100)) B | \(footprint(try EnsembleDetector(windowSize: 1000), arrays: 2, capacity: 1000)) B |")
    print("| ewma | \(footprint(try EWMADetector(halfLife: 10), arrays: 0, capacity: 0)) B | (no window) |")
}
