import Foundation
import SeismoTestSupport
import Testing

/// `seismo test` against the real `promtool test rules` (Debian's `prometheus` package, installed by the test
/// command's setup): every fixture must pass or fail the same way under both, with the same report.
@Suite(.enabled(if: Promtool.isAvailable, "promtool is not installed"))
struct TestCommandTests {
    static let fixtures: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SeismoRulesTests/Fixtures/promtool")

    static var testFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasSuffix("_test.yml") }.sorted()
    }

    @Test(arguments: testFiles)
    func agreesWithPromtool(file: String) throws {
        // promtool writes its report across stdout and stderr; what a terminal shows is both through one pipe.
        let promtool = Process()
        promtool.executableURL = URL(fileURLWithPath: "/bin/sh")
        promtool.arguments = ["-c", "\"$0\" test rules \"$1\" 2>&1", try #require(Promtool.executable).path, file]
        promtool.currentDirectoryURL = Self.fixtures
        let pipe = Pipe()
        promtool.standardOutput = pipe
        try promtool.run()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        promtool.waitUntilExit()
        let seismo = try SeismoProcess.run(["test", file], workingDirectory: Self.fixtures)
        #expect(seismo.status == promtool.terminationStatus, "seismo: \(seismo.stdoutText)\npromtool: \(expected)")
        #expect(seismo.stdoutText == expected, "reports differ")
    }

    @Test func fixturesCoverAPassAndAFailure() {
        #expect(Self.testFiles.count >= 2)
    }
}

/// The bundled rules ship with unit tests; they must pass.
@Suite struct BundledRuleTests {
    @Test func bundledRuleTestsPass() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tests = root.appendingPathComponent("rules/tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: tests.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(!files.isEmpty)
        let result = try SeismoProcess.run(["test"] + files, workingDirectory: tests)
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(result.stdoutText.components(separatedBy: "SUCCESS").count - 1 == files.count)
    }

    @Test func bundledRulesPassCheck() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try SeismoProcess.run(["check", root.appendingPathComponent("rules").path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
