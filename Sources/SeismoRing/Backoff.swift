#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a side of the ring waits for the other: a few quick re-checks, then yielding the core, then sleeps that
/// double from 1 µs up to about 1 ms.
///
/// Spinning first keeps hand-over latency low when the other side is running; yielding lets it run on a busy
/// machine (two threads on two shared cores); the capped sleeps stop an idle side from burning a core while
/// bounding how late it notices a change to about 1 ms.
struct Backoff {
    /// Re-checks before the first yield.
    static let spins = 64
    /// Yields before the first sleep.
    static let yields = 16
    /// The first sleep; it doubles up to `maxSleepShift` times (1 µs << 10 ≈ 1 ms).
    static let firstSleepNanoseconds = 1_000
    static let maxSleepShift = 10

    private var step = 0

    /// Waits one step, each step longer than or as long as the one before.
    mutating func wait() {
        defer { step &+= 1 }
        if step < Self.spins { return }
        if step < Self.spins + Self.yields {
            sched_yield()
            return
        }
        let shift = min(step - Self.spins - Self.yields, Self.maxSleepShift)
        let nanoseconds = Self.firstSleepNanoseconds << shift
        var request = timespec(tv_sec: 0, tv_nsec: nanoseconds)
        nanosleep(&request, nil)
    }

    /// Starts over from quick re-checks, after progress.
    mutating func reset() { step = 0 }

    /// A monotonic clock in nanoseconds, for measuring time spent waiting.
    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}
