/// Why a rule test file could not be loaded, and where: printed as `file:line:column: message`
/// (`file: message` for problems with the file as a whole, such as a missing file).
public struct RuleTestFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as given (or joined with its directory).
    public var file: String
    /// nil for problems with the whole file.
    public var position: RuleTestPosition?
    /// What is wrong, without the file and position.
    public var message: String

    public init(file: String, position: RuleTestPosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        guard let position else { return "\(file): \(message)" }
        return "\(file):\(position.line):\(position.column): \(message)"
    }
}
