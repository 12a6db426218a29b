import SeismoTestSupport

/// Random streams that stress numerics: runs of random length at levels from ±1e12 down to 1e-12, spreads from
/// 0 (constant runs) to 1e11, and isolated spikes of ±1e12 — all finite, with squares well inside Double's range.
struct ExtremeStream: Sequence, IteratorProtocol {
    private var rng: SplitMix64
    private var remaining: Int
    private var runLeft = 0
    private var level = 0.0
    private var spread = 0.0

    static let levels: [Double] = [0, 1e12, -1e12, 1e9, -7.25e8, 1e-12, -3.5, 42, 1e6]
    static let spreads: [Double] = [0, 1e-12, 1e-6, 1e-3, 1, 250, 1e6, 1e11]

    init(seed: UInt64, count: Int) {
        rng = SplitMix64(seed: seed)
        remaining = count
    }

    mutating func next() -> Double? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        if runLeft == 0 {
            runLeft = Int.random(in: 1...300, using: &rng)
            level = Self.levels.randomElement(using: &rng)!
            spread = Self.spreads.randomElement(using: &rng)!
        }
        runLeft -= 1
        if Int.random(in: 0..<200, using: &rng) == 0 {
            return Bool.random(using: &rng) ? 1e12 : -1e12
        }
        return level + spread * rng.nextGaussian()
    }
}
