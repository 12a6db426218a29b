import Foundation
import SeismoTestSupport
import Testing

/// `seismo run --status` on a real terminal (a pty from `script`) and on a file.
@Suite struct StatusViewTests {
    /// The bundled rules on the bundled example stream: SLOs, health classifiers and alerts all have something.
    static func exampleInput() throws -> Data {
        let generated = try SeismoProcess.run(["generate", "--example"])
        try #require(generated.status == 0, "\(generated.stderr)")
        return generated.stdout
    }

    static var rulesDirectory: String {
        // Tests run from the package root (swift test), where rules/ is.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules").path
    }

    @Test func drawsFramesWithANSIOnATerminal() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "script (util-linux) is needed")
        try SeismoProcess.withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in.lp")
            try Self.exampleInput().write(to: input)
            let command = "'\(SeismoProcess.executable.path)' run --status --rules '\(Self.rulesDirectory)' "
                + "--output /dev/null < '\(input.path)'"
            let process = Process()
            process.executableURL = script
            // -q: no "Script started" banner; -e: its status is the command's; -c: run this; /dev/null: no typescript.
            process.arguments = ["-qec", command, "/dev/null"]
            let out = dir.appendingPathComponent("out")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: out)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let screen = String(decoding: try Data(contentsOf: out), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(screen)")
            #expect(screen.contains("seismo  60000 lines"), "the last frame shows the final count: \(screen)")
            #expect(screen.contains("SLOs (error budget consumed)"), "\(screen)")
            #expect(screen.contains("█") || screen.contains("░"), "budget bars")
            #expect(screen.contains("firing ("))
            #expect(screen.contains("lines     60000"), "the summary follows the view")
        }
    }

    @Test func staysPlainWhenStderrIsAFile() throws {
        let result = try SeismoProcess.run(["run", "--status", "--format", "influx"], input: Data("a value=1 1\nb value=2 2\n".utf8))
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\u{1B}["), "no escape sequences off a terminal: \(result.stderr)")
        #expect(result.stderr.contains("lines     2"))
    }

    @Test func jsonLogFormatWritesObjects() throws {
        let result = try SeismoProcess.run(
            ["run", "--log-format", "json", "--format", "influx"], input: Data("a value=1 1\na value=x 2\n".utf8)
        )
        #expect(result.status == 0)
        let records = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        try #require(records.count == 1, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(records[0].utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect((object["message"] as? String)?.hasPrefix("stdin:2: rejected") == true)
        #expect(result.stderr.contains("lines     2"), "the summary stays plain text")
    }
}
