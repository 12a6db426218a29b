/// The outermost shape of a PromQL expression, found by a scan that skips strings, comments and anything in
/// brackets: enough to tell a bare series selector or a top-level comparison from other expressions.
///
/// Only meaningful for text the `ExpressionValidator` accepted. It answers what the loader must know about
/// extension fields without needing the expression AST; with the AST at hand, the same questions can be asked of
/// its root node.
struct ExpressionOutline {
    /// `name`, `name{matchers}` or `{matchers}` and nothing else: what `selector:` fields take.
    let isSeriesSelector: Bool
    /// A comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) outside all brackets and no `and`, `or` or `unless` there:
    /// the outermost operator is a comparison (set operators bind more loosely than comparisons).
    let isComparison: Bool

    init(_ text: String) {
        let s = Array(text.unicodeScalars)
        var i = 0
        var depth = 0
        var sawComparison = false
        var sawSetOperator = false
        // Selector shape: [name] [{...}] with nothing else at depth 0.
        var selectorParts: [Character] = []  // "n" for a name, "{" for a matcher block, "x" for anything else
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c == ":" || (c.isASCII && c.properties.isAlphabetic) }
        func isNameByte(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || (c >= "0" && c <= "9") }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\"", "'", "`":
                i += 1
                while i < s.count, s[i] != c {
                    if s[i] == "\\", c != "`" { i += 1 }
                    i += 1
                }
                i += 1
                if depth == 0 { selectorParts.append("x") }
                continue
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "(", "[", "{":
                if depth == 0 { selectorParts.append(c == "{" ? "{" : "x") }
                depth += 1
            case ")", "]", "}":
                depth -= 1
            case " ", "\t", "\r", "\n":
                break
            default:
                guard depth == 0 else { break }
                if isNameStart(c) {
                    let start = i
                    while i < s.count, isNameByte(s[i]) { i += 1 }
                    let word = String(String.UnicodeScalarView(s[start..<i])).lowercased()
                    if word == "and" || word == "or" || word == "unless" { sawSetOperator = true }
                    selectorParts.append("n")
                    continue
                }
                let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
                if (c == "=" && next == "=") || (c == "!" && next == "=") {
                    sawComparison = true
                    i += 1
                } else if c == "<" || c == ">" {
                    sawComparison = true
                    if next == "=" { i += 1 }
                }
                selectorParts.append("x")
            }
            i += 1
        }
        isSeriesSelector = selectorParts == ["n"] || selectorParts == ["n", "{"] || selectorParts == ["{"]
        isComparison = sawComparison && !sawSetOperator
    }
}
