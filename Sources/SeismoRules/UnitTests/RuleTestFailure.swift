/// One failed check of a rule test file, printed by `description` in promtool's words and layout so a failure
/// reads the same under `seismo test` as under `promtool test rules`.
public enum RuleTestFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The alerts firing at an `alert_rule_test`'s eval time differ from `exp_alerts`. Both lists sorted.
    case alerts(testGroupName: String, alertname: String, evalTime: Int64, expected: [FiringAlert], got: [FiringAlert])
    /// A `promql_expr_test`'s result differs from `exp_samples`. Both lists sorted.
    case samples(expr: String, evalTime: Int64, expected: [ResultSample], got: [ResultSample])
    /// A `promql_expr_test`'s expression could not be parsed or evaluated.
    case query(expr: String, evalTime: Int64, message: String)
    /// A rule failed to evaluate at `time` (promtool stops the test group there).
    case rule(name: String, time: Int64, message: String)
    /// The test file itself could not be loaded (bad YAML, an unknown field, a bad series...).
    case file(RuleTestFileError)

    public var description: String {
        switch self {
        case let .alerts(group, alertname, evalTime, expected, got):
            let name = group.isEmpty ? "" : "    name: \(group),\n"
            let exp = Self.indentLines(Self.alertList(expected), "            ")
            let gotText = Self.indentLines(Self.alertList(got), "            ")
            return "\(name)    alertname: \(alertname), time: \(PromtoolText.duration(nanoseconds: evalTime)), \n"
                + "        exp:\(exp), \n        got:\(gotText)"
        case let .samples(expr, evalTime, expected, got):
            return "    expr: \(PromtoolText.quote(expr)), time: \(PromtoolText.duration(nanoseconds: evalTime)),\n"
                + "        exp: \(Self.sampleList(expected))\n        got: \(Self.sampleList(got))"
        case let .query(expr, evalTime, message):
            return "    expr: \(PromtoolText.quote(expr)), time: \(PromtoolText.duration(nanoseconds: evalTime)), err: \(message)"
        case let .rule(name, time, message):
            return "    rule: \(name), time: \(PromtoolText.goDuration(nanoseconds: time)), err: \(message)"
        case let .file(error):
            return error.description
        }
    }

    /// promtool's `labelsAndAnnotations.String()`: `[]`, or a numbered list in brackets.
    static func alertList(_ alerts: [FiringAlert]) -> String {
        guard !alerts.isEmpty else { return "[]" }
        var out = "["
        for (i, alert) in alerts.enumerated() {
            out += (i == 0 ? "\n" : ",\n") + "\(i):" + indentLines("\n" + alert.description, "  ")
        }
        return out + "\n]"
    }

    /// promtool's `parsedSamplesString`: `nil`, or the samples separated by `, `.
    static func sampleList(_ samples: [ResultSample]) -> String {
        samples.isEmpty ? "nil" : samples.map(\.description).joined(separator: ", ")
    }

    /// promtool's `indentLines`: every line but the first gets `indent` in front.
    static func indentLines(_ text: String, _ indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : indent + $0.element }
            .joined(separator: "\n")
    }
}
