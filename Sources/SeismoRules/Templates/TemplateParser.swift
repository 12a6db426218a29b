/// Builds `GoTemplate` nodes from the lexer's items: control structures matched with their `{{end}}`, `else if`
/// chains nested into the `else` branch, pipelines into commands and operands.
struct TemplateParser {
    typealias Token = TemplateLexer.Token
    typealias Node = GoTemplate.Node

    private let items: [TemplateLexer.Item]
    private var next = 0
    private var loopDepth = 0
    /// Byte offsets of the current action's tokens (token slices keep their indexes into this).
    private var positions: [Int] = []

    init(items: [TemplateLexer.Item]) {
        self.items = items
    }

    /// How a list of nodes ended.
    private enum Terminator {
        case endOfText
        case end
        /// `{{else}}` (empty) or `{{else if …}}` / `{{else with …}}` (the tokens after `else`).
        case otherwise([Token])
    }

    mutating func parseTemplate() throws(TemplateError) -> [Node] {
        let (nodes, terminator) = try parseList()
        switch terminator {
        case .endOfText: return nodes
        case .end: throw TemplateError("unexpected {{end}}")
        case .otherwise: throw TemplateError("unexpected {{else}}")
        }
    }

    private mutating func parseList() throws(TemplateError) -> ([Node], Terminator) {
        var nodes: [Node] = []
        while next < items.count {
            let item = items[next]
            next += 1
            switch item {
            case .text(let text):
                nodes.append(.text(text))
            case .action(let tokens, let positions):
                self.positions = positions
                guard let first = tokens.first else { throw TemplateError("missing value for command") }
                guard case .keyword(let keyword) = first else {
                    nodes.append(.action(try pipeline(tokens[...])))
                    continue
                }
                switch keyword {
                case "end":
                    guard tokens.count == 1 else { throw TemplateError("unexpected tokens in end") }
                    return (nodes, .end)
                case "else":
                    return (nodes, .otherwise(Array(tokens.dropFirst())))
                case "if", "with":
                    nodes.append(try conditional(isWith: keyword == "with", tokens.dropFirst()))
                case "range":
                    nodes.append(try range(tokens.dropFirst()))
                case "break", "continue":
                    guard loopDepth > 0 else { throw TemplateError("{{\(keyword)}} outside {{range}}") }
                    nodes.append(keyword == "break" ? .breakLoop : .continueLoop)
                default:
                    throw TemplateError("{{\(keyword)}} is not supported in alert templates")
                }
            }
        }
        return (nodes, .endOfText)
    }

    /// An `if` or `with` after its keyword, through its `{{end}}` (shared by an `else if` chain).
    private mutating func conditional(isWith: Bool, _ tokens: ArraySlice<Token>) throws(TemplateError) -> Node {
        let condition = try pipeline(tokens)
        let (body, terminator) = try parseList()
        var otherwise: [Node] = []
        switch terminator {
        case .endOfText: throw TemplateError("unexpected EOF: {{\(isWith ? "with" : "if")}} has no matching {{end}}")
        case .end: break
        case .otherwise(let rest):
            if let keyword = rest.first {
                guard keyword == .keyword("if") || keyword == .keyword("with") else {
                    throw TemplateError("unexpected tokens in else")
                }
                otherwise = [try conditional(isWith: keyword == .keyword("with"), rest.dropFirst())]
            } else {
                let (elseBody, last) = try parseList()
                guard case .end = last else { throw TemplateError("expected {{end}} after {{else}}") }
                otherwise = elseBody
            }
        }
        return .conditional(GoTemplate.Conditional(isWith: isWith, pipeline: condition, body: body, otherwise: otherwise))
    }

    private mutating func range(_ tokens: ArraySlice<Token>) throws(TemplateError) -> Node {
        let over = try pipeline(tokens)
        loopDepth += 1
        let (body, terminator) = try parseList()
        loopDepth -= 1
        var otherwise: [Node] = []
        switch terminator {
        case .endOfText: throw TemplateError("unexpected EOF: {{range}} has no matching {{end}}")
        case .end: break
        case .otherwise(let rest):
            guard rest.isEmpty else { throw TemplateError("unexpected tokens in else of range") }
            let (elseBody, last) = try parseList()
            guard case .end = last else { throw TemplateError("expected {{end}} after {{else}}") }
            otherwise = elseBody
        }
        return .range(GoTemplate.Range(pipeline: over, body: body, otherwise: otherwise))
    }

    // MARK: Pipelines

    /// `[$a[, $b] (:=|=)] command (| command)*` filling `tokens`.
    private func pipeline(_ tokens: ArraySlice<Token>) throws(TemplateError) -> GoTemplate.Pipeline {
        var result = GoTemplate.Pipeline()
        var rest = tokens
        // A declaration: variables separated by commas, then := or =.
        var probe = rest
        var names: [String] = []
        while case .variable(let name)? = probe.first {
            names.append(name)
            probe = probe.dropFirst()
            if probe.first == .comma {
                probe = probe.dropFirst()
                continue
            }
            if probe.first == .declare || probe.first == .assign {
                result.variables = names
                result.isAssignment = probe.first == .assign
                rest = probe.dropFirst()
            }
            break
        }
        guard !rest.isEmpty else { throw TemplateError("missing value for command") }
        let (commands, remainder) = try self.commands(rest)
        guard remainder.isEmpty else { throw TemplateError("unexpected right paren") }
        result.commands = commands
        return result
    }

