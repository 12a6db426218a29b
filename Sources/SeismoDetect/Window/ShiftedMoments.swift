/// Count, mean and variance of a changing multiset of values, kept as sums of deviations from a shift near the
/// mean so that adding and removing values does not lose precision to cancellation.
///
/// With shift K: `s1 = Σ(x − K)`, `s2 = Σ(x − K)²`, mean `= K + s1/n`, `M2 = s2 − s1²/n`. While K is close to the
/// mean, `x − K` is small (exact when x is within a factor of two of K), `s1` stays near zero and `M2 ≈ s2` suffers
/// no cancellation. That is what breaks raw `Σx`, `Σx²` with subtract-on-evict for values like 1e9 + small noise:
/// there the variance is the difference of two numbers near 1e20 whose rounding error alone is ~1e4.
///
/// Precision can still drift when the data wander far from K, or when large values leave and small ones remain
/// (their removal leaves the rounding error of the large ones behind). `needsRefresh` notices both — `M2` fell far
/// below the largest `s2` seen since the last refresh — and also asks for a refresh every `capacity` updates, so
/// error never accumulates over more than one window's worth of updates. The owner then recomputes the sums
/// exactly from the values in two passes (`SlidingWindow.refresh`): amortized O(1) per update, plus O(N) at
/// once when a value about √(1024·N) standard deviations out (320σ for N = 100) leaves the window.
///
/// Squares of deviations beyond ~1e154 overflow; the spread of a window must stay below that.
@usableFromInline
struct ShiftedMoments: Sendable, Equatable {
    /// `M2` may fall to this fraction of the peak `s2` before the sums are recomputed (2⁻¹⁰: at most ~10 bits lost).
    @usableFromInline static let refreshRatio = 0x1p-10

    @usableFromInline var shift: Double = 0
    @usableFromInline var s1: Double = 0
    @usableFromInline var s2: Double = 0
    /// Largest `s2` since the last refresh: the scale of the rounding error the sums may carry.
    @usableFromInline var peak: Double = 0
    /// Updates since the last refresh.
    @usableFromInline var updates: Int = 0

    @inlinable init() {}

    /// Starts over from a single value, which becomes the shift.
    @inlinable
    mutating func start(_ x: Double) {
        self = ShiftedMoments()
        shift = x
    }

    @inlinable @inline(__always)
    mutating func add(_ x: Double) {
        let d = x - shift
        s1 += d
        s2 += d * d
        if s2 > peak { peak = s2 }
        updates &+= 1
    }

    @inlinable
    mutating func remove(_ x: Double) {
        let d = x - shift
        s1 -= d
        s2 -= d * d
        updates &+= 1
    }

    /// Replaces `old` by `new` in one step (a full count window sliding by one).
    @inlinable @inline(__always)
    mutating func replace(_ old: Double, with new: Double) {
        let dOld = old - shift
        let dNew = new - shift
        s1 += dNew - dOld
        // One product instead of two large squares: keeps the rounding at the scale of the change.
        s2 += (dNew - dOld) * (dNew + dOld)
        if s2 > peak { peak = s2 }
        updates &+= 1
    }

    /// Mean of `count` values (0 when empty); `reciprocal` is 1/count, which owners with a fixed capacity keep
    /// precomputed so that the hot path does not divide.
    @inlinable @inline(__always)
    func mean(count: Int, reciprocal: Double) -> Double {
        count > 0 ? shift + s1 * reciprocal : 0
    }

    /// `x − mean`, computed as `(x − K) − s1/n` so that it keeps the digits a subtraction from a rounded mean
    /// near 1e9 would lose.
    @inlinable @inline(__always)
    func deviation(of x: Double, count: Int, reciprocal: Double) -> Double {
        count > 0 ? (x - shift) - s1 * reciprocal : 0
    }

    /// Sample variance (divisor n − 1, as pandas' rolling `std`); 0 for fewer than two values. `reciprocal` is
    /// 1/n and `degreesReciprocal` 1/(n − 1).
    @inlinable @inline(__always)
    func variance(count: Int, reciprocal: Double, degreesReciprocal: Double) -> Double {
        guard count > 1 else { return 0 }
        let m2 = s2 - s1 * (s1 * reciprocal)
        return m2 > 0 ? m2 * degreesReciprocal : 0
    }

    @inlinable
    func mean(count: Int) -> Double { mean(count: count, reciprocal: 1 / Double(count)) }

    @inlinable
    func variance(count: Int) -> Double {
        variance(count: count, reciprocal: 1 / Double(count), degreesReciprocal: 1 / Double(count - 1))
    }

    /// Whether the sums should be recomputed from the values: `capacity` updates since the last refresh, or so
    /// much cancellation that `M2` is below 2⁻¹⁰ of the peak. Spreads within ~2⁻⁴⁶ of the shift's magnitude are
    /// representation noise and never trigger (a constant window whose shift is one ulp off would otherwise
    /// refresh on every sample).
    @inlinable @inline(__always)
    func needsRefresh(count: Int, capacity: Int) -> Bool {
        if updates >= capacity { return true }
        // M2 < peak·ratio, i.e. s2 − s1²/n < peak·ratio, multiplied out to avoid a division.
        let n = Double(count)
        guard n * (s2 - peak * Self.refreshRatio) < s1 * s1 else { return false }
        let ulpScale = shift * 0x1p-46
        return peak > n * ulpScale * ulpScale
    }
}
