import Foundation
import SeismoCore

/// The meeting point of the threads that know the state of a run and the one that shows it.
///
/// The reader publishes its counters once per read chunk, the evaluation thread the store-derived state (SLOs,
/// unhealthy dependencies) about once a second, `alerts` tracks alert events; the status display takes an
/// immutable `StatusSnapshot` whenever it redraws. Everything is copied in and out under one lock, so no thread
/// ever sees another's working state (the evaluation thread alone touches the series store).
public final class StatusBoard: @unchecked Sendable {
    /// Alerts active now; add it to the engine's alert sinks.
    public let alerts: AlertTally
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var ingest = IngestProgress()
    /// Guarded by `lock`.
    private var evaluation = EvaluationStatus()

    public init(alerts: AlertTally = AlertTally()) {
        self.alerts = alerts
    }

    /// The reader's counters; published once per read chunk.
    struct IngestProgress {
        var lines: UInt64 = 0
        var samples: UInt64 = 0
        var rejected: UInt64 = 0
        var bytesRead: UInt64 = 0
        var series = 0
    }

    /// What the evaluation thread knows; published about once a second.
    struct EvaluationStatus {
        var evaluated: UInt64 = 0
        var eventTime: Int64?
        var slos: [StatusSnapshot.SLO] = []
        var unhealthy: [String] = []
    }

    func publish(_ progress: IngestProgress) {
        lock.lock()
        ingest = progress
        lock.unlock()
    }

    func publish(_ status: EvaluationStatus) {
        lock.lock()
        evaluation = status
        lock.unlock()
    }

    /// Everything last published, with the alerts active now.
    public func snapshot(at monotonic: UInt64 = Timestamp.monotonic()) -> StatusSnapshot {
        lock.lock()
        let ingest = self.ingest
        let evaluation = self.evaluation
        lock.unlock()
        var snapshot = StatusSnapshot(monotonic: monotonic)
        snapshot.lines = ingest.lines
        snapshot.samples = ingest.samples
        snapshot.rejected = ingest.rejected
        snapshot.bytesRead = ingest.bytesRead
        snapshot.series = ingest.series
        snapshot.evaluated = evaluation.evaluated
        snapshot.eventTime = evaluation.eventTime
        snapshot.slos = evaluation.slos
        snapshot.unhealthy = evaluation.unhealthy
        (snapshot.firing, snapshot.pending) = alerts.active()
        return snapshot
    }
}
