/// What `RuleChecker` found: each file's model and problems, and the problems with the paths themselves.
public struct RuleCheckReport: Sendable {
    /// One rule file's outcome.
    public struct Entry: Sendable {
        public var file: RuleFile
        /// Sorted by position; file-wide problems first.
        public var diagnostics: [RuleFileDiagnostic]

        public var path: String { file.path }
        public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    }

    /// The files, in the order they were named (a directory's files sorted by name).
    public var entries: [Entry]
    /// Missing paths and directories without rule files.
    public var pathDiagnostics: [RuleFileDiagnostic]

    /// Every problem: the paths', then each file's in order.
    public var diagnostics: [RuleFileDiagnostic] { pathDiagnostics + entries.flatMap(\.diagnostics) }
    public var errorCount: Int { diagnostics.filter(\.isError).count }
    public var warningCount: Int { diagnostics.count - errorCount }
    public var hasErrors: Bool { errorCount > 0 }
    /// Recording and alerting rules in all files.
    public var ruleCount: Int { entries.reduce(0) { $0 + $1.file.ruleCount } }

    /// `12 rules found`, then the extensions declared, if any: `(2 detectors, 1 health classifier, 1 SLO)`.
    public static func countText(_ files: [RuleFile]) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? one : many)" }
        let rules = files.reduce(0) { $0 + $1.ruleCount }
        var text = "\(rules) \(rules == 1 ? "rule" : "rules") found"
        let extensions = [
            count(files.reduce(0) { $0 + $1.detectorCount }, "detector", "detectors"),
            count(files.reduce(0) { $0 + $1.healthCount }, "health classifier", "health classifiers"),
            count(files.reduce(0) { $0 + $1.sloCount }, "SLO", "SLOs"),
            count(files.reduce(0) { $0 + $1.invariantCount }, "invariant", "invariants"),
        ].compactMap { $0 }
        if !extensions.isEmpty { text += " (" + extensions.joined(separator: ", ") + ")" }
        return text
    }

    /// The closing line of `seismo check`: `SUCCESS: 23 rules found in 2 files` or
    /// `FAILED: 3 errors in 1 of 2 files`, with the warnings counted when there are any.
    public var summary: String {
        let files = entries.count
        let fileWord = files == 1 ? "file" : "files"
        let warnings = warningCount == 0 ? "" : ", \(warningCount) \(warningCount == 1 ? "warning" : "warnings")"
        guard hasErrors else {
            return "SUCCESS: \(Self.countText(entries.map(\.file))) in \(files) \(fileWord)\(warnings)"
        }
        let failed = entries.filter(\.hasErrors).count
        let errors = "\(errorCount) \(errorCount == 1 ? "error" : "errors")"
        let paths = pathDiagnostics.filter(\.isError).count
        var place = failed == 0 && paths > 0 ? "in the paths given" : "in \(failed) of \(files) \(fileWord)"
        if failed > 0 && paths > 0 { place += " and \(paths) \(paths == 1 ? "path" : "paths")" }
        return "FAILED: \(errors) \(place)\(warnings)"
    }
}
