import ArgumentParser
import SeismoRules

#if canImport(Glibc)
import Glibc
#endif

/// `seismo test`: runs rule unit tests written in promtool's test-file format.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests in promtool's format (rule_files, input_series, alert_rule_test, promql_expr_test).",
        discussion: """
            Output follows `promtool test rules`: `Unit Testing:  FILE`, then SUCCESS or FAILED: with the \
            expected and actual alerts or samples. Exits with status 1 when any test fails.
            """
    )

    @Argument(help: "Test files.")
    var files: [String]

    @Option(
        name: .customLong("external-url"),
        help: ArgumentHelp(
            "What alert templates' externalURL and pathPrefix return (and $externalURL where a test group sets no "
                + "external_url). Default none, as promtool: those two functions fail.",
            valueName: "url"
        )
    )
    var externalURL: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one test file") }
    }

    func run() throws {
        let runner = RuleTestRunner(externalURL: externalURL.map(AlertTemplate.ExternalURL.init))
        var failed = false
        for file in files {
            let report = runner.run(path: file)
            print(report.text, terminator: "")
            fflush(nil)
            if !report.passed { failed = true }
        }
        if failed { throw ExitCode(1) }
    }
}
