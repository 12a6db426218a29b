/// The one unsafe layer of the windowed statistics: a non-owning view of one FIFO window stored as a ring of
/// `capacity` doubles, plus optional min/max tracking, plus its `WindowHeader`.
///
/// Owners (`WindowedStats`, `WindowStore`, `TimeWindowedStats`) keep the storage and reach this view through
/// scoped accessors only; the pointers never outlive those scopes.
///
/// Min and max are monotonic deques stored as bitmaps over ring positions, one bit per position for each: the
/// minimum deque holds the positions whose value is smaller than every later value in the window, the maximum
/// deque those larger than every later value. Appending pops from the back of each (clearing bits backwards from
/// the newest position) and evicting pops from the front (clearing the oldest position's bit). That is 2 bits per
/// value instead of two rings of indices, which keeps a 100-value window within 1 KiB. Each pop is one bit; the
/// scan between members is one `leadingZeroBitCount` per 64 positions, so an append costs O(1 + N/64) word
/// operations worst case (2 words for N = 100) and amortized O(1) pops.
@usableFromInline
struct SlidingWindow {
    @usableFromInline let values: UnsafeMutablePointer<Double>
    /// `words` words of minimum-deque bits followed by `words` words of maximum-deque bits; nil when not tracked.
    @usableFromInline let extrema: UnsafeMutablePointer<UInt64>?
    @usableFromInline let capacity: Int
    @usableFromInline let words: Int

    @inlinable
    init(values: UnsafeMutablePointer<Double>, extrema: UnsafeMutablePointer<UInt64>?, capacity: Int) {
        self.values = values
        self.extrema = extrema
        self.capacity = capacity
        self.words = Self.words(capacity: capacity)
    }

    /// Words of bitmap per deque for a ring of `capacity` positions.
    @inlinable
    static func words(capacity: Int) -> Int { (capacity + 63) >> 6 }

    @inlinable @inline(__always)
    func wrap(_ i: Int) -> Int { i >= capacity ? i - capacity : i }

    // MARK: Updates

    /// Appends to a count window: when full, the oldest value is replaced.
    @inlinable @inline(__always)
    func push(_ x: Double, into h: inout WindowHeader) {
        if h.count == capacity {
            let p = h.oldest
            let old = values[p]
            h.moments.replace(old, with: x)
            values[p] = x
            h.oldest = wrap(p &+ 1)
            if let extrema {
                Self.clear(p, extrema, words: words)
                Self.pushExtrema(x, at: p, extrema, values, words: words, capacity: capacity)
            }
            maintain(&h)
        } else {
            append(x, into: &h)
        }
    }

    /// Appends a value; the window must not be full.
    @inlinable
    func append(_ x: Double, into h: inout WindowHeader) {
        assert(h.count < capacity, "append to a full window")
        let p = wrap(h.oldest &+ h.count)
        values[p] = x
        if h.count == 0 { h.moments.start(x) } else { h.moments.add(x) }
        h.count &+= 1
        if let extrema { Self.pushExtrema(x, at: p, extrema, values, words: words, capacity: capacity) }
        maintain(&h)
    }

    /// Removes and returns the oldest value; the window must not be empty.
    @inlinable
    @discardableResult
    func removeOldest(from h: inout WindowHeader) -> Double {
        assert(h.count > 0, "remove from an empty window")
        let p = h.oldest
        let x = values[p]
        h.oldest = wrap(p &+ 1)
        h.count &-= 1
        if let extrema { Self.clear(p, extrema, words: words) }
        if h.count == 0 {
            h.moments = ShiftedMoments()
        } else {
            h.moments.remove(x)
            maintain(&h)
        }
        return x
    }

    /// Empties the window.
    @inlinable
    func removeAll(_ h: inout WindowHeader) {
        if let extrema { extrema.update(repeating: 0, count: 2 &* words) }
        h = WindowHeader()
    }

    @inlinable @inline(__always)
    func maintain(_ h: inout WindowHeader) {
        if h.moments.needsRefresh(count: h.count, capacity: capacity) { refresh(&h) }
    }

    /// Recomputes the moments from the values in two passes: the mean becomes the new shift, then the sums of
    /// deviations from it are taken exactly (the "corrected two-pass" algorithm).
    @usableFromInline
    func refresh(_ h: inout WindowHeader) {
        let n = h.count
        guard n > 0 else { h.moments = ShiftedMoments(); return }
        var sum = 0.0
        forEachSegment(h) { p, c in for i in 0..<c { sum += p[i] } }
        var m = ShiftedMoments()
        m.shift = sum / Double(n)
        let shift = m.shift
        var s1 = 0.0
        var s2 = 0.0
        forEachSegment(h) { p, c in
            for i in 0..<c {
                let d = p[i] - shift
                s1 += d
                s2 += d * d
            }
        }
        m.s1 = s1
        m.s2 = s2
        m.peak = s2
        h.moments = m
    }

    // MARK: Reads

    /// Calls `body` with the window's one or two contiguous runs of values, oldest first.
    @inlinable
    func forEachSegment(_ h: WindowHeader, _ body: (UnsafeMutablePointer<Double>, Int) -> Void) {
        let first = min(h.count, capacity &- h.oldest)
        if first > 0 { body(values + h.oldest, first) }
        if h.count > first { body(values, h.count &- first) }
    }

