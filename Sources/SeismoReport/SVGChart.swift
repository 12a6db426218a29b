import Foundation
import SeismoCore

/// One inline SVG chart: lines with their bands, firing spans shaded, an optional threshold, axes with time and
/// value labels. Pure: the same input gives the same text.
struct SVGChart {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"]

    var start: Int64
    var end: Int64
    var lines: [ChartLine]
    var spans: [AlertSpan] = []
    var threshold: Double?
    /// Also included in the value range (e.g. 0 and 1 for an error budget).
    var fixedValues: [Double] = []
    var label: String

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    func geometry() -> ChartGeometry {
        var low = Double.infinity, high = -Double.infinity
        func include(_ v: Double) {
            guard v.isFinite else { return }
            low = min(low, v)
            high = max(high, v)
        }
        for line in lines {
            for p in line.points where p.time >= start && p.time <= end { include(p.value) }
            for b in line.band where b.time >= start && b.time <= end {
                include(b.lower)
                include(b.upper)
            }
        }
        if let threshold { include(threshold) }
        fixedValues.forEach(include)
        if !low.isFinite { (low, high) = (0, 1) }
        let pad = (high - low) * 0.05
        return ChartGeometry(start: start, end: end, low: low - pad, high: high + pad)
    }

    func render() -> String {
        let g = geometry()
        let c = ChartGeometry.coordinate
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(ChartGeometry.width)) \(Int(ChartGeometry.height))\""
        out += " width=\"\(Int(ChartGeometry.width))\" height=\"\(Int(ChartGeometry.height))\" role=\"img\" aria-label=\"\(HTMLText.escaped(label))\">\n"
        out += "<rect class=\"plot\" x=\"\(c(ChartGeometry.plotLeft))\" y=\"\(c(ChartGeometry.plotTop))\" width=\"\(c(ChartGeometry.plotRight - ChartGeometry.plotLeft))\" height=\"\(c(ChartGeometry.plotBottom - ChartGeometry.plotTop))\"/>\n"
        out += axes(g)
        for span in spans {
            let x0 = g.x(max(span.start, start))
            let x1 = g.x(min(span.end ?? end, end))
            let labels = span.labels.isEmpty ? "several alerts (merged)" : SeriesLabels(metric: "", labels: span.labels).description
            let until = span.end.map { Self.time($0) } ?? "end (still firing)"
            out += "<rect class=\"firing\" x=\"\(c(x0))\" y=\"\(c(ChartGeometry.plotTop))\" width=\"\(c(max(1, x1 - x0)))\" height=\"\(c(ChartGeometry.plotBottom - ChartGeometry.plotTop))\">"
            out += "<title>\(HTMLText.escaped("firing \(labels) from \(Self.time(span.start)) until \(until)"))</title></rect>\n"
        }
        for (i, line) in lines.enumerated() where !line.band.isEmpty {
            let band = line.band.filter { $0.time >= start && $0.time <= end }
            guard !band.isEmpty else { continue }
            var d = "M"
            for b in band { d += "\(c(g.x(b.time))),\(c(g.y(b.upper))) L" }
            for b in band.reversed() { d += "\(c(g.x(b.time))),\(c(g.y(b.lower))) L" }
            d.removeLast(2)
            out += "<path class=\"band\" d=\"\(d) Z\" fill=\"\(Self.color(i))\"/>\n"
        }
        if let threshold {
            let y = c(g.y(threshold))
            out += "<line class=\"threshold\" x1=\"\(c(ChartGeometry.plotLeft))\" y1=\"\(y)\" x2=\"\(c(ChartGeometry.plotRight))\" y2=\"\(y)\"/>\n"
        }
        for (i, line) in lines.enumerated() {
            let points = line.points.filter { $0.time >= start && $0.time <= end }
            guard !points.isEmpty else { continue }
            let coordinates = points.map { "\(c(g.x($0.time))),\(c(g.y($0.value)))" }.joined(separator: " ")
            out += "<polyline class=\"series\" stroke=\"\(Self.color(i))\" points=\"\(coordinates)\"/>\n"
        }
        if lines.allSatisfy({ $0.points.isEmpty }) {
            out += "<text class=\"empty\" x=\"\(c((ChartGeometry.plotLeft + ChartGeometry.plotRight) / 2))\" y=\"\(c((ChartGeometry.plotTop + ChartGeometry.plotBottom) / 2))\" text-anchor=\"middle\">no samples of the series involved</text>\n"
        }
        return out + "</svg>\n"
    }

    private func axes(_ g: ChartGeometry) -> String {
        let c = ChartGeometry.coordinate
        var out = "<g class=\"axis\">\n"
        for value in Self.ticks(low: g.low, high: g.high) {
            let y = c(g.y(value))
            out += "<line x1=\"\(c(ChartGeometry.plotLeft))\" y1=\"\(y)\" x2=\"\(c(ChartGeometry.plotRight))\" y2=\"\(y)\"/>"
            out += "<text x=\"\(c(ChartGeometry.plotLeft - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTMLText.escaped(Self.value(value)))</text>\n"
        }
        let sameDay = Self.time(g.start).prefix(10) == Self.time(g.end).prefix(10)
        for i in 0...5 {
            let t = g.start + (g.end - g.start) / 5 * Int64(i)
            let stamp = Self.time(t)  // 2026-11-01 00:10:00
            let text = sameDay ? String(stamp.dropFirst(11)) : String(stamp.dropFirst(5).prefix(11))
            let x = c(g.x(t))
            let anchor = i == 0 ? "start" : i == 5 ? "end" : "middle"
            out += "<text x=\"\(x)\" y=\"\(c(ChartGeometry.plotBottom + 18))\" text-anchor=\"\(anchor)\">\(HTMLText.escaped(text))</text>\n"
        }
        return out + "</g>\n"
    }

    /// `2026-11-01 00:10:00`, UTC, whole seconds.
    static func time(_ ns: Int64) -> String {
        let s = Timestamp.rfc3339(ns)
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(8))
    }

    /// Up to about five round values between `low` and `high`.
    static func ticks(low: Double, high: Double) -> [Double] {
        let raw = (high - low) / 4
        guard raw > 0, raw.isFinite else { return [] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [Double] = []
        var v = (low / step).rounded(.up) * step
        while v <= high + step * 1e-9, out.count < 12 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// A value label: up to six significant digits, no exponent for everyday magnitudes.
    static func value(_ v: Double) -> String { String(format: "%g", v) }
}
