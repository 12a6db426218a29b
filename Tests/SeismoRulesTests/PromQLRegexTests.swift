import SeismoRules
import Testing

@Suite struct PromQLRegexTests {
    @Test(arguments: [
        ("5..", "503", true),
        ("5..", "5030", false),  // anchored at the end
        ("5..", "x503", false),  // and at the start
        ("api|web", "web", true),
        ("api|web", "webapi", false),
        (".*", "", true),
        (".+", "", false),
        ("a.b", "a\nb", true),  // `.` matches newlines, as in Prometheus 3
        ("(?i)get", "GET", true),
        (#"\pL+"#, "héllo", true),
        (#"\PL+"#, "123", true),
        (#"\p{Greek}+"#, "αβγ", true),
        (#"\d{3}"#, "123", true),
        ("[[:alpha:]]+", "abc", true),
        (#"\\pL"#, #"\pL"#, true),  // an escaped backslash is not a class
        ("(?P<host>[^:]+):(?P<port>\\d+)", "a:80", true),
        (".", "e\u{301}", false),  // one code point, not one grapheme cluster
        ("..", "e\u{301}", true),
        ("é", "e\u{301}", false),  // no canonical equivalence, as in RE2
        ("[(?=]+", "(?=", true),  // lookahead syntax inside a class is literal
        ("a{2,3}b{1000}", "aa" + String(repeating: "b", count: 1000), true),
        ("x{", "x{", true),  // not a repetition: a literal brace
    ])
    func matchesWholeValueOnCodePoints(pattern: String, value: String, matches: Bool) throws {
        let regex = try PromQLRegex(pattern)
        #expect(regex.matches(value) == matches, "\(pattern) against \(value.debugDescription)")
    }

    @Test func capturesForLabelReplace() throws {
        let regex = try PromQLRegex("(?P<host>[^:]+):(\\d+)?")
        let captures = try #require(regex.captures(in: "db-1:"))
        #expect(captures.map(\.value) == ["db-1:", "db-1", nil])
        #expect(captures.map(\.name) == [nil, "host", nil])
        #expect(regex.captures(in: "no-colon") == nil)
    }

    @Test func equalityIsByPattern() throws {
        #expect(try PromQLRegex("a+") == PromQLRegex("a+"))
        #expect(try PromQLRegex("a+") != PromQLRegex("a*"))
    }

    @Test func matchersTreatAbsentLabelsAsEmpty() throws {
        #expect(try LabelMatcher(name: "a", op: .notEqual, value: "x").matches(""))
        #expect(try LabelMatcher(name: "a", op: .matchesRegex, value: "x|").matches(""))
        #expect(try !LabelMatcher(name: "a", op: .doesNotMatchRegex, value: ".*").matches("anything"))
        #expect(throws: PromQLRegex.SyntaxError.self) { try LabelMatcher(name: "a", op: .matchesRegex, value: "(") }
        #expect(try LabelMatcher(name: "a", op: .equal, value: "(").regex == nil)
    }

    @Test func matchingIsSafeFromManyThreads() async throws {
        let regex = try PromQLRegex("job-[0-9]+")
        let counts = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    (0..<200).filter { regex.matches("job-\(worker * 1000 + $0)") }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(counts == 1600)
    }
}
