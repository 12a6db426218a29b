/// Why an expression was rejected, and where.
///
/// Printed as `line:column: message`, for example `1:14: unexpected "}" in label matching, expected string`.
/// Messages follow Prometheus's wording wherever Seismo detects the same problem, so they read like promtool's.
public struct PromQLParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the offending token or node starts.
    public var position: SourcePosition
    /// What is wrong, without the position.
    public var message: String

    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "\(position): \(message)" }
}
