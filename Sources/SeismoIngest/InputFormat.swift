/// The text formats `seismo` reads. `auto` sniffs the first lines of the stream (see `FormatDetector`).
public enum InputFormat: String, CaseIterable, Sendable {
    case auto
    case influx
    case prometheus
    case graphite
    case statsd
    case jsonl
    case csv
}
