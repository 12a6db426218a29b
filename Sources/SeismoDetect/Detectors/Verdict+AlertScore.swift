extension Verdict {
    /// A score in [0, 1] calibrated to a detector's threshold k: with u = `watchedZ` / k, `u² / (1 + u²)`.
    ///
    /// 0.5 exactly at the threshold (so score > 0.5 ⇔ anomalous for a detector judging by |z| > k), 0.2 at half
    /// of it, 0.8 at twice, 0.9 at three times, 1 for an infinite z; 0 while warming up and for deviations in a
    /// direction not watched. Unlike `score`, which is 1 − a Gaussian tail probability and so is 0.9973 at
    /// 3σ and rounds to 1 beyond about 8σ, it keeps the ranking of large deviations and places the alarm line
    /// at 0.5 for every k, which is what `seismo score` prints.
    @inlinable
    public func alertScore(threshold: Double) -> Double {
        let u = watchedZ / threshold
        guard u > 0 else { return 0 }
        guard u.isFinite else { return 1 }
        let u2 = u * u
        return u2 / (1 + u2)
    }
}
