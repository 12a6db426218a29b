/// Where the anomalies go: for each series a seeded Poisson process over its samples, per `AnomalyPlan`.
///
/// Each series draws from its own generator, so the schedule of one series does not depend on how many
/// series there are or on the other series' anomalies.
struct AnomalySchedule: Sendable {
    /// Grouped by series, in sample order within a series; windows of one series never overlap.
    private(set) var entries: [ScheduledAnomaly] = []
    /// `entries[ranges[i]]` are the anomalies of series `i`.
    private(set) var ranges: [Range<Int>] = []

    init(spec: WorkloadSpec, models: [SeriesModel]) {
        let plan = spec.anomalies
        for (index, model) in models.enumerated() {
            let first = entries.count
            let kinds = InjectedAnomaly.Kind.allCases.filter { $0.applies(to: model.kind) && plan.rate(of: $0) > 0 }
            let totalRate = kinds.reduce(0) { $0 + plan.rate(of: $1) } / 1000  // per sample
            let count = spec.sampleCount(ofSeries: index)
            if totalRate > 0 {
                var rng = Xoshiro256(seed: spec.seed, stream: UInt64(index) &* 3 &+ 2)
                var position = plan.warmup
                while true {
                    let gap = rng.exponential(rate: totalRate)
                    guard gap < Double(count - position) else { break }
                    position += Int(gap)
                    var pick = rng.uniform() * totalRate * 1000
                    var kind = kinds[kinds.count - 1]
                    for candidate in kinds {
                        pick -= plan.rate(of: candidate)
                        if pick < 0 {
                            kind = candidate
                            break
                        }
                    }
                    let length = kind == .spike ? 1 : rng.integer(plan.duration)
                    let magnitude = model.magnitude(of: kind, using: &rng)
                    guard position + length <= count else { break }
                    entries.append(ScheduledAnomaly(kind: kind, first: position, last: position + length - 1, magnitude: magnitude))
                    position += length + plan.cooldown
                }
            }
            ranges.append(first..<entries.count)
        }
    }
}
