import SeismoHistory

/// What history did during one run: what opening it recovered, what the warm-up replayed and restored, and what
/// was written; part of the run summary.
public struct HistoryReport: Sendable, Equatable {
    public var directory: String
    public var recovery: RecoveryReport
    /// Sequence number of the first sample this run wrote (history's numbering continues across runs).
    public var firstSequence: UInt64
    /// One past the last sequence number written (samples and clock markers).
    public var nextSequence: UInt64 = 0
    /// Samples below this were synced when the run ended.
    public var durableSequence: UInt64 = 0
    /// Input samples written this run.
    public var samplesWritten: UInt64 = 0
    /// Clock markers written (idle advances and the end of the run).
    public var markersWritten: UInt64 = 0
    /// Samples (and markers) of earlier runs replayed, muted, to warm the series store and detectors.
    public var warmUpSamples: UInt64 = 0
    /// Alerts restored from the checkpoint, and the sequence number the checkpoint covered.
    public var restoredAlerts = 0
    public var restoredCheckpoint: UInt64?
    /// Problems that did not stop the run: an unusable checkpoint, damaged blocks skipped during warm-up.
    public var warnings: [String] = []
    /// Checkpoints written this run.
    public var checkpoints = 0
    /// The error that stopped history writing, if any (the run carries on without history after it).
    public var failure: String?

    public init(directory: String, recovery: RecoveryReport, firstSequence: UInt64) {
        self.directory = directory
        self.recovery = recovery
        self.firstSequence = firstSequence
    }

    /// Torn bytes cut on opening (segment tail and journal tail).
    public var tornBytes: Int64 { recovery.truncatedBytes + recovery.journalTruncatedBytes }

    /// One line on what opening found, for stderr at start; nil when there was nothing to say.
    public var recoveryLine: String? {
        let r = recovery
        var facts: [String] = []
        if r.truncatedBytes > 0 { facts.append("cut a torn tail of \(r.truncatedBytes) bytes from \(r.checkedSegment ?? "the last segment")") }
        if r.journalTruncatedBytes > 0 { facts.append("cut a torn journal record of \(r.journalTruncatedBytes) bytes") }
        if r.journalSamples > 0 { facts.append("wrote \(r.journalSamples) journaled samples as a block") }
        if let lost = r.lostSequences { facts.append("sequence numbers \(lost.lowerBound)..<\(lost.upperBound) were lost") }
        if !r.damage.isEmpty { facts.append("\(r.damage.count) damaged blocks kept and skipped") }
        if r.indexesRebuilt > 0 { facts.append("rebuilt \(r.indexesRebuilt) indexes") }
        guard !facts.isEmpty else { return nil }
        return "history \(directory): recovered: " + facts.joined(separator: "; ") + "; continuing at sequence \(r.nextSequence)"
    }
}
