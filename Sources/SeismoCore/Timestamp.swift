#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Event-time helpers. Seismo's clock is nanoseconds since the Unix epoch in an `Int64`
/// (good until the year 2262).
public enum Timestamp {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// The wall clock now, in nanoseconds since the epoch; used as arrival time for samples without a timestamp.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) &* nanosecondsPerSecond &+ Int64(ts.tv_nsec)
    }

    /// A monotonic clock in nanoseconds, for measuring elapsed time.
    public static func monotonic() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
