/// Splits a Go template into text and the tokens of each action, applying `{{-` / `-}}` trimming and dropping
/// comments.
enum TemplateLexer {
    enum Item {
        case text(String)
        /// The tokens, and where each starts (a UTF-8 byte offset in the text, as Go reports positions).
        case action([Token], positions: [Int])
    }

    enum Token: Equatable {
        case identifier(String)
        case keyword(String)
        case variable(String)
        /// `.name`; `attached` when written right after the previous token (`$labels.host`, `(…).Value`).
        case field(String, attached: Bool)
        case dot
        case constant(String)
        case pipe
        case leftParen
        case rightParen
        case comma
        case declare
        case assign
    }

    static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ]

    static func items(of text: String) throws(TemplateError) -> [Item] {
        let scalars = Array(text.unicodeScalars)
        var byteOffsets: [Int] = []
        byteOffsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            byteOffsets.append(offset)
            offset += UTF8.width(scalar)
        }
        byteOffsets.append(offset)
        var items: [Item] = []
        var i = 0
        var textStart = 0
        var trimNextText = false
        func at(_ k: Int) -> Unicode.Scalar? { k < scalars.count ? scalars[k] : nil }
        func string(_ range: Swift.Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func appendText(_ range: Swift.Range<Int>, trimRight: Bool) {
            var lower = range.lowerBound
            var upper = range.upperBound
            if trimNextText { while lower < upper, isSpace(scalars[lower]) { lower += 1 } }
            if trimRight { while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 } }
            if lower < upper { items.append(.text(string(lower..<upper))) }
        }
        while i < scalars.count {
            guard scalars[i] == "{", at(i + 1) == "{" else {
                i += 1
                continue
            }
            var j = i + 2
            let trimLeft = at(j) == "-" && at(j + 1).map(isSpace) == true
            if trimLeft { j += 1 }
            appendText(textStart..<i, trimRight: trimLeft)
            // A comment fills the whole action.
            var k = j
            while let c = at(k), isSpace(c) { k += 1 }
            if at(k) == "/", at(k + 1) == "*" {
                var close = k + 2
                while close + 1 < scalars.count, !(scalars[close] == "*" && scalars[close + 1] == "/") { close += 1 }
                guard close + 1 < scalars.count else { throw TemplateError("unclosed comment") }
                var end = close + 2
                var trimRight = false
                while let c = at(end), isSpace(c) { end += 1 }
                if at(end) == "-", at(end + 1) == "}", at(end + 2) == "}" {
                    trimRight = true
                    end += 1
                }
                guard at(end) == "}", at(end + 1) == "}" else { throw TemplateError("comment ends before closing delimiter") }
                i = end + 2
                textStart = i
                trimNextText = trimRight
                continue
            }
            let (tokens, starts, end, trimRight) = try lexAction(scalars, from: j)
            items.append(.action(tokens, positions: starts.map { byteOffsets[$0] }))
            i = end
            textStart = i
            trimNextText = trimRight
        }
        appendText(textStart..<scalars.count, trimRight: false)
        return items
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }

    /// The tokens of one action from `start` with the scalar index each starts at, the index after its `}}`, and
    /// whether it ended with `-}}`.
    private static func lexAction(
        _ s: [Unicode.Scalar], from start: Int
    ) throws(TemplateError) -> ([Token], [Int], Int, Bool) {
        var tokens: [Token] = []
        var starts: [Int] = []
        var i = start
        var previousEnd = -1
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        func string(_ range: Swift.Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        while true {
            guard let c = at(i) else { throw TemplateError("unclosed action") }
            if c == "}", at(i + 1) == "}" { return (tokens, starts, i + 2, false) }
            if isSpace(c) {
                if at(i + 1) == "-", at(i + 2) == "}", at(i + 3) == "}" { return (tokens, starts, i + 4, true) }
                i += 1
                continue
            }
            let begin = i
            starts.append(begin)
            switch c {
            case "\"", "'", "`":
                i += 1
                while true {
                    guard let d = at(i), c == "`" || d != "\n" else { throw TemplateError("unterminated quoted string") }
                    i += 1
                    if d == c { break }
                    if d == "\\", c != "`" { i += 1 }
                }
                tokens.append(.constant(string(begin..<i)))
            case "$":
                i += 1
                while let d = at(i), isAlphanumeric(d) { i += 1 }
                tokens.append(.variable(string(begin..<i)))
            case ".":
                if let d = at(i + 1), isDigit(d) {
                    i = number(s, from: i)
                    tokens.append(.constant(string(begin..<i)))
                } else if let d = at(i + 1), isLetter(d) {
                    i += 1
                    while let d = at(i), isAlphanumeric(d) { i += 1 }
                    tokens.append(.field(string(begin + 1..<i), attached: begin == previousEnd))
                } else {
                    i += 1
                    tokens.append(.dot)
                }
            case "|": i += 1; tokens.append(.pipe)
            case "(": i += 1; tokens.append(.leftParen)
            case ")": i += 1; tokens.append(.rightParen)
            case ",": i += 1; tokens.append(.comma)
            case ":":
                guard at(i + 1) == "=" else { throw TemplateError("expected :=") }
                i += 2
                tokens.append(.declare)
            case "=": i += 1; tokens.append(.assign)
            default:
                if isDigit(c) || ((c == "+" || c == "-") && at(i + 1).map { isDigit($0) || $0 == "." } == true) {
                    i = number(s, from: i)
                    tokens.append(.constant(string(begin..<i)))
                } else if isLetter(c) {
                    while let d = at(i), isAlphanumeric(d) { i += 1 }
                    let word = string(begin..<i)
                    if keywords.contains(word) {
                        tokens.append(.keyword(word))
                    } else if word == "true" || word == "false" || word == "nil" {
                        tokens.append(.constant(word))
                    } else {
                        tokens.append(.identifier(word))
                    }
                } else {
                    throw TemplateError("unrecognized character in action: \(c)")
                }
            }
            previousEnd = i
        }
    }

    private static func number(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
        while i < s.count {
            let c = s[i]
            if isAlphanumeric(c) || c == "." {
                i += 1
            } else if c == "+" || c == "-", "eEpP".unicodeScalars.contains(s[i - 1]) {
                i += 1
            } else {
                break
            }
        }
        return i
    }
}
