import SeismoRules
import Testing

@Suite struct PromQLErrorTests {
    /// Each invalid expression with the error it must give, as `line:column: message`.
    @Test(arguments: [
        // Lexical.
        ("", "1:1: no expression found in input"),
        ("  # only a comment", "1:1: no expression found in input"),
        ("(x", "1:3: unclosed left parenthesis"),
        ("sum(rate(x[5m])", "1:16: unclosed left parenthesis"),
        ("x)", "1:2: unexpected right parenthesis ')'"),
        ("x[5m", "1:5: unclosed left bracket"),
        ("x]", "1:2: unexpected right bracket ']'"),
        (#"x{a="b""#, "1:8: unexpected end of input inside braces"),
        ("x{{}", "1:3: unexpected left brace '{'"),
        (#"x{a.b="c"}"#, "1:4: unexpected character inside braces: '.'"),
        ("x{a!b}", "1:4: unexpected character after '!' inside braces: 'b'"),
        (#"x =~ "a""#, "1:3: unexpected character after '=': '~'"),
        ("x ! y", "1:3: unexpected character after '!': ' '"),
        ("x $ y", "1:3: unexpected character: '$'"),
        ("x } y", "1:3: unexpected character: '}'"),
        ("x[5x]", "1:3: bad number or duration syntax: \"5x\""),
        ("1.2.3", "1:1: bad number or duration syntax: \"1.2.3\""),
        ("1__0", "1:1: bad number or duration syntax: \"1__0\""),
        ("0x", "1:1: bad number or duration syntax: \"0x\""),
        ("x[5m y]", "1:6: unexpected character in duration expression: 'y'"),
        (#""abc"#, "1:1: unterminated quoted string"),
        ("\"line\nbreak\"", "1:1: unterminated quoted string"),
        ("`abc", "1:1: unterminated raw string"),
        (#"x{a="b\q"}"#, "1:7: unknown escape sequence U+0071 'q'"),
        (#"x{a="\'"}"#, "1:6: unknown escape sequence U+0027 '''"),
        (#""\x4g""#, "1:2: illegal character U+0067 'g' in escape sequence"),
        (#""\uD800""#, "1:2: escape sequence is an invalid Unicode code point"),
        (#""\777""#, "1:2: escape sequence is an invalid Unicode code point"),
        (#"x{a="\xff"}"#, "1:5: string is not valid UTF-8 after unescaping"),
        // Syntax.
        ("x +", "1:4: unexpected end of input"),
        ("x y", "1:3: unexpected identifier \"y\""),
        ("1 2", "1:3: unexpected number \"2\""),
        ("x > bool", "1:9: unexpected end of input"),
        ("x * group_left y", "1:5: unexpected <group_left>"),
        ("sum(x) by (a) by (b)", "1:15: unexpected <by>"),
        ("(1 2)", "1:4: unexpected number \"2\" in parentheses, expected \")\""),
        (#"{a="b" c="d"}"#, "1:8: unexpected identifier \"c\" in label matching, expected \",\" or \"}\""),
        ("foo{a=}", "1:7: unexpected \"}\" in label matching, expected string"),
        ("foo{a}", "1:6: unexpected \"}\" in label matching, expected label matching operator"),
        (#"foo{="b"}"#, "1:5: unexpected \"=\" in label matching, expected identifier or \"}\""),
        (#"foo{a="b",,}"#, "1:11: unexpected \",\" in label matching, expected identifier or \"}\""),
        (#"foo{a=="b"}"#, "1:7: unexpected \"=\" in label matching, expected string"),
        ("foo{a=5}", "1:7: unexpected character inside braces: '5'"),
        ("rate(x[5m],)", "1:11: trailing commas not allowed in function call args"),
        ("rate(x[5m] y)", "1:12: unexpected identifier \"y\" in function call, expected \",\" or \")\""),
        ("sum(x y)", "1:7: unexpected identifier \"y\" in aggregation, expected \",\" or \")\""),
        ("sum by (a (x)", "1:11: unexpected \"(\" in grouping opts, expected \",\" or \")\""),
        ("sum by x (y)", "1:8: unexpected identifier \"x\" in grouping opts, expected \"(\""),
        ("sum without x", "1:13: unexpected identifier \"x\" in grouping opts, expected \"(\""),
        ("sum by (a:b) (x)", "1:9: unexpected metric identifier \"a:b\" in grouping opts, expected label"),
        ("sum by (inf) (x)", "1:9: unexpected number \"inf\" in grouping opts, expected label"),
        ("sum by (a) 5", "1:12: unexpected number \"5\" in aggregation, expected \"(\""),
        ("x * on y", "1:8: unexpected identifier \"y\" in grouping opts, expected \"(\""),
        ("x[]", "1:3: unexpected \"]\" in subquery selector, expected number or duration"),
        ("x[-5m]", "1:3: unexpected <op:-> in subquery selector, expected number or duration"),
        ("x[5m 1m]", "1:6: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\""),
        ("x[5m:1m:]", "1:8: unexpected \":\" in subquery selector, expected \"]\""),
        ("x[5m::]", "1:6: unexpected \":\" in subquery selector, expected number or duration or \"]\""),
        ("x offset", "1:9: unexpected end of input in offset, expected number or duration"),
        ("x offset -", "1:11: unexpected end of input in offset, expected number or duration"),
        ("x offset +5m", "1:10: unexpected <op:+> in offset, expected number or duration"),
        ("x @", "1:4: unexpected end of input in @, expected timestamp"),
        ("x @ start", "1:10: unexpected end of input in @, expected \"(\""),
        ("x @ start(", "1:11: unclosed left parenthesis"),
        // Semantics found while parsing.
        ("foo(x)", "1:1: unknown function with name \"foo\""),
        ("RATE(x[5m])", "1:1: unknown function with name \"RATE\""),
        ("sum()", "1:1: no arguments for aggregate expression provided"),
        ("topk(x)", "1:1: wrong number of arguments for aggregate expression provided, expected 2, got 1"),
        ("sum(1, x)", "1:1: wrong number of arguments for aggregate expression provided, expected 1, got 2"),
        ("sum(x)[5m]", "1:7: ranges only allowed for vector selectors"),
        ("(x)[5m]", "1:4: ranges only allowed for vector selectors"),
        ("x[5m][5m]", "1:6: ranges only allowed for vector selectors"),
        ("x offset 5m[5m]", "1:12: no offset modifiers allowed before range"),
        ("x @ 100 [5m]", "1:9: no @ modifiers allowed before range"),
        ("x offset 1m offset 2m", "1:1: offset may not be set multiple times"),
        ("x[5m] offset 1m offset 2m", "1:1: offset may not be set multiple times"),
        ("sum(x) offset 5m", "1:1: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
        ("x @ 1 @ 2", "1:1: @ <timestamp> may not be set multiple times"),
        ("rate(x[5m]) @ 5", "1:1: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
        ("x @ 1e300", "1:5: timestamp out of bounds for @ modifier: 1e+300"),
        ("rate(x[0s])", "1:8: duration must be greater than 0"),
        ("x[5m:0]", "1:6: duration must be greater than 0"),
        ("x[1m5h]", "1:3: invalid duration \"1m5h\" (expected e.g. 30s, 5m, 1h30m, 250ms)"),
        ("x offset 1e30", "1:10: duration out of range"),
        // Types.
        ("rate(x)", "1:6: expected type range vector in call to function \"rate\", got instant vector"),
        ("rate(x[5m], 1)", "1:1: expected 1 argument(s) in call to \"rate\", got 2"),
        ("time(1)", "1:1: expected 0 argument(s) in call to \"time\", got 1"),
        ("round()", "1:1: expected at least 1 argument(s) in call to \"round\", got 0"),
        ("round(x, 1, 2)", "1:1: expected at most 2 argument(s) in call to \"round\", got 3"),
        (#"label_join(x, "a")"#, "1:1: expected at least 3 argument(s) in call to \"label_join\", got 2"),
        (#"label_join(x, "a", ",", 1)"#, "1:25: expected type string in call to function \"label_join\", got scalar"),
        ("histogram_quantile(x, y)", "1:20: expected type scalar in call to function \"histogram_quantile\", got instant vector"),
        ("quantile_over_time(x[5m], 0.9)", "1:20: expected type scalar in call to function \"quantile_over_time\", got range vector"),
        (#"vector("a")"#, "1:8: expected type scalar in call to function \"vector\", got string"),
        ("abs(rate(x))", "1:10: expected type range vector in call to function \"rate\", got instant vector"),
        ("sum(x[5m])", "1:5: expected type instant vector in aggregation expression, got range vector"),
        (#"topk("a", x)"#, "1:6: expected type scalar in aggregation parameter, got string"),
        ("count_values(1, x)", "1:14: expected type string in aggregation parameter, got scalar"),
        ("1 > 2", "1:3: comparisons between scalars must use BOOL modifier"),
        ("(1) == (2)", "1:5: comparisons between scalars must use BOOL modifier"),
        ("x[5m] + y[5m]", "1:1: binary expression must contain only scalar and instant vector types"),
        ("x + y[5m]", "1:5: binary expression must contain only scalar and instant vector types"),
        (#""a" + 1"#, "1:1: binary expression must contain only scalar and instant vector types"),
        ("x + bool y", "1:3: bool modifier can only be used on comparison operators"),
        ("x and 1", "1:1: set operator \"and\" not allowed in binary scalar expression"),
        ("1 or x", "1:1: set operator \"or\" not allowed in binary scalar expression"),
        ("x and on (a) group_left y", "1:1: no grouping allowed for \"and\" operation"),
        ("1 + on (a) x", "1:1: vector matching only allowed between instant vectors"),
        ("x * on (a) group_left (a) y", "1:3: label \"a\" must not occur in ON and GROUP clause at once"),
        ("-x[5m]", "1:1: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""),
        ("x[5m][10m:1m]", "1:1: subquery is only allowed on instant vector, got range vector instead"),
        ("{}", "1:1: vector selector must contain at least one non-empty matcher"),
        (#"{a=""}"#, "1:1: vector selector must contain at least one non-empty matcher"),
        (#"{a=~".*", b!="x"}"#, "1:1: vector selector must contain at least one non-empty matcher"),
        (#"foo{__name__="bar"}"#, "1:1: metric name must not be set twice: \"foo\" or \"bar\""),
        (#"label_replace(up, "1bad", "$1", "instance", "(.*)")"#, "1:19: invalid destination label name in label_replace(): \"1bad\""),
        (#"label_join(up, "dst", ",", "a", "b-c")"#, "1:33: invalid source label name in label_join(): \"b-c\""),
        // Positions on later lines.
        ("sum(\n  rate(x[5m])\n) by (job) +\n  rate(y)", "4:8: expected type range vector in call to function \"rate\", got instant vector"),
        ("up{job=\"a\",\n   instance=}", "2:13: unexpected \"}\" in label matching, expected string"),
        ("x +\n", "2:1: unexpected end of input"),
        ("\"é\" + x{a=}", "1:12: unexpected \"}\" in label matching, expected string"),
    ])
    func invalidExpressionGivesPositionedError(text: String, expected: String) {
        #expect(throws: PromQLParseError.self) { try PromQLParser.parse(text) }
        do {
            let parsed = try PromQLParser.parse(text)
            Issue.record("\(text) parsed as \(parsed)")
        } catch {
            #expect(error.description == expected, "\(text)")
        }
    }

    @Test func nestingIsBounded() throws {
        let fine = String(repeating: "(", count: 120) + "1" + String(repeating: ")", count: 120)
        #expect(try PromQLParser.parse(fine).type == .scalar)
        let signs = String(repeating: "-", count: 120) + "x"
        #expect(try PromQLParser.parse(signs).type == .instantVector)
        let hostile = String(repeating: "abs(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        #expect(throws: PromQLParseError.self) { try PromQLParser.parse(hostile) }
        let error = #expect(throws: PromQLParseError.self) {
            try PromQLParser.parse(String(repeating: "2^", count: 5000) + "2")
        }
        #expect(error?.message == "expression nested too deeply (more than 128 levels)")
    }

    @Test func errorCarriesLineColumnAndOffset() {
        do {
            _ = try PromQLParser.parse("up{job=\"a\",\n   instance=}")
            Issue.record("parsed")
        } catch {
            #expect(error.position == SourcePosition(line: 2, column: 13, offset: 24))
            #expect(error.message == "unexpected \"}\" in label matching, expected string")
        }
    }

    @Test(arguments: [
        (#"x{a=~"("}"#, "1:3: invalid regular expression \"(\": "),
        (#"x{a!~"[a-"}"#, "1:3: invalid regular expression \"[a-\": "),
        (#"x{a=~"a**"}"#, "1:3: invalid regular expression \"a**\": "),
        (#"x{a=~"(?=a)a"}"#, "1:3: invalid regular expression \"(?=a)a\": lookaround assertions are not supported: `(?=`"),
        (#"x{a=~"(?<!a)b"}"#, "1:3: invalid regular expression \"(?<!a)b\": lookaround assertions are not supported: `(?<!`"),
        (#"x{a=~"(a)\\1"}"#, "1:3: invalid regular expression \"(a)\\1\": backreferences are not supported: `\\1`"),
        (#"x{a=~"(?>a)"}"#, "1:3: invalid regular expression \"(?>a)\": atomic groups are not supported: `(?>`"),
        (#"x{a=~"a*+"}"#, "1:3: invalid regular expression \"a*+\": possessive quantifiers are not supported: `*+`"),
        (#"x{a=~"a{2}+"}"#, "1:3: invalid regular expression \"a{2}+\": possessive quantifiers are not supported: `}+`"),
        (#"x{a=~"a{1,1001}"}"#, "1:3: invalid regular expression \"a{1,1001}\": invalid repeat count: `{1,1001}`"),
        (#"label_replace(up, "a", "$1", "b", "(x")"#, "1:35: invalid regular expression in label_replace(): "),
    ])
    func badRegexIsRejectedAtParseTime(text: String, expectedPrefix: String) {
        do {
            let parsed = try PromQLParser.parse(text)
            Issue.record("\(text) parsed as \(parsed)")
        } catch {
            #expect(error.description.hasPrefix(expectedPrefix), "\(text): \(error)")
        }
    }
}
