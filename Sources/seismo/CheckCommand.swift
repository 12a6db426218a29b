import ArgumentParser
import SeismoRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `seismo check`: validates rule files the way `promtool check rules` does, plus Seismo's extensions.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate rule files: YAML, fields, types, durations, names, expressions and templates.",
        discussion: """
            Each PATH is a rule file or a directory, whose *.yml and *.yaml files are checked (not recursively). \
            Every problem is printed as file:line:column: message. Exits with status 1 when any error is found; \
            warnings (duplicate rules) do not change the status.
            """
    )

    @Argument(help: "Rule files or directories of rule files.")
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one rule file or directory") }
    }

    func run() throws {
        // Like promtool: progress and successes on stdout, problems on stderr. Flushing stdout before each
        // problem keeps the two in order when both go to one place (`2>&1`).
        func out(_ line: String) {
            print(line)
            fflush(nil)
        }
        let report = RuleChecker().check(paths: paths)
        for problem in report.pathDiagnostics {
            StandardError.line(problem.description)
        }
        for entry in report.entries {
            out("Checking \(entry.path)")
            if entry.hasErrors {
                StandardError.line("  FAILED:")
            } else {
                out("  SUCCESS: \(RuleCheckReport.countText([entry.file]))")
            }
            for problem in entry.diagnostics {
                StandardError.line(problem.description)
            }
            out("")
        }
        if report.hasErrors {
            StandardError.line(report.summary)
            throw ExitCode.failure
        }
        print(report.summary)
    }
}
