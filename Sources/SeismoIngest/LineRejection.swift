/// A rejected line: the reason it is counted under and a short human explanation of what was wrong.
///
/// Thrown by parsers (typed throws, no allocation on the happy path); the `Ingestor` adds the line number and an
/// excerpt when it reports it.
public struct LineRejection: Error, Equatable, Sendable {
    public var reason: RejectReason
    /// What was wrong, e.g. `field "usage" has no value`. Static strings keep rejection cheap.
    public var detail: String

    public init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
