import SeismoCore
import SeismoRules

/// The firing history of one alert rule, fed its alert events in order: the spans to shade and the numbers.
///
/// Only `firing` and `resolved` events matter. A `firing` event for a label set already firing (a change of its
/// `flapping` mark) continues the span. Memory is bounded: beyond `maxSpans` closed spans, neighbouring spans are
/// merged pairwise for drawing (the numbers stay exact).
public struct AlertTally: Sendable, Equatable {
    /// A re-firing within this long (ns) of the same label set's resolution is a flap: 10 minutes.
    public static let defaultFlapWindow: Int64 = 600 * Timestamp.nanosecondsPerSecond

    public let flapWindow: Int64
    public let maxSpans: Int
    public private(set) var timesFired = 0
    public private(set) var flaps = 0
    public private(set) var resolved = 0
    private var resolvedNanoseconds: Int64 = 0
    private var open: [[Label]: Int64] = [:]
    private var lastResolved: [[Label]: Int64] = [:]
    private var closed: [AlertSpan] = []

    public init(flapWindow: Int64 = Self.defaultFlapWindow, maxSpans: Int = 2000) {
        precondition(maxSpans >= 2, "AlertTally: maxSpans must be at least 2")
        self.flapWindow = flapWindow
        self.maxSpans = maxSpans
    }

    /// Takes one event; returns true when it started a firing span (a label set began to fire).
    @discardableResult
    public mutating func record(_ event: AlertEvent) -> Bool {
        switch event.state {
        case .firing:
            guard open[event.labels] == nil else { return false }
            open[event.labels] = event.time
            timesFired += 1
            if let last = lastResolved[event.labels], event.time - last < flapWindow { flaps += 1 }
            return true
        case .resolved:
            guard let start = open.removeValue(forKey: event.labels) else { return false }
            resolved += 1
            resolvedNanoseconds += event.time - start
            lastResolved[event.labels] = event.time
            closed.append(AlertSpan(labels: event.labels, start: start, end: event.time))
            if closed.count > maxSpans { closed = Self.coalesced(closed) }
            return false
        case .pending, .inactive:
            return false
        }
    }

    /// The numbers, with spans still open counted up to `end`.
    public func statistics(at end: Int64) -> AlertStatistics {
        let stillFiring = open.values.reduce(Int64(0)) { $0 + max(0, end - $1) }
        return AlertStatistics(
            timesFired: timesFired,
            firingNanoseconds: resolvedNanoseconds + stillFiring,
            flaps: flaps,
            resolved: resolved,
            meanTimeToResolve: resolved == 0 ? nil : resolvedNanoseconds / Int64(resolved)
        )
    }

    /// Closed spans and the ones still open, by start time (then labels).
    public var spans: [AlertSpan] {
        let stillOpen = open.map { AlertSpan(labels: $0.key, start: $0.value, end: nil) }
        return (closed + stillOpen).sorted {
            $0.start != $1.start ? $0.start < $1.start : $0.labels.lexicographicallyPrecedes($1.labels)
        }
    }

    /// Halves the number of spans by merging each pair of neighbours (in start order) into one covering both.
    static func coalesced(_ spans: [AlertSpan]) -> [AlertSpan] {
        let sorted = spans.sorted { $0.start < $1.start }
        var out: [AlertSpan] = []
        out.reserveCapacity(sorted.count / 2 + 1)
        var i = 0
        while i < sorted.count {
            if i + 1 < sorted.count {
                let a = sorted[i], b = sorted[i + 1]
                let end = max(a.end ?? a.start, b.end ?? b.start)
                out.append(AlertSpan(labels: a.labels == b.labels ? a.labels : [], start: a.start, end: end))
            } else {
                out.append(sorted[i])
            }
            i += 2
        }
        return out
    }
}
