import SeismoTestSupport
import Testing

/// The fixtures are what they claim to be under the real `promtool test rules`: one passes, one fails with the
/// output kept beside it. Skipped where promtool is not installed (`.ci/setup` installs it).
@Suite(.enabled(if: Promtool.isAvailable, "promtool is not installed")) struct PromtoolFixtureTests {
    @Test func passingFixturePasses() throws {
        let result = try Promtool.testRules(["api_rules_test.yml"], in: PromtoolFixtures.directory)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("SUCCESS"))
    }

    @Test func failingFixtureFailsAsRecorded() throws {
        let result = try Promtool.testRules(["api_rules_failing_test.yml"], in: PromtoolFixtures.directory)
        #expect(result.status == 1, "\(result.output)")
        // The recorded text interleaves stdout and stderr as a terminal shows them; promtool writes the header to
        // stdout and everything from "FAILED:" on to stderr, with the blank separator lines on stdout.
        let recorded = try PromtoolFixtures.text("api_rules_failing_test.promtool.txt")
        let version = try Promtool.run(["--version"]).output
        if version.contains("version 2.42.") {
            #expect(result.stdout.hasPrefix("Unit Testing:  api_rules_failing_test.yml\n"))
            let failureText = recorded.components(separatedBy: "  FAILED:\n")[1]
            let stderrText = result.stderr.components(separatedBy: "  FAILED:\n").last ?? ""
            #expect(stderrText.replacingOccurrences(of: "\n", with: "") == failureText.replacingOccurrences(of: "\n", with: ""))
        }
    }
}
