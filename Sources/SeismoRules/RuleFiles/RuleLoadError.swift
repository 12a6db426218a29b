/// Rule files that cannot be loaded, with every problem found.
public struct RuleLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var diagnostics: [RuleFileDiagnostic]

    public init(diagnostics: [RuleFileDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.filter(\.isError).count }

    /// One problem per line, `file:line:column: message`.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
