/// A valid set of rule files loaded together: what `seismo run --rules` evaluates, and what a reload replaces only
/// when every file is valid.
public struct RuleSet: Equatable, Sendable {
    public var files: [RuleFile]
    /// Lint findings that do not prevent loading (duplicate rules).
    public var warnings: [RuleFileDiagnostic]

    public init(files: [RuleFile] = [], warnings: [RuleFileDiagnostic] = []) {
        self.files = files
        self.warnings = warnings
    }

    /// Loads the files and directories `paths` name.
    ///
    /// - Throws: `RuleLoadError` with every error (and warning) when any path or file has an error; nothing is
    ///   loaded then.
    public init(loading paths: [String]) throws(RuleLoadError) {
        let report = RuleChecker().check(paths: paths)
        guard !report.hasErrors else { throw RuleLoadError(diagnostics: report.diagnostics) }
        self.init(files: report.entries.map(\.file), warnings: report.diagnostics)
    }

    /// All groups of all files, in load order.
    public var groups: [RuleGroup] { files.flatMap(\.groups) }
}
