/// The outcome of one rule test file, printed as `promtool test rules` prints it:
///
/// ```
/// Unit Testing:  tests/alerts.yml
///   FAILED:
///     alertname: HighErrors, time: 10m, ...
///
/// ```
///
/// promtool writes the header and `SUCCESS` to stdout and warnings, `FAILED:` and the failures to stderr;
/// `text` is what a terminal shows when both go to it.
public struct RuleTestReport: Equatable, Sendable {
    /// The test file's path as given.
    public var file: String
    /// Problems that do not fail the file, such as a `rule_files` pattern matching nothing.
    public var warnings: [String]
    /// Empty when every test of the file passed.
    public var failures: [RuleTestFailure]

    public init(file: String, warnings: [String] = [], failures: [RuleTestFailure] = []) {
        self.file = file
        self.warnings = warnings
        self.failures = failures
    }

    public var passed: Bool { failures.isEmpty }

    /// The report in promtool's layout, ending with a blank line.
    public var text: String {
        var out = "Unit Testing:  \(file)\n"
        for warning in warnings { out += "  WARNING: \(warning)\n" }
        if failures.isEmpty {
            out += "  SUCCESS\n"
        } else {
            out += "  FAILED:\n"
            for failure in failures { out += failure.description + "\n\n" }
        }
        return out + "\n"
    }
}
