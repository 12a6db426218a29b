import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SeismoCore
import SeismoReport
import Testing

/// The HTML report on constructed data: one chart per alert rule, the band, firing spans where they belong, the
/// numbers, well-formed markup and escaped label values.
@Suite struct HTMLReportRendererTests {
    static let s = Timestamp.nanosecondsPerSecond
    static let start: Int64 = 1_800_000_000 * s
    static let end = start + 2000 * s

    static func data(hostile: String = "a") -> ReportData {
        var tally = AlertTally()
        for e in AlertTallyTests.sequence {
            var shifted = e
            shifted.time += start
            shifted.activeAt += start
            tally.record(shifted)
        }
        let line = ChartLine(
            labels: SeriesLabels(metric: "latency_ms", labels: [Label(name: "host", value: hostile)]),
            points: (0..<200).map { .init(time: start + Int64($0) * 10 * s, value: Double($0 % 7) * 10) },
            band: (0..<200).map { .init(time: start + Int64($0) * 10 * s, lower: -20, upper: 80) },
            sensitivity: 4
        )
        let high = AlertReport(
            name: "High", expressions: ["seismo_anomaly{detector=\"lat\"} == 1"],
            statistics: tally.statistics(at: end), spans: tally.spans, lines: [line], omittedSeries: 3
        )
        let quiet = AlertReport(name: "Quiet <one>", expressions: ["up == 0"], threshold: 0)
        let budget = ChartLine(
            labels: SeriesLabels(metric: "seismo_slo_budget_remaining", labels: [Label(name: "slo", value: "checkout")]),
            points: [.init(time: start, value: 1), .init(time: end, value: 0.4)]
        )
        return ReportData(
            title: "test", start: start, end: end, alerts: [high, quiet],
            slos: [SLOReport(name: "checkout", objective: 0.999, lines: [budget])]
        )
    }

    static func pieces(_ html: String, tag: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
            out.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func elements(_ xml: String, _ name: String, class className: String? = nil) throws -> [XMLElement] {
        let doc = try XMLDocument(xmlString: xml, options: [])
        let predicate = className.map { "[@class='\($0)']" } ?? ""
        return try doc.nodes(forXPath: "//*[local-name()='\(name)']\(predicate)").compactMap { $0 as? XMLElement }
    }

    /// An attribute's value, looked up by local name (FoundationXML's `attribute(forName:)` misses attributes of
    /// elements in a default namespace, as SVG's are).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    @Test func oneChartPerAlertRuleAndSLO() {
        let html = HTMLReportRenderer.render(Self.data())
        let sections = Self.pieces(html, tag: "section")
        #expect(sections.count == 3)
        for section in sections { #expect(Self.pieces(section, tag: "svg").count == 1) }
        #expect(Self.pieces(html, tag: "svg").count == 3)
        #expect(html.contains("<h2>High</h2>"))
        #expect(html.contains("<h2>Quiet &lt;one&gt;</h2>"))
        #expect(html.contains("3 more matching series not shown"))
    }

    @Test func selfContained() {
        let html = HTMLReportRenderer.render(Self.data())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("src="))
        // The only URL is the SVG namespace, once per chart; it is a name, never fetched.
        #expect(html.components(separatedBy: "http").count - 1 == Self.pieces(html, tag: "svg").count)
    }

    @Test func everySectionIsWellFormedXML() throws {
        let html = HTMLReportRenderer.render(Self.data())
        for section in Self.pieces(html, tag: "section") {
            _ = try XMLDocument(xmlString: section, options: [])
        }
        for table in Self.pieces(html, tag: "table") { _ = try XMLDocument(xmlString: table, options: []) }
    }