    /// Copies the values, oldest first, to `target`, which must hold `h.count` doubles.
    @inlinable
    func copy(_ h: WindowHeader, to target: UnsafeMutablePointer<Double>) {
        var out = target
        forEachSegment(h) { p, c in
            out.update(from: p, count: c)
            out += c
        }
    }

    /// The value at age `i` (0 is the oldest).
    @inlinable
    func value(at i: Int, _ h: WindowHeader) -> Double {
        values[wrap(h.oldest &+ i)]
    }

    /// Smallest value: the front of the minimum deque, or a scan when extrema are not tracked. Nil when empty.
    @inlinable
    func minimum(_ h: WindowHeader) -> Double? {
        guard h.count > 0 else { return nil }
        if let extrema {
            return values[Self.nextSet(from: h.oldest, extrema, words: words, capacity: capacity)]
        }
        var result = Double.infinity
        forEachSegment(h) { p, c in for i in 0..<c where p[i] < result { result = p[i] } }
        return result
    }

    /// Largest value: the front of the maximum deque, or a scan when extrema are not tracked. Nil when empty.
    @inlinable
    func maximum(_ h: WindowHeader) -> Double? {
        guard h.count > 0 else { return nil }
        if let extrema {
            return values[Self.nextSet(from: h.oldest, extrema + words, words: words, capacity: capacity)]
        }
        var result = -Double.infinity
        forEachSegment(h) { p, c in for i in 0..<c where p[i] > result { result = p[i] } }
        return result
    }

    // MARK: Extrema bitmaps

    /// Pops from the back of both deques every position the new value `x` at `p` dominates, then pushes `p`.
    @inlinable
    static func pushExtrema(
        _ x: Double, at p: Int, _ bits: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<Double>,
        words: Int, capacity: Int
    ) {
        let maxBits = bits + words
        // The minimum deque keeps strictly increasing values, the maximum deque strictly decreasing ones.
        var q = previousSet(before: p, bits, words: words, capacity: capacity)
        while q >= 0, values[q] >= x {
            clearBit(q, bits)
            q = previousSet(before: q, bits, words: words, capacity: capacity)
        }
        setBit(p, bits)
        q = previousSet(before: p, maxBits, words: words, capacity: capacity)
        while q >= 0, values[q] <= x {
            clearBit(q, maxBits)
            q = previousSet(before: q, maxBits, words: words, capacity: capacity)
        }
        setBit(p, maxBits)
    }

    @inlinable
    static func clear(_ p: Int, _ bits: UnsafeMutablePointer<UInt64>, words: Int) {
        clearBit(p, bits)
        clearBit(p, bits + words)
    }

    @inlinable
    static func setBit(_ i: Int, _ bits: UnsafeMutablePointer<UInt64>) {
        bits[i &>> 6] |= 1 &<< UInt64(i & 63)
    }

    @inlinable
    static func clearBit(_ i: Int, _ bits: UnsafeMutablePointer<UInt64>) {
        bits[i &>> 6] &= ~(1 &<< UInt64(i & 63))
    }

    /// The nearest set position before `p` going backwards around the ring (newest to oldest, since only window
    /// positions are ever set), or −1 when no other position is set.
    @inlinable
    static func previousSet(before p: Int, _ bits: UnsafeMutablePointer<UInt64>, words: Int, capacity: Int) -> Int {
        let i = p == 0 ? capacity &- 1 : p &- 1
        var w = i &>> 6
        let shift = UInt64(63 &- (i & 63))
        var word = (bits[w] &<< shift) &>> shift  // keep bits 0...i
        var scanned = 0
        while word == 0 {
            scanned &+= 1
            if scanned > words { return -1 }
            w = w == 0 ? words &- 1 : w &- 1
            word = bits[w]
        }
        return (w &<< 6) &+ (63 &- word.leadingZeroBitCount)
    }

    /// The nearest set position at or after `p` going forwards around the ring; the window must not be empty.
    @inlinable
    static func nextSet(from p: Int, _ bits: UnsafeMutablePointer<UInt64>, words: Int, capacity: Int) -> Int {
        var w = p &>> 6
        var word = bits[w] & (~0 &<< UInt64(p & 63))  // keep bits p...63
        var scanned = 0
        while word == 0 {
            scanned &+= 1
            precondition(scanned <= words, "extrema bitmap is empty for a non-empty window")
            w = w &+ 1 == words ? 0 : w &+ 1
            word = bits[w]
        }
        return (w &<< 6) &+ word.trailingZeroBitCount
    }

    /// Checks the invariants tests rely on; compiled into tests only through `WindowedStats.checkInvariants`.
    func checkInvariants(_ h: WindowHeader) {
        precondition(h.count >= 0 && h.count <= capacity && h.oldest >= 0 && h.oldest < capacity)
        guard let extrema else { return }
        var inWindow = Set<Int>()
        for i in 0..<h.count { inWindow.insert(wrap(h.oldest + i)) }
        for deque in 0..<2 {
            let bits = extrema + deque * words
            var previous: Double? = nil
            for age in 0..<h.count {
                let p = wrap(h.oldest + age)
                guard bits[p >> 6] & (1 << UInt64(p & 63)) != 0 else { continue }
                if let previous {
                    precondition(deque == 0 ? previous < values[p] : previous > values[p], "deque not monotonic")
                }
                previous = values[p]
            }
            for p in 0..<capacity where !inWindow.contains(p) {
                precondition(bits[p >> 6] & (1 << UInt64(p & 63)) == 0, "bit set outside the window")
            }
        }
    }
}
