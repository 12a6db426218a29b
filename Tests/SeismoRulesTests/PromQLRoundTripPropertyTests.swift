import SeismoRules
import Testing

@Suite struct PromQLRoundTripPropertyTests {
    /// For random well-typed text: it parses, printing it gives text that parses to the same tree, and
    /// printing that again gives the same text.
    @Test(arguments: 0..<16)
    func randomExpressionsRoundTrip(batch: Int) throws {
        var generator = RandomPromQL(seed: UInt64(batch) &* 7919 &+ 17)
        for _ in 0..<40 {
            let text = generator.instantVector()
            let expression: PromQLExpression
            do {
                expression = try PromQLParser.parse(text)
            } catch {
                Issue.record("generated text did not parse: \(error)\n\(text)")
                continue
            }
            let printed = expression.description
            let reparsed = try PromQLParser.parse(printed)
            #expect(reparsed.withoutSourceRanges() == expression.withoutSourceRanges(), "\(text)\nprinted: \(printed)")
            #expect(reparsed.description == printed)
            #expect(reparsed.type == .instantVector)
        }
    }
}
