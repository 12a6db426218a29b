import Foundation
import SeismoRules
import SeismoTestSupport
import Testing

/// Loading several files and directories together: which files a directory contributes, in which order, and the
/// checks that span files.
@Suite struct RuleCheckerTests {
    static let valid = "groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up\n"

    static func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func directoriesContributeTheirYAMLFilesSortedAndNothingElse() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            for name in ["b.yml", "a.yaml", "C.yml", "README.md", "notes.txt", ".hidden.yml", "backup.yml~"] {
                try Self.write(Self.valid, to: dir.appendingPathComponent(name))
            }
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("nested.yml"), withIntermediateDirectories: true)
            try Self.write(Self.valid, to: dir.appendingPathComponent("nested.yml/inner.yml"))
            let (files, problems) = RulePaths.expand([dir.path])
            #expect(problems == [])
            #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["C.yml", "a.yaml", "b.yml"])
        }
    }

    @Test func filesNamedExplicitlyLoadWhateverTheirExtensionAndOnlyOnce() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = dir.appendingPathComponent("rules.conf")
            let other = dir.appendingPathComponent("x.yml")
            try Self.write(Self.valid, to: rules)
            try Self.write(Self.valid, to: other)
            let (files, problems) = RulePaths.expand([rules.path, dir.path, other.path])
            #expect(problems == [])
            #expect(files == [rules.path, other.path])
        }
    }

    @Test func missingPathsAndEmptyDirectoriesAreErrors() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let missing = dir.appendingPathComponent("missing.yml").path
            let report = RuleChecker().check(paths: [missing, dir.path])
            #expect(report.pathDiagnostics.map(\.description) == [
                "\(missing): no such file or directory",
                "\(dir.path): no *.yml or *.yaml rule files in this directory",
            ])
            #expect(report.hasErrors)
            #expect(report.entries.isEmpty)
        }
    }

    @Test func extensionNamesMustBeUniqueAcrossFiles() {
        let detector = """
            groups:
              - name: %@
                detectors:
                  - name: latency
                    selector: http_request_duration_ms
                slos:
                  - name: latency
                    objective: 0.9
                    success: ok
            """
        let report = RuleChecker().check(texts: [
            (path: "one.yml", text: detector.replacingOccurrences(of: "%@", with: "a")),
            (path: "two.yml", text: detector.replacingOccurrences(of: "%@", with: "b")),
        ])
        // The same name for a detector and an SLO is fine: they label different series.
        #expect(report.entries[0].diagnostics == [])
        #expect(report.entries[1].diagnostics.map(\.description) == [
            "two.yml:4:9: group \"b\": detector \"latency\" is already declared at one.yml:4:9; names must be unique across all rule files",
            "two.yml:7:9: group \"b\": SLO \"latency\" is already declared at one.yml:7:9; names must be unique across all rule files",
        ])
        #expect(report.summary == "FAILED: 2 errors in 1 of 2 files")
    }

    @Test func groupNamesMayRepeatAcrossFiles() {
        let report = RuleChecker().check(texts: [(path: "one.yml", text: Self.valid), (path: "two.yml", text: Self.valid)])
        #expect(!report.hasErrors)
        #expect(report.summary == "SUCCESS: 2 rules found in 2 files")
    }

    @Test func ruleSetLoadsOnlyWhenEveryFileIsValid() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            try Self.write(Self.valid, to: dir.appendingPathComponent("a.yml"))
            let set = try RuleSet(loading: [dir.path])
            #expect(set.groups.map(\.name) == ["g"])
            #expect(set.files.first?.ruleCount == 1)

            try Self.write("groups:\n  - name: h\n    rules:\n      - alert: X\n", to: dir.appendingPathComponent("b.yml"))
            do throws(RuleLoadError) {
                _ = try RuleSet(loading: [dir.path])
                Issue.record("an invalid file was loaded")
            } catch {
                #expect(error.description == "\(dir.path)/b.yml:4:9: group \"h\", rule 1, \"X\": field 'expr' must be set in rule")
                #expect(error.errorCount == 1)
            }
        }
    }

    @Test func unreadableTextIsAFileProblem() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("latin1.yml")
            try Data([0x67, 0x72, 0x6F, 0x75, 0x70, 0x73, 0x3A, 0xE9, 0x0A]).write(to: file)
            let report = RuleChecker().check(paths: [file.path])
            #expect(report.entries.first?.diagnostics.map(\.description) == ["\(file.path): not UTF-8 text"])
        }
    }
}