    /// Commands separated by pipes up to a closing parenthesis or the end; returns what is left (starting at the
    /// parenthesis).
    private func commands(_ tokens: ArraySlice<Token>) throws(TemplateError) -> ([GoTemplate.Command], ArraySlice<Token>) {
        var commands: [GoTemplate.Command] = []
        var rest = tokens
        while true {
            let position = rest.startIndex < positions.count ? positions[rest.startIndex] : 0
            var command: [GoTemplate.Operand] = []
            while let token = rest.first, token != .pipe, token != .rightParen {
                let (operand, after) = try self.operand(rest)
                command.append(operand)
                rest = after
            }
            guard !command.isEmpty else { throw TemplateError("missing value for command") }
            commands.append(GoTemplate.Command(operands: command, position: position))
            guard rest.first == .pipe else { return (commands, rest) }
            rest = rest.dropFirst()
        }
    }

    private func operand(_ tokens: ArraySlice<Token>) throws(TemplateError) -> (GoTemplate.Operand, ArraySlice<Token>) {
        var rest = tokens.dropFirst()
        func fields() -> [String] {
            var names: [String] = []
            while case .field(let name, attached: true)? = rest.first {
                names.append(name)
                rest = rest.dropFirst()
            }
            return names
        }
        switch tokens.first! {
        case .identifier(let name):
            return (.function(name), rest)
        case .variable(let name):
            return (.variable(name, fields: fields()), rest)
        case .dot:
            return (.dot(fields: []), rest)
        case .field(let name, _):
            return (.dot(fields: [name] + fields()), rest)
        case .constant(let text):
            return (.constant(try Self.constant(text), text: text), rest)
        case .leftParen:
            let (commands, after) = try self.commands(rest)
            guard after.first == .rightParen else { throw TemplateError("unclosed left paren") }
            rest = after.dropFirst()
            return (.pipeline(GoTemplate.Pipeline(commands: commands), fields: fields()), rest)
        case .keyword(let word):
            throw TemplateError("unexpected <\(word)> in operand")
        default:
            throw TemplateError("unexpected token in operand")
        }
    }

    /// A literal as `text/template` types it: quoted strings, `true`/`false`/`nil`, characters as ints, and
    /// numbers as `int` unless written with `.`, `e` or `p` (then `float64`), as `idealConstant` does.
    static func constant(_ text: String) throws(TemplateError) -> TemplateValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "nil": return .none
        default: break
        }
        if let first = text.first, first == "\"" || first == "`" { return .string(unquote(text)) }
        if text.first == "'" {
            let body = unquote("\"" + text.dropFirst().dropLast() + "\"")
            guard let scalar = body.unicodeScalars.first else { throw TemplateError("malformed character constant: \(text)") }
            return .int(Int64(scalar.value))
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        let unsigned = plain.hasPrefix("-") || plain.hasPrefix("+") ? String(plain.dropFirst()) : plain
        let negative = plain.hasPrefix("-")
        let lowered = unsigned.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) {
            guard let value = Int64(lowered.dropFirst(2), radix: radix) else { throw TemplateError("bad number syntax: \"\(text)\"") }
            return .int(negative ? -value : value)
        }
        if !unsigned.contains(where: { ".eEpP".contains($0) }) {
            if unsigned.count > 1, unsigned.hasPrefix("0"), let octal = Int64(unsigned.dropFirst(), radix: 8) {
                return .int(negative ? -octal : octal)
            }
            guard let value = Int64(plain) else { throw TemplateError("bad number syntax: \"\(text)\"") }
            return .int(value)
        }
        guard let value = Double(plain) else { throw TemplateError("bad number syntax: \"\(text)\"") }
        return .float(value)
    }

    /// A Go string literal's value: backquoted raw, or double-quoted with Go's escapes (`\n`, `\"`, `\x41`,
    /// `\101`, `\u00e9`, `\U0001F600`…; `\x` and octal escapes give bytes, as in Go).
    static func unquote(_ token: String) -> String {
        guard token.count >= 2 else { return token }
        let body = Array(token.utf8.dropFirst().dropLast())
        if token.first == "`" { return String(decoding: body, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        /// The value of `count` digits in `radix` from `i` on, if they are all there.
        func digits(_ count: Int, radix: Int) -> UInt32? {
            guard i + count <= body.count else { return nil }
            return UInt32(String(decoding: body[i..<i + count], as: UTF8.self), radix: radix)
        }
        while i < body.count {
            let c = body[i]
            i += 1
            guard c == UInt8(ascii: "\\"), i < body.count else {
                out.append(c)
                continue
            }
            let e = body[i]
            i += 1
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "x"):
                guard let value = digits(2, radix: 16) else { out.append(e); continue }
                out.append(UInt8(value))
                i += 2
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                i -= 1
                guard let value = digits(3, radix: 8), value <= 0xFF else { out.append(e); i += 1; continue }
                out.append(UInt8(value))
                i += 3
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "u") ? 4 : 8
                guard let value = digits(count, radix: 16), let scalar = Unicode.Scalar(value) else { out.append(e); continue }
                out.append(contentsOf: Array(String(scalar).utf8))
                i += count
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
