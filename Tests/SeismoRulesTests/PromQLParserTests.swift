import SeismoRules
import Testing

@Suite struct PromQLParserTests {
    @Test(arguments: PromQLCorpus.valid)
    func validExpressionParsesWithItsType(text: String, type: PromQLValueType) throws {
        let expression = try PromQLParser.parse(text)
        #expect(expression.type == type, "\(text)")
    }

    /// parse(print(ast)) == ast, and printing is stable, over the whole corpus.
    @Test(arguments: PromQLCorpus.valid.map(\.0))
    func printingRoundTrips(text: String) throws {
        let expression = try PromQLParser.parse(text)
        let printed = expression.description
        let reparsed = try PromQLParser.parse(printed)
        #expect(reparsed.withoutSourceRanges() == expression.withoutSourceRanges(), "\(text) printed as \(printed)")
        #expect(reparsed.description == printed)
    }

    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 * 2 + 3", "(+ (* 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))"),
        ("a / b % c atan2 d * e", "(* (atan2 (% (/ a b) c) d) e)"),
        ("a + b == c", "(== (+ a b) c)"),
        ("a == b and c", "(and (== a b) c)"),
        ("a and b unless c", "(unless (and a b) c)"),
        ("a or b and c", "(or a (and b c))"),
        ("a or b or c", "(or (or a b) c)"),
        ("a > b > c", "(> (> a b) c)"),
        // A sign binds like `*`: it takes in `^` but not `*`.
        ("-a ^ b", "(- (^ a b))"),
        ("-a * b", "(* (- a) b)"),
        ("-2 ^ 2", "(- (^ 2 2))"),
        ("2 ^ -1", "(^ 2 -1)"),
        ("2 ^ -3 ^ 2", "(^ 2 (- (^ 3 2)))"),
        ("a * -b + c", "(+ (* a (- b)) c)"),
        ("- -1", "1"),
        ("-(1)", "(- [1])"),
        // Postfix modifiers bind to the operand, before any operator.
        ("a + b offset 5m", "(+ a b offset 5m)"),
        ("-a offset 5m", "(- a offset 5m)"),
        ("a ^ b[5m:]", "error: 1:5: binary expression must contain only scalar and instant vector types"),
        ("(a + b)[1h:1m]", "(subquery [(+ a b)] 3600000000000 60000000000)"),
        // Modifiers.
        ("a > bool b", "(> bool a b)"),
        ("a / on (x, y) group_left (z) b", "(/ on[x,y] left[z] a b)"),
        ("a / ignoring (x) group_right b", "(/ ignoring[x] right[] a b)"),
        ("a == bool on () b", "(== bool on[] a b)"),
        ("sum by (a) (x)", "(sum by[a] x)"),
        ("sum(x) without (a, b)", "(sum without[a,b] x)"),
        ("topk(3, x)", "(topk 3 x)"),
        ("quantile(0.9, x) by (le)", "(quantile by[le] 0.9 x)"),
        ("SuM(x)", "(sum x)"),
        ("sum", "sum"),
        ("by + without", "(+ by without)"),
    ])
    func grouping(text: String, tree: String) {
        #expect(PromQLTree.parse(text) == tree, "\(text)")
    }

    @Test func selectorPartsAreKept() throws {
        let expression = try PromQLParser.parse(#"http_requests_total{job="api", code=~"5..", path!~"/health.*"}"#)
        guard case .vectorSelector(let selector) = expression else {
            Issue.record("not a selector: \(expression)")
            return
        }
        #expect(selector.metricName == "http_requests_total")
        #expect(selector.matchers.map(\.name) == ["job", "code", "path"])
        #expect(selector.matchers.map(\.op) == [.equal, .matchesRegex, .doesNotMatchRegex])
        #expect(selector.allMatchers.last?.description == #"__name__="http_requests_total""#)
        #expect(selector.matchers[1].matches("503"))
        #expect(!selector.matchers[1].matches("5030"), "regexes are anchored")
        #expect(!selector.matchers[2].matches("/healthz"))
        #expect(selector.matchers[2].matches("/api"))
    }

    @Test func offsetsRangesAndAtAreInNanoseconds() throws {
        let expression = try PromQLParser.parse("rate(x[1h30m] offset -90 @ 1700000000.25)")
        guard case .call(let call) = expression, case .matrixSelector(let matrix) = call.arguments[0] else {
            Issue.record("unexpected shape: \(expression)")
            return
        }
        #expect(matrix.range == 5_400 * 1_000_000_000)
        #expect(matrix.selector.offset == -90 * 1_000_000_000)
        #expect(matrix.selector.at == .timestamp(1_700_000_000_250_000_000))

        guard case .subquery(let subquery) = try PromQLParser.parse("x[1.5:250ms] offset 0") else {
            Issue.record("not a subquery")
            return
        }
        #expect(subquery.range == 1_500_000_000)
        #expect(subquery.step == 250_000_000)
        #expect(subquery.offset == 0)
    }

    @Test(arguments: [
        ("1", 1.0), ("-1.5e-3", -0.0015), ("0x1F", 31), ("0X_ff", 255), ("017", 15), ("019", 19), ("1_000", 1000),
        (".5", 0.5), ("5.", 5), ("1E3", 1000), ("5m", 300), ("1h30m", 5400), ("250ms", 0.25), ("inf", .infinity),
        ("-Inf", -.infinity), ("+5", 5), ("18446744073709551616", 18_446_744_073_709_551_616),
    ])
    func numberLiterals(text: String, value: Double) throws {
        guard case .number(let literal) = try PromQLParser.parse(text) else {
            Issue.record("\(text) is not a number literal")
            return
        }
        #expect(literal.value == value, "\(text)")
    }

    @Test func nanIsANumberEqualToItself() throws {
        let first = try PromQLParser.parse("NaN")
        guard case .number(let literal) = first else {
            Issue.record("not a number")
            return
        }
        #expect(literal.value.isNaN)
        #expect(try PromQLParser.parse(" nan") != first, "ranges differ, structure does not")
        #expect(try PromQLParser.parse(" nan").withoutSourceRanges() == first.withoutSourceRanges())
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""tab\there\nnewline""#, "tab\there\nnewline"),
        (#"'quote\'s'"#, "quote's"),
        (#""dq\"""#, "dq\""),
        (#""\\""#, "\\"),
        (#""\x41\101\u00e9\U0001F600""#, "AAé😀"),
        (#""\xc3\xa9""#, "é"),
        (#""\a\b\f\r\v""#, "\u{07}\u{08}\u{0C}\r\u{0B}"),
        ("`raw \\n stays\nand spans lines`", "raw \\n stays\nand spans lines"),
        (#""héllo""#, "héllo"),
    ])
    func stringLiterals(text: String, value: String) throws {
        guard case .string(let literal) = try PromQLParser.parse(text) else {
            Issue.record("\(text) did not parse to a string")
            return
        }
        #expect(literal.value == value)
    }

    @Test func durationsParseLikeRangeSelectors() throws {
        #expect(try PromQLParser.parseDuration("5m") == 300_000_000_000)
        #expect(try PromQLParser.parseDuration("1h30m") == 5_400_000_000_000)
        #expect(try PromQLParser.parseDuration("250ms") == 250_000_000)
        #expect(try PromQLParser.parseDuration("90") == 90_000_000_000)
        #expect(try PromQLParser.parseDuration("1.5") == 1_500_000_000)
        #expect(try PromQLParser.parseDuration("0s") == 0)
        for bad in ["", " 5m", "5m ", "5x", "1m5h", "-5m", "5m5m", "5m:"] {
            #expect(throws: PromQLParseError.self, "\(bad)") { try PromQLParser.parseDuration(bad) }
        }
    }

    @Test func functionSignaturesMatchPrometheus() {
        #expect(PromQLFunction.rate.argumentTypes == [.rangeVector])
        #expect(PromQLFunction.round.minimumArguments == 1 && PromQLFunction.round.maximumArguments == 2)
        #expect(PromQLFunction.labelJoin.minimumArguments == 3 && PromQLFunction.labelJoin.maximumArguments == nil)
        #expect(PromQLFunction.hour.minimumArguments == 0 && PromQLFunction.hour.maximumArguments == 1)
        #expect(PromQLFunction.daysInMonth.minimumArguments == 0 && PromQLFunction.daysInMonth.maximumArguments == 1)
        #expect(PromQLFunction.sgn.argumentTypes == [.instantVector])
        #expect(PromQLFunction.time.returnType == .scalar && PromQLFunction.scalar.returnType == .scalar)
        let supported = """
            rate irate increase delta deriv idelta avg_over_time min_over_time max_over_time sum_over_time
            count_over_time stddev_over_time stdvar_over_time quantile_over_time last_over_time present_over_time
            absent absent_over_time abs ceil floor round exp ln log2 log10 sqrt clamp clamp_min clamp_max time
            timestamp vector scalar histogram_quantile predict_linear label_replace label_join sort sort_desc
            changes resets day_of_week day_of_month days_in_month hour minute month year sgn
            """
        #expect(Set(PromQLFunction.allCases.map(\.rawValue)) == Set(supported.split(whereSeparator: \.isWhitespace).map(String.init)))
    }
}
