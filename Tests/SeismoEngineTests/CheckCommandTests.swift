import Foundation
import SeismoTestSupport
import Testing

/// `seismo check` run as a user would: promtool-style output, every problem as `file:line:column: message`, and
/// the exit status.
@Suite struct CheckCommandTests {
    static let repositoryRules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    @Test func bundledRulesPass() throws {
        let result = try SeismoProcess.run(["check", Self.repositoryRules])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Checking \(Self.repositoryRules)/invariants.yml")
        #expect(lines.contains("  SUCCESS: 12 rules found (3 detectors, 1 health classifier)"))
        #expect(lines.filter { $0.hasPrefix("Checking ") }.count == 3, "README.md must not be checked")
        #expect(result.stdoutText.hasSuffix("\nSUCCESS: 15 rules found (3 detectors, 1 health classifier, 2 SLOs, 3 invariants) in 3 files\n"))
    }

    @Test func everyProblemIsPrintedWithItsPositionAndTheStatusIsOne() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let good = dir.appendingPathComponent("good.yml").path
            let bad = dir.appendingPathComponent("bad.yml").path
            try "groups:\n  - name: ok\n    rules:\n      - record: a:b\n        expr: up\n".write(toFile: good, atomically: true, encoding: .utf8)
            try """
                groups:
                  - name: api
                    rules:
                      - alert: HighLatency
                        expr: histogram_quantile(0.9, rate(latency_bucket[5m]) > 1
                        for: ten minutes
                        labels:
                          severity: "{{ $labels.sev "
                      - record: api:errors
                        expr: sum(errors)
                        annotation: {x: y}
                """.write(toFile: bad, atomically: true, encoding: .utf8)
            let result = try SeismoProcess.run(["check", good, bad])
            #expect(result.status == 1)
            #expect(result.stdoutText == "Checking \(good)\n  SUCCESS: 1 rule found\n\nChecking \(bad)\n\n")
            #expect(result.stderr == """
                  FAILED:
                \(bad):5:67: group "api", rule 1, "HighLatency": could not parse expression: unclosed left parenthesis
                \(bad):6:14: group "api", rule 1, "HighLatency": field for: invalid duration "ten minutes" (expected e.g. 30s, 5m, 1h30m, 250ms)
                \(bad):8:22: group "api", rule 1, "HighLatency": label "severity": template: unclosed action
                \(bad):11:9: group "api", rule 2, "api:errors": field annotation not found in rule (did you mean annotations?)
                FAILED: 4 errors in 1 of 2 files

                """)
        }
    }

    @Test func yamlErrorsAndMissingPathsFail() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let broken = dir.appendingPathComponent("broken.yaml").path
            try "groups:\n  - name: a\n    rules: [\n".write(toFile: broken, atomically: true, encoding: .utf8)
            let missing = dir.appendingPathComponent("nope").path
            let result = try SeismoProcess.run(["check", dir.path, missing])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first == "\(missing): no such file or directory")
            #expect(lines.contains { $0.hasPrefix("\(broken):4:1: yaml: ") })
            #expect(lines.last == "FAILED: 2 errors in 1 of 1 file and 1 path")
        }
    }

    @Test func warningsAreShownButDoNotFail() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("dup.yml").path
            try "groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up\n      - record: a:b\n        expr: down\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            let result = try SeismoProcess.run(["check", file])
            #expect(result.status == 0)
            #expect(result.stderr == "\(file):6:9: warning: group \"g\", rule 2, \"a:b\": duplicate rule: same name and labels as group \"g\", rule 1 (line 4)\n")
            #expect(result.stdoutText.hasSuffix("SUCCESS: 2 rules found in 1 file, 1 warning\n"))
        }
    }

    @Test func atLeastOnePathIsRequired() throws {
        let result = try SeismoProcess.run(["check"])
        #expect(result.status == 64)
    }
}
