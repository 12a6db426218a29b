import SeismoCore

/// Where and how alerts go to Alertmanager; `seismo run --alertmanager` fills it in, tests build it directly.
///
/// Durations are nanoseconds of wall time.
public struct AlertmanagerConfiguration: Sendable, Equatable {
    /// Alertmanager base URLs (`http://host:9093`, optionally with a path prefix); every one gets every alert.
    public var urls: [String]
    /// How often active alerts are sent again (Prometheus's `--rules.alert.resend-delay`, default 1m).
    public var resendInterval: Int64 = 60 * Timestamp.nanosecondsPerSecond
    /// A firing alert's `endsAt` is this many resend intervals after it is sent, so Alertmanager resolves it by
    /// itself if Seismo stops sending (Prometheus uses 4).
    public var validityIntervals: Int64 = 4
    /// Most alerts waiting per Alertmanager; beyond it the oldest is dropped and counted. An alert that changes
    /// while it waits is replaced in place, so this bounds distinct alerts, not events.
    public var queueCapacity = 10_000
    /// Most alerts in one request.
    public var maxBatchSize = 256
    /// Attempts per alert before it is dropped and counted (the first send included).
    public var maxAttempts = 5
    /// Backoff after the first failed request; doubles with each further failure up to `maxBackoff`.
    public var initialBackoff: Int64 = 500_000_000
    public var maxBackoff: Int64 = 30 * Timestamp.nanosecondsPerSecond
    /// Time allowed for one request, connecting included.
    public var requestTimeout: Int64 = 10 * Timestamp.nanosecondsPerSecond
    /// At exit, how long pending sends may take before what is left is dropped and counted.
    public var flushTimeout: Int64 = 10 * Timestamp.nanosecondsPerSecond
    /// Prefix of each alert's `generatorURL`: `<externalURL>/alerts/<alertname>`.
    public var externalURL: String

    public init(urls: [String], externalURL: String) {
        self.urls = urls
        self.externalURL = externalURL
    }

    /// How far past "now" a firing alert's `endsAt` is put.
    public var validity: Int64 { resendInterval * validityIntervals }

    /// The endpoint alerts are posted to for a configured base URL: `/api/v2/alerts` appended after any path
    /// prefix, unless the URL already ends with it.
    public static func endpoint(for url: String) -> String {
        var base = Substring(url)
        while base.hasSuffix("/") { base = base.dropLast() }
        if base.hasSuffix("/api/v2/alerts") { return String(base) }
        return base + "/api/v2/alerts"
    }

    /// The default external URL: `seismo://<host name>`.
    public static func defaultExternalURL() -> String {
        "seismo://" + hostName()
    }

    /// `generatorURL` for an alert: `<externalURL>/alerts/<alertname>`, the name percent-encoded.
    public func generatorURL(alertName: String) -> String {
        var base = Substring(externalURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/alerts/" + Self.percentEncoded(alertName)
    }

    /// RFC 3986 unreserved characters kept, every other byte as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
