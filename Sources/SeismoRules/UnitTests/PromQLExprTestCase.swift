/// One `promql_expr_test` entry: the instant query `expr` at `eval_time` must give exactly `exp_samples`.
public struct PromQLExprTestCase: Equatable, Sendable {
    public var expr: String
    /// Where the expression's text starts in the test file, so parse errors can point into it.
    public var exprPosition: RuleTestPosition
    /// Nanoseconds after the test's start.
    public var evalTime: Int64
    public var expectedSamples: [ResultSample]
    /// Where the entry starts in the test file.
    public var position: RuleTestPosition

    public init(
        expr: String, exprPosition: RuleTestPosition, evalTime: Int64, expectedSamples: [ResultSample],
        position: RuleTestPosition
    ) {
        self.expr = expr
        self.exprPosition = exprPosition
        self.evalTime = evalTime
        self.expectedSamples = expectedSamples
        self.position = position
    }

    /// Compares the query's result with the expectation as promtool does: in any order, exact label sets, and
    /// values equal as floats (`==`, so NaN never matches and 0.1+0.2 is not 0.3). With `fuzzyCompare`
    /// (newer promtool's `fuzzy_compare: true`), values one ulp apart also match.
    ///
    /// - Parameter result: the instant vector, or a scalar as one sample with no labels.
    /// - Returns: nil when they match; otherwise the failure, rendered in promtool's words by its description.
    public func check(result: [ResultSample], fuzzyCompare: Bool = false) -> RuleTestFailure? {
        let expected = Self.sorted(expectedSamples)
        let got = Self.sorted(result)
        let same = expected.count == got.count && zip(expected, got).allSatisfy { e, g in
            PrometheusLabelSet.equal(e.labels, g.labels) && Self.sameValue(e.value, g.value, fuzzy: fuzzyCompare)
        }
        if same { return nil }
        return .samples(expr: expr, evalTime: evalTime, expected: expected, got: got)
    }

    static func sorted(_ samples: [ResultSample]) -> [ResultSample] {
        // Stable, so samples with equal labels keep the order they were written in.
        samples.enumerated().sorted { a, b in
            let order = PrometheusLabelSet.compare(a.element.labels, b.element.labels)
            return order != 0 ? order < 0 : a.offset < b.offset
        }.map(\.element)
    }

    static func sameValue(_ a: Double, _ b: Double, fuzzy: Bool) -> Bool {
        a == b || (fuzzy && (a.nextDown == b || a.nextUp == b))
    }
}
