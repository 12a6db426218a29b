/// Reports the first few rejected lines of each reason, with line number and an excerpt, then stays quiet
/// (the counters keep counting).
public struct RejectLog {
    /// How many rejections of each reason are reported before going quiet.
    public var perReason: Int
    private var reported: [Int] = Array(repeating: 0, count: RejectReason.allCases.count)
    private let write: (String) -> Void

    /// - Parameter write: receives one finished line of text (no newline), e.g. a stderr writer or a Logger.
    public init(perReason: Int = 5, write: @escaping (String) -> Void) {
        self.perReason = perReason
        self.write = write
    }

    public mutating func report(_ rejection: LineRejection, line: UInt64, source: String, bytes: UnsafeRawBufferPointer) {
        let k = rejection.reason.rawValue
        guard reported[k] < perReason else { return }
        reported[k] += 1
        var message = "\(source):\(line): rejected (\(rejection.reason)): \(rejection.detail): \(Self.excerpt(bytes))"
        if reported[k] == perReason { message += " (further \(rejection.reason) rejections are counted, not shown)" }
        write(message)
    }

    /// At most 80 bytes of the line, with control bytes and non-ASCII shown as `\xNN`, in quotes.
    public static func excerpt(_ bytes: UnsafeRawBufferPointer, limit: Int = 80) -> String {
        var out = "\""
        for b in bytes.prefix(limit) {
            switch b {
            case 0x20...0x7E where b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            default:
                let hex = String(b, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        out += "\""
        if bytes.count > limit { out += "…" }
        return out
    }
}
