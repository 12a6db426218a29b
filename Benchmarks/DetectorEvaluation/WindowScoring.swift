#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// NAB-style scoring of one detector's alarms on labelled series (after the Numenta Anomaly Benchmark,
/// standard profile):
///
/// - Each labelled anomaly gets a window: NAB's width W = 10% of the series' length divided by its number of
///   anomalies, placed from `first − W/2` to `last + W/2` (so a long anomaly is covered whole), clipped to the
///   series and cut at the midpoint where two windows would overlap.
/// - The first `probation` (15%) of each series is not scored: detectors are learning.
/// - A window with at least one alarm is a true positive, credited `σ(y) = 2 / (1 + e^{5y}) − 1` for its
///   first alarm, where y ∈ [−1, 0] is that alarm's position relative to the window's end (−1 at the start:
///   0.987, 0 at the end: 0). Later alarms in the same window neither count nor cost.
/// - An alarm outside every window is a false positive costing `A_FP · σ(y)` with y its distance after the end
///   of the preceding window in window widths (so an alarm just after a window costs little, one far from any
///   costs the full A_FP = 0.11); before the first window it costs the full A_FP.
/// - A window without alarm costs A_FN = 1.
/// - Normalized score = 100 · (raw − null) / (perfect − null), where the null detector raises no alarm
///   (raw = −windows) and the perfect one alarms at every window's start.
///
/// Also: recall = detected windows / windows; precision = detected windows / (detected windows + false
/// alarms); delay = samples from an anomaly's first sample to the first alarm in its window (negative when the
/// alarm came in the lead-in before it), averaged over detected windows.
struct WindowScoring {
    static let falsePositiveWeight = 0.11
    static let falseNegativeWeight = 1.0
    static let probationShare = 0.15

    var windows = 0
    var detected = 0
    var falseAlarms = 0
    var delaySum = 0
    var raw = 0.0
    var perfect = 0.0

    var recall: Double { windows == 0 ? 0 : Double(detected) / Double(windows) }
    var precision: Double { detected + falseAlarms == 0 ? 0 : Double(detected) / Double(detected + falseAlarms) }
    var meanDelay: Double { detected == 0 ? .nan : Double(delaySum) / Double(detected) }
    var normalized: Double {
        let null = -Self.falseNegativeWeight * Double(windows)
        return perfect == null ? 0 : 100 * (raw - null) / (perfect - null)
    }

    static func sigmoid(_ y: Double) -> Double { 2 / (1 + exp(5 * y)) - 1 }

    /// Adds one series: `alarms[k]` is whether sample k raised an alarm.
    mutating func add(alarms: [Bool], anomalies: [ClosedRange<Int>]) {
        let n = alarms.count
        guard n > 0 else { return }
        let probation = Int(Double(n) * Self.probationShare)
        let labelled = anomalies.filter { $0.lowerBound >= probation && $0.upperBound < n }
        let width = labelled.isEmpty ? 0 : max(2, Int(0.1 * Double(n) / Double(labelled.count)))
        var spans: [(window: ClosedRange<Int>, first: Int)] = []
        for (i, a) in labelled.enumerated() {
            var lo = max(probation, a.lowerBound - width / 2)
            var hi = min(n - 1, a.upperBound + width / 2)
            if i > 0 { lo = max(lo, (labelled[i - 1].upperBound + a.lowerBound) / 2 + 1) }
            if i + 1 < labelled.count { hi = min(hi, (a.upperBound + labelled[i + 1].lowerBound) / 2) }
            spans.append((lo...hi, a.lowerBound))
        }
        windows += spans.count
        perfect += Self.sigmoid(-1) * Double(spans.count)

        var hit = Array(repeating: false, count: spans.count)
        var w = 0  // first span whose end is at or after k
        for k in probation..<n where alarms[k] {
            while w < spans.count, spans[w].window.upperBound < k { w += 1 }
            if w < spans.count, spans[w].window.contains(k) {
                if !hit[w] {
                    hit[w] = true
                    let window = spans[w].window
                    let y = Double(k - window.upperBound) / Double(window.count)
                    raw += Self.sigmoid(y)
                    detected += 1
                    delaySum += k - spans[w].first
                }
            } else {
                falseAlarms += 1
                if w > 0 {
                    let previous = spans[w - 1].window
                    let y = Double(k - previous.upperBound) / Double(previous.count)
                    raw += Self.falsePositiveWeight * Self.sigmoid(y)  // σ(y) < 0 after a window
                } else {
                    raw -= Self.falsePositiveWeight
                }
            }
        }
        raw -= Self.falseNegativeWeight * Double(hit.filter { !$0 }.count)
    }

    static func + (a: WindowScoring, b: WindowScoring) -> WindowScoring {
        var sum = a
        sum.windows += b.windows
        sum.detected += b.detected
        sum.falseAlarms += b.falseAlarms
        sum.delaySum += b.delaySum
        sum.raw += b.raw
        sum.perfect += b.perfect
        return sum
    }
}
