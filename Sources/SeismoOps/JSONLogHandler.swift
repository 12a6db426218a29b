import Foundation
import Logging

/// Log records as one JSON object per line, for log collectors:
/// `{"time":"2024-05-01T12:00:00.123Z","level":"warning","label":"seismo","message":"…","metadata":{…},"source":"SeismoEngine"}`.
///
/// Keys always appear, in that order (`metadata` is `{}` when there is none); metadata values keep their shape
/// (strings, arrays, objects). `time` is the wall clock in UTC with milliseconds.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    public let label: String
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - write: receives each finished line (no newline).
    ///   - clock: the time stamped on records (tests fix it).
    public init(label: String, write: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Date = Date.init) {
        self.label = label
        self.write = write
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        var out = "{\"time\":"
        Self.appendString(Self.rfc3339(clock()), to: &out)
        out += ",\"level\":"
        Self.appendString(event.level.rawValue, to: &out)
        out += ",\"label\":"
        Self.appendString(label, to: &out)
        out += ",\"message\":"
        Self.appendString(event.message.description, to: &out)
        out += ",\"metadata\":"
        Self.append(.dictionary(merged), to: &out)
        out += ",\"source\":"
        Self.appendString(event.source, to: &out)
        out += "}"
        write(out)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let ms = Int(milliseconds % 1000)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let fraction = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }

    static func append(_ value: Logger.MetadataValue, to out: inout String) {
        switch value {
        case .string(let s): appendString(s, to: &out)
        case .stringConvertible(let c): appendString(c.description, to: &out)
        case .array(let values):
            out += "["
            for (i, v) in values.enumerated() {
                if i > 0 { out += "," }
                append(v, to: &out)
            }
            out += "]"
        case .dictionary(let entries):
            out += "{"
            for (i, key) in entries.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                append(entries[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
