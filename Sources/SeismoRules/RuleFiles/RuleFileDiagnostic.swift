/// One problem found in a rule file, with where it is.
///
/// Printed as `file:line:column: message` (warnings as `file:line:column: warning: message`), the form editors and
/// CI annotations understand. Problems with the file as a whole (unreadable, missing) have no position and print as
/// `file: message`.
public struct RuleFileDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// The file must not be loaded.
        case error
        /// Loadable, but probably not what was meant (promtool's lint findings, such as duplicate rules).
        case warning
    }

    /// The path as given on the command line (or joined with its directory).
    public var file: String
    /// nil for problems with the whole file.
    public var position: RuleFilePosition?
    public var severity: Severity
    /// What is wrong, without the file and position.
    public var message: String

    public init(file: String, position: RuleFilePosition?, severity: Severity = .error, message: String) {
        self.file = file
        self.position = position
        self.severity = severity
        self.message = message
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return severity == .warning ? "\(place): warning: \(message)" : "\(place): \(message)"
    }
}
