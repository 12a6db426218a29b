/// The text formats `seismo history export` writes, each read back by the matching `seismo run --format`.
public enum HistoryExportFormat: String, CaseIterable, Sendable {
    /// `metric,label=value value=<v> <ns>`: InfluxDB line protocol, timestamps in ns. The field is `value`,
    /// which Seismo's parser reads as the measurement itself, so metric names come back unchanged.
    case influx
    /// `timestamp,value,name,<label>…` with a header naming every label of the exported series, timestamps as
    /// ns since the epoch; a series without one of the labels leaves its column empty.
    case csv
    /// Prometheus text: `metric{label="value"} <v> <ms>`. The format's timestamps are milliseconds, so finer
    /// parts are dropped (rounded down).
    case prometheus

    /// Whether the format can carry NaN and ±Inf (line protocol and Seismo's CSV reject them).
    public var carriesNonFiniteValues: Bool { self == .prometheus }
}
