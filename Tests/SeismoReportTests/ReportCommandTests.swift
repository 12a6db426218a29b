import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SeismoTestSupport
import Testing

/// End to end: `seismo run --rules rules/ --report FILE` on the bundled example stream.
@Suite struct ReportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func reportChartsTheRulesThatFired() throws {
        let generated = try SeismoProcess.run(["generate", "--example"])
        #expect(generated.status == 0)
        try SeismoProcess.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("report.html").path
            let rules = Self.root.appendingPathComponent("rules").path
            let result = try SeismoProcess.run(["run", "--rules", rules, "--report", path], input: generated.stdout)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("\r["), "no progress bar when stderr is not a terminal")
            let html = try String(contentsOfFile: path, encoding: .utf8)
            // Which alerts fired, and how often, from the JSON lines on stdout.
            var fired: [String: Int] = [:]
            for line in result.stdoutText.split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if object["state"] as? String == "firing", let name = object["alert"] as? String { fired[name, default: 0] += 1 }
            }
            #expect(fired.count >= 3, "the example stream fires several rules")
            let sections = HTMLReportRendererTests.pieces(html, tag: "section")
            var seen = 0
            for section in sections where section.hasPrefix("<section class=\"alert\"") {
                let name = try #require(try HTMLReportRendererTests.elements(section, "h2").first?.stringValue)
                let times = try HTMLReportRendererTests.elements(section, "dd", class: "fired").first?.stringValue
                #expect(times == String(fired[name] ?? 0), "\(name)")
                let svg = HTMLReportRendererTests.pieces(section, tag: "svg")
                #expect(svg.count == 1, "\(name)")
                guard fired[name] != nil else { continue }
                seen += 1
                #expect(try !HTMLReportRendererTests.elements(section, "rect", class: "firing").isEmpty, "\(name)")
                #expect(try !HTMLReportRendererTests.elements(section, "polyline", class: "series").isEmpty, "\(name)")
            }
            #expect(seen == fired.count)
            // An anomaly alert that fired carries the detector's band.
            let latency = try #require(sections.first { $0.contains("<h2>LatencyAnomaly</h2>") })
            #expect(try !HTMLReportRendererTests.elements(latency, "path", class: "band").isEmpty)
            // Both SLOs get a burn-down.
            let slos = sections.filter { $0.hasPrefix("<section class=\"slo\"") }
            #expect(slos.count == 2)
            for slo in slos { #expect(try !HTMLReportRendererTests.elements(slo, "polyline", class: "series").isEmpty) }
        }
    }

    @Test func reportNeedsRules() throws {
        let result = try SeismoProcess.run(["run", "--report", "/tmp/never-written.html"], input: Data("m value=1 1\n".utf8))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--report needs --rules"))
    }
}
