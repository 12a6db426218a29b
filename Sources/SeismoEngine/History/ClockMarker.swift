import SeismoCore

/// A record in history that is not a measurement: the live engine moved its event clock without a sample.
///
/// Stored as a sample of the reserved series `__seismo_clock__` (timestamp: the clock's new time; value: the
/// kind), so it takes its place in arrival order, gets a sequence number like any sample, and survives crashes,
/// rotation and retention with them. Replay applies it where it stands, so the rules see the same evaluation
/// ticks as the live run did.
enum ClockMarker: Double, Sendable {
    /// The input was silent for `EngineConfiguration.idleAdvanceAfter` of wall time and the clock advanced by
    /// the silence (`Evaluator.advanceIdle`).
    case idleAdvance = 0
    /// The run ended (end of input or a signal): the evaluator ran the rules due through its clock and flushed
    /// the detection stage (`Evaluator.finish`), as a restarted run then carries on from.
    case endOfRun = 1

    /// The reserved series; `__` names are Prometheus's reserved space, so no input series collides with it.
    static let labels = SeriesLabels(metric: "__seismo_clock__")

    /// The marker a history sample of the reserved series stands for (unknown kinds read as idle advances).
    init(value: Double) {
        self = ClockMarker(rawValue: value) ?? .idleAdvance
    }
}
