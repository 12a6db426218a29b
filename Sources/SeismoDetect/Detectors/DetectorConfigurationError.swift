/// A detector parameter out of its allowed range.
public struct DetectorConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter's name as the command line and rule files spell it, e.g. `k`.
    public var parameter: String
    public var message: String

    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "invalid \(parameter): \(message)" }
}