    @Test func firingSpansAreShadedAtTheirTimes() throws {
        let data = Self.data()
        let svg = Self.pieces(HTMLReportRenderer.render(data), tag: "svg")[0]
        let rects = try Self.elements(svg, "rect", class: "firing")
        let spans = data.alerts[0].spans
        #expect(rects.count == spans.count)
        // Any value range: x depends on time only.
        let g = ChartGeometry(start: data.start, end: data.end, low: 0, high: 1)
        for (rect, span) in zip(rects, spans) {
            let x = g.x(span.start)
            let width = g.x(span.end ?? data.end) - x
            #expect(Self.attribute(rect, "x") == ChartGeometry.coordinate(x))
            #expect(Self.attribute(rect, "width") == ChartGeometry.coordinate(width))
        }
        // The span from 100 s to 160 s of 2,000 s: 5 % to 8 % across the plot.
        let plot = ChartGeometry.plotRight - ChartGeometry.plotLeft
        #expect(Self.attribute(rects[0], "x") == ChartGeometry.coordinate(ChartGeometry.plotLeft + 0.05 * plot))
        #expect(Self.attribute(rects[0], "width") == ChartGeometry.coordinate(0.03 * plot))
        // b, still firing, is shaded to the right edge.
        let open = try #require(rects.first { $0.stringValue?.contains("still firing") == true })
        let right = try #require(Self.attribute(open, "x").flatMap(Double.init))
            + (try #require(Self.attribute(open, "width").flatMap(Double.init)))
        #expect(abs(right - ChartGeometry.plotRight) < 0.11)
    }

    @Test func bandIsDrawnFromUpperToLowerEdge() throws {
        let data = Self.data()
        let svg = Self.pieces(HTMLReportRenderer.render(data), tag: "svg")[0]
        let bands = try Self.elements(svg, "path", class: "band")
        #expect(bands.count == 1)
        let d = try #require(Self.attribute(bands[0], "d"))
        // Value range: band −20…80 padded by 5 %.
        let g = ChartGeometry(start: data.start, end: data.end, low: -25, high: 85)
        let c = ChartGeometry.coordinate
        let band = data.alerts[0].lines[0].band
        #expect(d.hasPrefix("M\(c(g.x(band[0].time))),\(c(g.y(80))) L"))
        #expect(d.contains("\(c(g.x(band[199].time))),\(c(g.y(-20)))"))
        #expect(d.hasSuffix("\(c(g.x(band[0].time))),\(c(g.y(-20))) Z"))
        let lines = try Self.elements(svg, "polyline", class: "series")
        #expect(lines.count == 1)
        #expect(Self.attribute(lines[0], "points")?.split(separator: " ").count == 200)
        #expect(HTMLReportRenderer.render(data).contains("with band mean ± 4σ"))
    }

    @Test func numbersOfTheKnownSequence() throws {
        let html = HTMLReportRenderer.render(Self.data())
        let section = Self.pieces(html, tag: "section")[0]
        func number(_ key: String) throws -> String? {
            try Self.elements(section, "dd", class: key).first?.stringValue
        }
        #expect(try number("fired") == "4")
        // 60 + 300 + 100 s resolved, b firing 1,500 s to the end.
        #expect(try number("firing-time") == "32m 40s")
        #expect(try number("flaps") == "1")
        #expect(try number("mttr") == "2m 33s")  // 460 s / 3
        #expect(try number("resolved") == "3")
        let quiet = Self.pieces(html, tag: "section")[1]
        #expect(try Self.elements(quiet, "dd", class: "mttr").first?.stringValue == "–")
        #expect(try Self.elements(quiet, "line", class: "threshold").count == 1)
    }

    @Test(arguments: [
        "</code><script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "a&b'c\"d<e>f",
        "bell\u{07}and\u{0}nul",
        "]]><!-- x -->",
    ])
    func hostileLabelValuesAreEscaped(value: String) throws {
        var data = Self.data(hostile: value)
        data.title = value
        data.alerts[0].name = value
        let html = HTMLReportRenderer.render(data)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<!-- x"))
        for section in Self.pieces(html, tag: "section") { _ = try XMLDocument(xmlString: section, options: []) }
        // The legend shows the label as written (control characters replaced).
        let section = Self.pieces(html, tag: "section")[0]
        let code = try #require(try Self.elements(section, "code").first?.stringValue)
        let shown = String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 ? "\u{FFFD}" : $0 }))
        #expect(code == SeriesLabels(metric: "latency_ms", labels: [Label(name: "host", value: shown)]).description)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (250_000_000, "0.250s"), (45 * s, "45s"), (330 * s, "5m 30s"), (3600 * s, "1h"),
        (7_380 * s, "2h 3m"), (93_600 * s, "1d 2h"),
    ])
    func durations(ns: Int64, text: String) {
        #expect(DurationText.format(ns) == text)
    }
}
