/// A syntax check of the Go `text/template` text Prometheus allows in alert labels and annotations.
///
/// It finds what `promtool check rules` finds when it parses a template: unclosed actions, unterminated strings,
/// unbalanced `{{if}}`/`{{range}}`/`{{with}}`/`{{define}}`/`{{block}}` and `{{end}}`, misplaced `{{else}}`,
/// `{{break}}` or `{{continue}}` outside `{{range}}`, empty commands, unbalanced parentheses, undefined variables and
/// unknown functions. Defined from the start are `$labels`, `$value`, `$externalLabels` and `$externalURL` (as
/// Prometheus defines them), and the functions are Go's built-ins plus Prometheus's template functions. It does not
/// evaluate anything: field names and argument counts are only checked when an alert is expanded.
///
/// - Complexity: O(n) in the text's length.
struct TemplateSyntax {
    /// Why a template does not parse, and where.
    struct Problem: Error, Equatable {
        /// Index of the offending Unicode scalar in the text.
        var offset: Int
        var message: String
    }

    /// Go's built-in template functions and Prometheus's (`template.go`), including the humanize family.
    static let functions: Set<String> = [
        // text/template built-ins
        "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery",
        "eq", "ge", "gt", "le", "lt", "ne",
        // Prometheus
        "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title",
        "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "humanize", "humanize1024",
        "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime", "toDuration", "parseDuration",
        "pathPrefix", "externalURL", "stripPort", "stripDomain", "now", "urlUnescape",
    ]

    /// The variables Prometheus defines before expanding a rule's template.
    static let predefinedVariables = ["$", "$labels", "$externalLabels", "$externalURL", "$value"]

    /// nil when `text` parses as a template.
    static func check(_ text: String) -> Problem? {
        var checker = TemplateSyntax(Array(text.unicodeScalars))
        do {
            try checker.run()
            return nil
        } catch {
            return error
        }
    }

    // MARK: Implementation

    private enum TokenKind: Equatable {
        case identifier(String)
        case keyword(String)
        case variable(String)
        case field
        case dot
        case constant
        case pipe
        case leftParen
        case rightParen
        case comma
        case declare
        case assign
    }

