import Foundation
import SeismoCore
import SeismoEngine
import SeismoRules

/// An `AlertSink` that keeps, per alert name, the firing spans and numbers a backtest report shows.
///
/// The evaluation thread calls `receive`; the report reads the tallies after the run (or the sampler during a
/// tick, on the same thread). A lock makes both safe; it is taken once per alert event.
public final class AlertSpanRecorder: AlertSink, @unchecked Sendable {
    private let lock = NSLock()
    private let flapWindow: Int64
    private let maxSpans: Int
    private var tallies: [String: AlertTally] = [:]
    private var newlyFiring: [(alert: String, labels: [Label])] = []

    public init(flapWindow: Int64 = AlertTally.defaultFlapWindow, maxSpansPerAlert: Int = 2000) {
        self.flapWindow = flapWindow
        self.maxSpans = maxSpansPerAlert
    }

    public func receive(_ event: AlertEvent) {
        lock.lock()
        defer { lock.unlock() }
        let started = tallies[event.alert, default: AlertTally(flapWindow: flapWindow, maxSpans: maxSpans)].record(event)
        if started { newlyFiring.append((event.alert, event.labels)) }
    }

    public func flush() {}

    /// The tally of alert `name`; an empty one if it never changed state.
    public func tally(of name: String) -> AlertTally {
        lock.lock()
        defer { lock.unlock() }
        return tallies[name] ?? AlertTally(flapWindow: flapWindow, maxSpans: maxSpans)
    }

    /// The alerts that started firing since the last call, in event order.
    func takeNewlyFiring() -> [(alert: String, labels: [Label])] {
        lock.lock()
        defer { lock.unlock() }
        let out = newlyFiring
        newlyFiring.removeAll(keepingCapacity: true)
        return out
    }
}
