import SeismoDetect

/// Slow, careful statistics recomputed from a whole window each time: the model the streaming code is checked
/// against.
///
/// Deviations are taken from a value of the window (so they are exact for values of similar magnitude) and summed
/// with Neumaier compensation, and the variance uses the corrected two-pass formula, so the reference is accurate
/// to a few ulps even for values like 1e12 + 1e-3.
enum ReferenceStatistics {
    /// Compensated sum.
    static func sum(_ xs: some Sequence<Double>) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for x in xs {
            let t = sum + x
            if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
            sum = t
        }
        return sum + compensation
    }

    /// A shift near the data: the compensated mean.
    static func center(_ xs: [Double]) -> Double { sum(xs) / Double(xs.count) }

    static func mean(_ xs: [Double]) -> Double {
        let c = center(xs)
        return c + sum(xs.map { $0 - c }) / Double(xs.count)
    }

    /// `x − mean(xs)` without rounding the mean first.
    static func deviation(of x: Double, from xs: [Double]) -> Double {
        let c = center(xs)
        return (x - c) - sum(xs.map { $0 - c }) / Double(xs.count)
    }

    /// Sample variance (n − 1), corrected two-pass.
    static func variance(_ xs: [Double]) -> Double {
        guard xs.count > 1 else { return 0 }
        let c = center(xs)
        let d = xs.map { $0 - c }
        let s1 = sum(d)
        let m2 = sum(d.map { $0 * $0 }) - s1 * s1 / Double(xs.count)
        return max(0, m2) / Double(xs.count - 1)
    }

    /// Linear interpolation between closest ranks (rank q·(n − 1)).
    static func quantile(_ xs: [Double], _ q: Double) -> Double {
        let sorted = xs.sorted()
        let rank = q * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let weight = rank - Double(lower)
        guard weight > 0, lower + 1 < sorted.count else { return sorted[lower] }
        return sorted[lower] + weight * (sorted[lower + 1] - sorted[lower])
    }

    static func median(_ xs: [Double]) -> Double { quantile(xs, 0.5) }
}