    private struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
        var text: String
    }

    /// An open control structure.
    private struct Scope {
        var keyword: String
        var start: Int
        var variableCount: Int
        /// `define` and `block` bodies start a fresh variable set; the outer one comes back at `{{end}}`.
        var savedVariables: [String]?
        var sawElse = false
    }

    private static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ]

    private let text: [Unicode.Scalar]
    private var variables = TemplateSyntax.predefinedVariables
    private var scopes: [Scope] = []

    private init(_ text: [Unicode.Scalar]) {
        self.text = text
    }

    private mutating func run() throws(Problem) {
        var i = 0
        while let open = find("{{", from: i) {
            i = try action(at: open)
        }
        if let scope = scopes.last {
            throw Problem(offset: scope.start, message: "unexpected EOF: {{\(scope.keyword)}} has no matching {{end}}")
        }
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var i = start
        while i + pattern.count <= text.count {
            if text[i] == pattern[0], Array(text[i..<i + pattern.count]) == pattern { return i }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }

    private func at(_ i: Int) -> Unicode.Scalar? { i < text.count ? text[i] : nil }

    /// Checks the action opening at `open` and returns the index after its closing delimiter.
    private mutating func action(at open: Int) throws(Problem) -> Int {
        var i = open + 2
        if at(i) == "-", let next = at(i + 1), Self.isSpace(next) { i += 1 }
        // A comment must fill the whole action.
        var j = i
        while let c = at(j), Self.isSpace(c) { j += 1 }
        if at(j) == "/", at(j + 1) == "*" {
            guard let close = find("*/", from: j + 2) else { throw Problem(offset: open, message: "unclosed comment") }
            var k = close + 2
            if at(k) == "}", at(k + 1) == "}" { return k + 2 }
            while let c = at(k), Self.isSpace(c) { k += 1 }
            if at(k) == "-", at(k + 1) == "}", at(k + 2) == "}" { return k + 3 }
            throw Problem(offset: close, message: "comment ends before closing delimiter")
        }
        let (tokens, end) = try lex(from: i, open: open)
        try parseAction(tokens, open: open)
        return end
    }

    /// The tokens of the action starting at `start`, and the index after its `}}`.
    private func lex(from start: Int, open: Int) throws(Problem) -> ([Token], Int) {
        var tokens: [Token] = []
        var i = start
        func add(_ kind: TokenKind, _ from: Int, _ to: Int) {
            tokens.append(Token(kind: kind, start: from, end: to, text: String(String.UnicodeScalarView(text[from..<to]))))
        }
        while true {
            guard let c = at(i) else { throw Problem(offset: open, message: "unclosed action") }
            if c == "}", at(i + 1) == "}" { return (tokens, i + 2) }
            if Self.isSpace(c) {
                if at(i + 1) == "-", at(i + 2) == "}", at(i + 3) == "}" { return (tokens, i + 4) }
                i += 1
                continue
            }
            let s = i
            switch c {
            case "\"", "'", "`":
                i += 1
                while true {
                    guard let d = at(i), c == "`" || d != "\n" else {
                        let what = c == "'" ? "character constant" : c == "`" ? "raw quoted string" : "quoted string"
                        throw Problem(offset: s, message: "unterminated \(what)")
                    }
                    i += 1
                    if d == c { break }
                    if d == "\\", c != "`" { i += 1 }
                }
                add(.constant, s, i)
            case "$":
                i += 1
                while let d = at(i), Self.isAlphanumeric(d) { i += 1 }
                add(.variable(String(String.UnicodeScalarView(text[s..<i]))), s, i)
            case ".":
                if let d = at(i + 1), Self.isDigit(d) {
                    i = number(from: i)
                    add(.constant, s, i)
                } else if let d = at(i + 1), Self.isLetter(d) {
                    i += 1
                    while let d = at(i), Self.isAlphanumeric(d) { i += 1 }
                    add(.field, s, i)
                } else {
                    i += 1
                    add(.dot, s, i)
                }
            case "|":
                i += 1
                add(.pipe, s, i)
            case "(":
                i += 1
                add(.leftParen, s, i)
            case ")":
                i += 1
                add(.rightParen, s, i)
            case ",":
                i += 1
                add(.comma, s, i)
            case ":":
                guard at(i + 1) == "=" else { throw Problem(offset: i, message: "expected :=") }
                i += 2
                add(.declare, s, i)
            case "=":
                i += 1
                add(.assign, s, i)
            default:
                if Self.isDigit(c) || ((c == "+" || c == "-") && at(i + 1).map { Self.isDigit($0) || $0 == "." } == true) {
                    i = number(from: i)
                    add(.constant, s, i)
                } else if Self.isLetter(c) {
                    while let d = at(i), Self.isAlphanumeric(d) { i += 1 }
                    let word = String(String.UnicodeScalarView(text[s..<i]))
                    if Self.keywords.contains(word) {
                        add(.keyword(word), s, i)
                    } else if word == "true" || word == "false" || word == "nil" {
                        add(.constant, s, i)
                    } else {
                        add(.identifier(word), s, i)
                    }
                } else {
                    throw Problem(offset: i, message: "unrecognized character in action: \(Self.quoted(c))")
                }
            }
        }
    }

    /// The end of a number starting at `start` (Go accepts signs, hex, exponents, underscores, imaginary `i`).
    private func number(from start: Int) -> Int {
        var i = start
        if at(i) == "+" || at(i) == "-" { i += 1 }
        while let c = at(i) {
            if Self.isAlphanumeric(c) || c == "." {
                i += 1
            } else if (c == "+" || c == "-"), let p = at(i - 1), "eEpP".unicodeScalars.contains(p) {
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// Go's `%#U`: `U+0023 '#'`.
    private static func quoted(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return c.properties.isWhitespace || c.value < 0x20 ? code : "\(code) '\(c)'"
    }

    // MARK: Parsing actions

    private mutating func parseAction(_ tokens: [Token], open: Int) throws(Problem) {
        guard let first = tokens.first else { throw Problem(offset: open, message: "missing value for command") }
        guard case .keyword(let keyword) = first.kind else {
            try pipeline(tokens, from: 0, context: "command", allowsDeclaration: true, maxVariables: 1)
            return
        }
        switch keyword {
        case "if", "with", "range":
            scopes.append(Scope(keyword: keyword, start: open, variableCount: variables.count))
            try pipeline(tokens, from: 1, context: keyword, allowsDeclaration: true, maxVariables: keyword == "range" ? 2 : 1)
        case "else":
            guard let top = scopes.last, ["if", "with", "range"].contains(top.keyword) else {
                throw Problem(offset: first.start, message: "unexpected {{else}}")
            }
            guard !top.sawElse else { throw Problem(offset: first.start, message: "expected end; found {{else}}") }
            if tokens.count > 1 {
                guard case .keyword(let chained) = tokens[1].kind, chained == "if" || chained == "with" else {
                    throw Problem(offset: tokens[1].start, message: "unexpected \"\(tokens[1].text)\" in else")
                }
                try pipeline(tokens, from: 2, context: chained, allowsDeclaration: true, maxVariables: 1)
            } else {
                scopes[scopes.count - 1].sawElse = true
            }
        case "end":
            if tokens.count > 1 { throw Problem(offset: tokens[1].start, message: "unexpected \"\(tokens[1].text)\" in end") }
            guard let scope = scopes.popLast() else { throw Problem(offset: first.start, message: "unexpected {{end}}") }
            if let saved = scope.savedVariables {
                variables = saved
            } else {
                variables.removeLast(variables.count - scope.variableCount)
            }
        case "define", "block":
            guard tokens.count > 1, tokens[1].kind == .constant, tokens[1].text.first == "\"" || tokens[1].text.first == "`" else {
                throw Problem(offset: tokens.count > 1 ? tokens[1].start : first.start, message: "\(keyword) needs a template name in quotes")
            }
            if keyword == "define" {
                guard scopes.isEmpty else { throw Problem(offset: first.start, message: "{{define}} inside {{\(scopes.last!.keyword)}}") }
                if tokens.count > 2 { throw Problem(offset: tokens[2].start, message: "unexpected \"\(tokens[2].text)\" in define") }
            } else if tokens.count > 2 {
                try pipeline(tokens, from: 2, context: keyword, allowsDeclaration: false, maxVariables: 0)
            }
            scopes.append(Scope(keyword: keyword, start: open, variableCount: 1, savedVariables: variables))
            variables = ["$"]
        case "template":
            guard tokens.count > 1, tokens[1].kind == .constant, tokens[1].text.first == "\"" || tokens[1].text.first == "`" else {
                throw Problem(offset: tokens.count > 1 ? tokens[1].start : first.start, message: "template needs a template name in quotes")
            }
            if tokens.count > 2 {
                try pipeline(tokens, from: 2, context: keyword, allowsDeclaration: false, maxVariables: 0)
            }
        case "break", "continue":
            guard scopes.contains(where: { $0.keyword == "range" }) else {
                throw Problem(offset: first.start, message: "{{\(keyword)}} outside {{range}}")
            }
            if tokens.count > 1 { throw Problem(offset: tokens[1].start, message: "unexpected \"\(tokens[1].text)\" in \(keyword)") }
        default:
            throw Problem(offset: first.start, message: "unexpected <\(keyword)> in command")
        }
    }

    /// Checks `tokens[from...]` as a pipeline: an optional declaration, then commands separated by `|`.
    private mutating func pipeline(
        _ tokens: [Token], from start: Int, context: String, allowsDeclaration: Bool, maxVariables: Int
    ) throws(Problem) {
        var i = start
        if allowsDeclaration, let operatorIndex = declarationOperator(tokens, from: i) {
            let names = stride(from: i, to: operatorIndex, by: 2).map { tokens[$0] }
            guard names.count <= maxVariables else {
                throw Problem(offset: tokens[i].start, message: "too many declarations in \(context)")
            }
            if tokens[operatorIndex].kind == .declare {
                variables += names.map(\.text)
            } else {
                for name in names where !variables.contains(name.text) {
                    throw Problem(offset: name.start, message: "undefined variable \"\(name.text)\"")
                }
            }
            i = operatorIndex + 1
        }
        guard i < tokens.count else {
            let at = tokens.last?.end ?? 0
            throw Problem(offset: at, message: "missing value for \(context)")
        }
        let end = try commands(tokens, from: i, context: context)
        if end < tokens.count {
            throw Problem(offset: tokens[end].start, message: "unexpected right paren")
        }
    }

    /// `$x :=`, `$x =` or `$i, $e :=` at `start`: the index of the operator.
    private func declarationOperator(_ tokens: [Token], from start: Int) -> Int? {
        var i = start
        while i < tokens.count, case .variable = tokens[i].kind {
            guard i + 1 < tokens.count else { return nil }
            switch tokens[i + 1].kind {
            case .declare, .assign: return i + 1
            case .comma: i += 2
            default: return nil
            }
        }
        return nil
    }

    /// Commands separated by pipes from `start` up to a closing parenthesis or the end; returns where it stopped.
    private func commands(_ tokens: [Token], from start: Int, context: String) throws(Problem) -> Int {
        var i = start
        while true {
            let commandStart = i
            while i < tokens.count, tokens[i].kind != .pipe, tokens[i].kind != .rightParen {
                i = try operand(tokens, at: i)
            }
            if i == commandStart {
                let offset = i < tokens.count ? tokens[i].start : (tokens.last?.end ?? 0)
                throw Problem(offset: offset, message: "missing value for \(context == "command" ? "command" : context)")
            }
            guard i < tokens.count, tokens[i].kind == .pipe else { return i }
            i += 1
            guard i < tokens.count, tokens[i].kind != .rightParen else {
                throw Problem(offset: tokens[i - 1].start, message: "missing value for command")
            }
        }
    }

    /// One operand at `i` (a term and its field chain); returns the index after it.
    private func operand(_ tokens: [Token], at start: Int) throws(Problem) -> Int {
        let token = tokens[start]
        var i = start + 1
        switch token.kind {
        case .identifier(let name):
            guard Self.functions.contains(name) else {
                throw Problem(offset: token.start, message: "function \"\(name)\" not defined")
            }
        case .variable(let name):
            guard variables.contains(name) else {
                throw Problem(offset: token.start, message: "undefined variable \"\(name)\"")
            }
        case .field, .dot, .constant:
            break
        case .leftParen:
            let end = try commands(tokens, from: i, context: "parenthesized pipeline")
            guard end < tokens.count, tokens[end].kind == .rightParen else {
                throw Problem(offset: token.start, message: "unclosed left paren")
            }
            i = end + 1
        case .keyword(let word):
            throw Problem(offset: token.start, message: "unexpected <\(word)> in operand")
        case .pipe, .rightParen, .comma, .declare, .assign:
            throw Problem(offset: token.start, message: "unexpected \"\(token.text)\" in operand")
        }
        // Fields written right after a term (`$labels.host`, `(...).Value`) belong to it.
        while i < tokens.count, tokens[i].kind == .field, tokens[i].start == tokens[i - 1].end {
            i += 1
        }
        return i
    }
}
