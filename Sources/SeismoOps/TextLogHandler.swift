import Logging

/// Log records as short lines for people: `seismo: message key=value`, with the level in front from warning up
/// (`seismo: warning: stdin:3: rejected ...`). The label stands first, as a command's name does in its messages.
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    public let label: String
    private let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = label + ": "
        if event.level >= .warning { line += "\(event.level): " }
        line += event.message.description
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() { line += " \(key)=\(merged[key]!)" }
        write(line)
    }
}
