import SeismoCore
import SeismoHistory
import SeismoIngest

/// Streams a history directory through the same evaluation as `seismo run`: detection stage, rule engine and
/// alert output, in original arrival order, as fast as the machine allows.
///
/// The alerts equal those the live run wrote (provenance aside): the live run recorded its idle clock advances
/// and its end in history as clock markers, and replay applies them where they stand. After the blocks come the
/// samples still in the journal (`JournalTail`), so the last samples of a run that was killed replay too. Damaged
/// blocks are skipped and reported (`ReplaySummary.damage`, each naming segment and offset); the rest is replayed.
public struct Replay {
    public let configuration: ReplayConfiguration

    public init(configuration: ReplayConfiguration) {
        self.configuration = configuration
    }

    /// Replays the history, then calls `damage` for each damaged block that was skipped, in order. Throws only
    /// when the directory or a segment cannot be opened.
    public func run(damage report: (HistoryError) -> Void = { _ in }) throws(HistoryError) -> ReplaySummary {
        let started = Timestamp.monotonic()
        let reader = try HistoryReader(directory: configuration.directory)
        // Read at once, right after the listing: the fewer blocks a live writer can add in between, the better.
        let journal = try reader.journalTail()
        var limits = IngestLimits()
        limits.maxSeries = Int(Int32.max)
        limits.maxLabels = .max
        limits.maxLabelNameLength = .max
        limits.maxLabelValueLength = .max
        let table = SeriesTable(limits: limits)
        var engine = configuration.engine
        engine.source = "history"
        var evaluator = Evaluator(configuration: engine, registry: table.registry)
        var playback = HistoryPlayback()
        playback.from = configuration.from
        playback.to = configuration.to
        playback.progress = configuration.progress
        if let selector = configuration.match { playback.match = { selector.matches($0) } }
        playback.play(reader, journal: journal, into: &evaluator) { labels in try? table.intern(labels) }
        evaluator.finish()
        for damage in playback.damage { report(damage) }
        return ReplaySummary(
            samples: playback.samples, markers: playback.markers, filtered: playback.filtered,
            series: table.seriesCount, anomalies: evaluator.anomalies, alertEvents: evaluator.alertEvents,
            ruleErrors: evaluator.ruleErrors, damage: playback.damage,
            journalSamples: journal.samples.count, journalUnreadableBytes: journal.unreadableBytes,
            journalGap: journal.lostSequences,
            eventTime: evaluator.eventTime, elapsedNanoseconds: Timestamp.monotonic() - started
        )
    }
}
