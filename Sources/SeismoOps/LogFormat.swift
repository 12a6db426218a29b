import Logging

/// How log records look on stderr (`--log-format`).
public enum LogFormat: String, CaseIterable, Sendable {
    /// `seismo: warning: message key=value`, for people.
    case text
    /// One JSON object per line (`JSONLogHandler`), for log collectors.
    case json

    /// A handler of this format writing whole lines to `write` (stderr unless a test says otherwise).
    public func handler(
        label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = StandardErrorLines.write
    ) -> any LogHandler {
        switch self {
        case .text:
            var handler = TextLogHandler(label: label, write: write)
            handler.logLevel = level
            return handler
        case .json:
            var handler = JSONLogHandler(label: label, write: write)
            handler.logLevel = level
            return handler
        }
    }
}
