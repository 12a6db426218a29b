/// A syntax error in one of the small notations of a rule test file (a series like `up{job="api"}`, or
/// values like `1+2x10 _ stale`), with where in the text it is.
public struct NotationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Unicode scalars from the start of the text to the problem (0-based), so a caller can add it to the
    /// column where the text starts in its file.
    public var offset: Int
    /// What is wrong, worded like Prometheus's parser where it has a message for the case.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(offset + 1): \(message)" }
}
