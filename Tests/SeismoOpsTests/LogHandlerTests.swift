import Foundation
import Logging
import SeismoOps
import Testing

/// Lines a handler wrote, collected for inspection.
final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    var write: @Sendable (String) -> Void { { line in self.lock.withLock { self.lines.append(line) } } }
}

@Suite struct LogHandlerTests {
    @Test func jsonRecordIsOneObjectWithEveryKey() throws {
        let out = CollectedLines()
        var logger = Logger(label: "seismo.test") {
            JSONLogHandler(label: $0, write: out.write, clock: { Date(timeIntervalSince1970: 1_700_000_000.123) })
        }
        logger.logLevel = .info
        logger[metadataKey: "run"] = "r1"
        logger.warning("stdin:3: rejected (bad number): \"x\"\n", metadata: ["line": "\(3)", "tags": ["a", "b"]])
        logger.debug("below the level")
        #expect(out.all.count == 1)
        let line = try #require(out.all.first)
        #expect(!line.contains("\n"), "one record, one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "seismo.test")
        #expect(object["message"] as? String == "stdin:3: rejected (bad number): \"x\"\n")
        #expect(object["source"] as? String == "SeismoOpsTests")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["run"] as? String == "r1")
        #expect(metadata["line"] as? String == "3")
        #expect(metadata["tags"] as? [String] == ["a", "b"])
        #expect(line.hasPrefix("{\"time\":"), "keys in the documented order")
    }

    @Test func jsonEscapesControlCharacters() throws {
        let out = CollectedLines()
        let logger = Logger(label: "l") { JSONLogHandler(label: $0, write: out.write) }
        logger.error("tab\tbell\u{07}quote\"backslash\\")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.all[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "tab\tbell\u{07}quote\"backslash\\")
        #expect(out.all[0].contains("\\u0007"))
    }

    @Test func textRecordNamesTheLevelFromWarningUp() {
        let out = CollectedLines()
        var logger = Logger(label: "seismo") { LogFormat.text.handler(label: $0, level: .notice, write: out.write) }
        logger.notice("serving metrics", metadata: ["address": "127.0.0.1:9464"])
        logger.warning("stdin:3: rejected")
        logger.info("hidden at notice")
        logger.logLevel = .info
        logger.info("shown at info")
        #expect(out.all == [
            "seismo: serving metrics address=127.0.0.1:9464",
            "seismo: warning: stdin:3: rejected",
            "seismo: shown at info",
        ])
    }
}
