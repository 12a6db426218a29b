import Foundation
import SeismoCore

/// Renders a `ReportData` as one self-contained HTML page: inline CSS and inline SVG, no scripts, fonts or
/// other requests, so the file can be mailed or archived as it is.
///
/// Per alert: a section with its numbers, its expressions, one chart (the series involved, the detector's band,
/// firing spans shaded, the threshold dashed) and a legend. Per SLO: the error-budget burn-down. Every label value
/// and expression is escaped.
public enum HTMLReportRenderer {
    public static func render(_ data: ReportData) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Seismo backtest: \(HTMLText.escaped(data.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Seismo backtest: \(HTMLText.escaped(data.title))</h1>
            <p class="range">Event time \(SVGChart.time(data.start)) to \(SVGChart.time(data.end)) UTC \
            (\(DurationText.format(data.end - data.start))); \(data.alerts.count) alert rule\(data.alerts.count == 1 ? "" : "s"), \
            \(data.slos.count) SLO\(data.slos.count == 1 ? "" : "s").</p>

            """
        out += summary(data)
        for (i, alert) in data.alerts.enumerated() { out += section(alert, index: i, data: data) }
        if !data.slos.isEmpty {
            out += "<h2>Error budgets</h2>\n"
            for slo in data.slos { out += section(slo, data: data) }
        }
        out += """
            <p class="notes">Times fired counts alerts (label sets) starting to fire; total time firing adds up every \
            label set's firing time, counting alerts still firing up to the end; a flap is a firing that began soon \
            after the same label set resolved; mean time to resolve averages firing-to-resolved over the firings that \
            resolved. Charts show at most a few series per rule (those that fired first), each downsampled to the \
            lowest and highest value per time bucket.</p>
            </body>
            </html>

            """
        return out
    }

    private static func summary(_ data: ReportData) -> String {
        var out = "<table class=\"summary\">\n<tr><th>Alert</th><th>Times fired</th><th>Total time firing</th><th>Flaps</th><th>Mean time to resolve</th></tr>\n"
        for (i, alert) in data.alerts.enumerated() {
            let s = alert.statistics
            out += "<tr\(s.timesFired > 0 ? " class=\"fired\"" : "")><td><a href=\"#alert-\(i)\">\(HTMLText.escaped(alert.name))</a></td>"
            out += "<td>\(s.timesFired)</td><td>\(DurationText.format(s.firingNanoseconds))</td><td>\(s.flaps)</td>"
            out += "<td>\(s.meanTimeToResolve.map(DurationText.format) ?? "–")</td></tr>\n"
        }
        return out + "</table>\n"
    }

    private static func section(_ alert: AlertReport, index: Int, data: ReportData) -> String {
        let s = alert.statistics
        var out = "<section class=\"alert\" id=\"alert-\(index)\">\n<h2>\(HTMLText.escaped(alert.name))</h2>\n"
        for expr in alert.expressions { out += "<pre class=\"expr\">\(HTMLText.escaped(expr))</pre>\n" }
        out += "<dl class=\"numbers\">"
        out += "<dt>Times fired</dt><dd class=\"fired\">\(s.timesFired)</dd>"
        out += "<dt>Total time firing</dt><dd class=\"firing-time\">\(DurationText.format(s.firingNanoseconds))</dd>"
        out += "<dt>Flaps</dt><dd class=\"flaps\">\(s.flaps)</dd>"
        out += "<dt>Mean time to resolve</dt><dd class=\"mttr\">\(s.meanTimeToResolve.map(DurationText.format) ?? "–")</dd>"
        out += "<dt>Resolved</dt><dd class=\"resolved\">\(s.resolved)</dd></dl>\n"
        let chart = SVGChart(
            start: data.start, end: data.end, lines: alert.lines, spans: alert.spans, threshold: alert.threshold,
            label: "Series of alert \(alert.name)"
        )
        out += chart.render()
        out += legend(alert.lines, omitted: alert.omittedSeries, threshold: alert.threshold, firing: !alert.spans.isEmpty)
        return out + "</section>\n"
    }

    private static func section(_ slo: SLOReport, data: ReportData) -> String {
        var out = "<section class=\"slo\">\n<h3>\(HTMLText.escaped(slo.name)) <small>objective \(HTMLText.escaped(String(format: "%g", slo.objective * 100)))%</small></h3>\n"
        let chart = SVGChart(
            start: data.start, end: data.end, lines: slo.lines, threshold: 0, fixedValues: [0, 1],
            label: "Error budget remaining of SLO \(slo.name)"
        )
        out += chart.render()
        out += legend(slo.lines, omitted: slo.omittedSeries, threshold: nil, firing: false)
        return out + "</section>\n"
    }

    private static func legend(_ lines: [ChartLine], omitted: Int, threshold: Double?, firing: Bool) -> String {
        var out = "<ul class=\"legend\">\n"
        for (i, line) in lines.enumerated() {
            out += "<li><span class=\"swatch\" style=\"background:\(SVGChart.color(i))\"></span><code>\(HTMLText.escaped(line.labels.description))</code>"
            if let k = line.sensitivity { out += " with band mean ± \(HTMLText.escaped(String(format: "%g", k)))σ" }
            out += "</li>\n"
        }
        if let threshold { out += "<li><span class=\"swatch threshold\"></span>threshold \(HTMLText.escaped(SVGChart.value(threshold)))</li>\n" }
        if firing { out += "<li><span class=\"swatch firing\"></span>firing</li>\n" }
        if omitted > 0 { out += "<li class=\"omitted\">\(omitted) more matching series not shown</li>\n" }
        return out + "</ul>\n"
    }

    private static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}\
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:16px}\
        .range,.notes{color:#555}.notes{font-size:12px;margin-top:40px}\
        table.summary{border-collapse:collapse}table.summary td,table.summary th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}\
        table.summary td:first-child,table.summary th:first-child{text-align:left}tr.fired td:first-child{font-weight:600}\
        pre.expr{background:#f6f6f6;padding:6px 8px;white-space:pre-wrap;margin:6px 0}\
        dl.numbers{display:flex;flex-wrap:wrap;gap:4px 20px;margin:8px 0}dl.numbers dt{color:#666}dl.numbers dd{margin:0 0 0 -14px;font-weight:600}\
        svg.chart{display:block;max-width:100%;height:auto;font-size:11px}\
        svg .plot{fill:#fcfcfc;stroke:#ccc}svg .axis line{stroke:#eee}svg .axis text,svg .empty{fill:#666}\
        svg .firing{fill:#d62728;fill-opacity:.16}svg .band{fill-opacity:.15;stroke:none}\
        svg .series{fill:none;stroke-width:1.3}svg .threshold{stroke:#d62728;stroke-dasharray:5 4}\
        ul.legend{list-style:none;padding:0;margin:4px 0 0;font-size:12px}ul.legend li{margin:2px 0}\
        .swatch{display:inline-block;width:18px;height:4px;margin-right:6px;vertical-align:middle}\
        .swatch.firing{background:#d62728;opacity:.3;height:10px}.swatch.threshold{border-top:2px dashed #d62728;height:0}\
        .omitted{color:#777}
        """
}
