/// The help text of every metric Seismo exports about itself, and the buckets of its histograms.
///
/// Prometheus wants a `# HELP` line per metric (`promtool check metrics` flags those without), and swift-metrics
/// carries only names, so the help lives here, looked up by name when a metric is first made. A metric not listed
/// (a new one, or one recorded by code that does not know this table) gets a help text made from its name.
public enum MetricCatalog {
    public static let help: [String: String] = [
        "seismo_lines_read_total": "Input lines read (accepted, rejected and without samples).",
        "seismo_lines_without_samples_total": "Input lines that carried no sample (blank, comments, headers).",
        "seismo_lines_rejected_total": "Input lines rejected, by reason.",
        "seismo_bytes_read_total": "Bytes read from the input.",
        "seismo_samples_accepted_total": "Samples parsed from accepted lines and handed to the evaluator.",
        "seismo_values_ignored_total": "Non-numeric field values ignored (line protocol string fields).",
        "seismo_samples_dropped_total": "Samples dropped because the ring was full (--on-overflow drop).",
        "seismo_samples_evaluated_total": "Samples the evaluation thread has processed.",
        "seismo_producer_wait_seconds_total": "Time the reader waited on a full ring (--on-overflow block).",
        "seismo_ring_depth_samples": "Samples in the ring between reader and evaluator, at the last read chunk.",
        "seismo_ring_high_water_samples": "Deepest the ring has been, in samples.",
        "seismo_ring_capacity_samples": "Capacity of the ring, in samples.",
        "seismo_series": "Distinct input series.",
        "seismo_evaluation_batch_duration_seconds": "Time the evaluation thread spent on one batch popped from the ring.",
        "seismo_rule_tick_duration_seconds": "Time to evaluate the rule groups due at one evaluation time.",
        "seismo_alerts": "Alerts active now, by state (pending, firing).",
        "seismo_alert_events_total": "Alert state changes reported, by new state.",
        "seismo_history_bytes_written_total": "Bytes appended to history segment files.",
        "seismo_history_samples_written_total": "Samples written to history.",
        "seismo_history_blocks_written_total": "Compressed blocks written to history segments.",
        "seismo_history_syncs_total": "Times the history writer synced its files to disk.",
        "seismo_history_segments_created_total": "History segments started.",
        "seismo_history_segments_removed_total": "History segments deleted by retention.",
        "seismo_history_fsync_duration_seconds": "Time one history fsync took.",
    ]

    /// Buckets for duration histograms, by name; others get `defaultDurationBuckets`.
    public static let durationBuckets: [String: [Duration]] = [:]

    /// From 10 µs to 10 s: an evaluation batch or an fsync can be either.
    public static let defaultDurationBuckets: [Duration] = [
        .microseconds(10), .microseconds(50), .microseconds(100), .microseconds(500),
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50),
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10),
    ]

    /// The help text for `name`: from the table, or `name` in words (`seismo_alertmanager_sends_total` →
    /// "seismo alertmanager sends total").
    public static func help(for name: String) -> String {
        help[name] ?? name.replacingOccurrences(of: "_", with: " ")
    }
}
