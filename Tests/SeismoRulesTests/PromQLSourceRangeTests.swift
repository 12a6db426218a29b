import SeismoRules
import Testing

@Suite struct PromQLSourceRangeTests {
    /// The text a node's range covers.
    private func text(of expression: PromQLExpression, in source: String) -> String {
        let bytes = Array(source.utf8)
        let range = expression.sourceRange
        return String(decoding: bytes[range.start.offset..<range.end.offset], as: UTF8.self)
    }

    /// Every node, parent before children.
    private func nodes(_ expression: PromQLExpression) -> [PromQLExpression] {
        [expression] + expression.children.flatMap(nodes)
    }

    @Test func everyNodeCoversItsOwnText() throws {
        let source = #"sum by (job) (rate(http_requests_total{code=~"5.."}[5m] offset 1m)) / on (job) -x > bool 0.5"#
        let expression = try PromQLParser.parse(source)
        #expect(nodes(expression).map { text(of: $0, in: source) } == [
            source,
            #"sum by (job) (rate(http_requests_total{code=~"5.."}[5m] offset 1m)) / on (job) -x"#,
            #"sum by (job) (rate(http_requests_total{code=~"5.."}[5m] offset 1m))"#,
            #"rate(http_requests_total{code=~"5.."}[5m] offset 1m)"#,
            #"http_requests_total{code=~"5.."}[5m] offset 1m"#,
            "-x",
            "x",
            "0.5",
        ])
    }

    @Test func nodeTextReparsesToTheSameNode() throws {
        for (source, _) in PromQLCorpus.valid {
            let expression = try PromQLParser.parse(source)
            for node in nodes(expression) {
                let slice = text(of: node, in: source)
                let reparsed = try? PromQLParser.parse(slice)
                #expect(
                    reparsed?.withoutSourceRanges() == node.withoutSourceRanges(),
                    "\(source): node \(node) covers \(slice)")
            }
        }
    }

    @Test func positionsCountLinesAndBytes() throws {
        let source = "sum(\n  rate(x[5m])\n)"
        guard case .aggregation(let aggregation) = try PromQLParser.parse(source) else {
            Issue.record("not an aggregation")
            return
        }
        let call = aggregation.expression.sourceRange
        #expect(call.start == SourcePosition(line: 2, column: 3, offset: 7))
        #expect(call.end == SourcePosition(line: 2, column: 14, offset: 18))
        #expect(aggregation.sourceRange.end == SourcePosition(line: 3, column: 2, offset: 20))
    }

    @Test func matcherAndOperatorRanges() throws {
        let source = #"a{b="c"} + d"#
        guard case .binary(let binary) = try PromQLParser.parse(source),
            case .vectorSelector(let selector) = binary.lhs
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(selector.matchers[0].sourceRange.start.column == 3)
        #expect(selector.matchers[0].sourceRange.end.column == 8)
        #expect(binary.operatorRange.start.column == 10)
        #expect(binary.operatorRange.end.column == 11)
    }

    @Test func foldedSignIsInTheLiteralRange() throws {
        guard case .binary(let binary) = try PromQLParser.parse("x * - 2") else {
            Issue.record("not binary")
            return
        }
        #expect(binary.rhs.sourceRange.start.column == 5)
        #expect(binary.rhs.sourceRange.end.column == 8)
    }
}
