import Foundation

/// A promtool rule unit-test file (`promtool test rules FILE`): rule files to load, and test groups of input
/// series with the alerts and query results expected from them.
///
/// Load one with `RuleTestFile.load(path:)`; the format is Prometheus's "Unit testing for rules" document's.
public struct RuleTestFile: Equatable, Sendable {
    /// The test file's path as given.
    public var path: String
    /// `rule_files`, joined with the test file's directory when relative and expanded as globs (`*`, `?`,
    /// `[...]`), matches sorted; a pattern matching nothing leaves a warning and no file.
    public var ruleFiles: [String]
    /// `evaluation_interval` in nanoseconds; 1m when not given.
    public var evaluationInterval: Int64
    /// `group_eval_order`: these groups are evaluated first, in this order, at each evaluation time.
    public var groupEvalOrder: [String]
    /// `fuzzy_compare` (newer promtool): sample values one ulp apart count as equal.
    public var fuzzyCompare: Bool
    public var tests: [RuleTestGroup]
    /// Warnings promtool prints without failing, such as `no file match pattern rules/*.yml`.
    public var warnings: [String]

    public init(
        path: String, ruleFiles: [String] = [], evaluationInterval: Int64 = 60_000_000_000,
        groupEvalOrder: [String] = [], fuzzyCompare: Bool = false, tests: [RuleTestGroup] = [],
        warnings: [String] = []
    ) {
        self.path = path
        self.ruleFiles = ruleFiles
        self.evaluationInterval = evaluationInterval
        self.groupEvalOrder = groupEvalOrder
        self.fuzzyCompare = fuzzyCompare
        self.tests = tests
        self.warnings = warnings
    }

    /// Reads and checks the test file at `path`.
    ///
    /// - Throws: `RuleTestFileError` at the first problem: unreadable file, YAML syntax, a field promtool does not
    ///   know (promtool reads strictly), a wrong type, a bad duration, series or values notation, a missing
    ///   `alertname`, a group repeated in `group_eval_order`.
    public static func load(path: String) throws(RuleTestFileError) -> RuleTestFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RuleTestFileError(file: path, position: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleTestFileError(file: path, position: nil, message: "the file is not valid UTF-8")
        }
        return try parse(yaml: text, path: path)
    }

    /// Reads a test file from `yaml`, as if it were at `path`: relative `rule_files` are joined with the
    /// directory of `path` and expanded as globs against the file system.
    public static func parse(yaml: String, path: String) throws(RuleTestFileError) -> RuleTestFile {
        let reader = RuleTestFileReader(yaml: yaml, path: path)
        var file = try reader.read()
        var resolved: [String] = []
        let directory = TestFileGlob.directory(of: path)
        for pattern in file.ruleFiles {
            let full = TestFileGlob.resolve(pattern, relativeTo: directory)
            let matches = TestFileGlob.matches(full)
            if matches.isEmpty { file.warnings.append("no file match pattern \(full)") }
            resolved += matches
        }
        file.ruleFiles = resolved
        return file
    }
}
