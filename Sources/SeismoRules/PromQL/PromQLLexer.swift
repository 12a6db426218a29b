/// Splits a PromQL expression into tokens, one at a time, as the parser asks for them.
///
/// Like Prometheus's lexer it is modal: inside `{…}` every word is a label name and only matcher operators and
/// strings follow; inside `[…]` only numbers, durations, `:` and `]`; everywhere else keywords are recognised
/// case-insensitively and `:` may be part of a metric name. It is a value type, so the parser peeks by copying.
struct PromQLLexer: Sendable {
    let bytes: [UInt8]
    let lines: LineIndex
    private var position = 0
    private var parenDepth = 0
    private var braceOpen = false
    private var bracketOpen = false

    /// A lexer at the start of `text`; `insideBrackets` starts it in the mode of `[…]` (for bare durations).
    init(_ text: String, insideBrackets: Bool = false) {
        bytes = Array(text.utf8)
        lines = LineIndex(bytes)
        bracketOpen = insideBrackets
    }

    /// The next token; throws on text that cannot start one.
    mutating func next() throws(PromQLParseError) -> PromQLToken {
        skipSpaceAndComments()
        guard position < bytes.count else {
            if braceOpen { throw error("unexpected end of input inside braces", at: position) }
            if bracketOpen { throw error("unclosed left bracket", at: position) }
            if parenDepth > 0 { throw error("unclosed left parenthesis", at: position) }
            return PromQLToken(kind: .eof, start: position, end: position, text: "")
        }
        if braceOpen { return try nextInsideBraces() }
        if bracketOpen { return try nextInsideBrackets() }
        return try nextInStatement()
    }

    // MARK: Modes

    private mutating func nextInStatement() throws(PromQLParseError) -> PromQLToken {
        let start = position
        let c = bytes[position]
        switch c {
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "("):
            parenDepth += 1
            return single(.leftParen)
        case UInt8(ascii: ")"):
            parenDepth -= 1
            if parenDepth < 0 { throw error("unexpected right parenthesis ')'", at: start) }
            return single(.rightParen)
        case UInt8(ascii: "{"):
            braceOpen = true
            return single(.leftBrace)
        case UInt8(ascii: "["):
            bracketOpen = true
            return single(.leftBracket)
        case UInt8(ascii: "]"): throw error("unexpected right bracket ']'", at: start)
        case UInt8(ascii: "@"): return single(.at)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "^"):
            return single(.op(Self.arithmeticOperator(c)!))
        case UInt8(ascii: "="):
            switch byte(at: start + 1) {
            case UInt8(ascii: "="): return token(.op(.equal), length: 2)
            case UInt8(ascii: "~"): throw error("unexpected character after '=': '~'", at: start)
            default: return single(.assign)
            }
        case UInt8(ascii: "!"):
            guard byte(at: start + 1) == UInt8(ascii: "=") else {
                throw error("unexpected character after '!': \(quotedCharacter(at: start + 1))", at: start)
            }
            return token(.op(.notEqual), length: 2)
        case UInt8(ascii: "<"):
            return byte(at: start + 1) == UInt8(ascii: "=") ? token(.op(.lessOrEqual), length: 2) : single(.op(.less))
        case UInt8(ascii: ">"):
            return byte(at: start + 1) == UInt8(ascii: "=")
                ? token(.op(.greaterOrEqual), length: 2) : single(.op(.greater))
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try quotedString()
        case UInt8(ascii: "`"): return try rawString()
        default:
            if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(byte(at: start + 1))) {
                return try numberOrDuration()
            }
            if Self.isAlpha(c) || c == UInt8(ascii: ":") { return word() }
            throw error("unexpected character: \(quotedCharacter(at: start))", at: start)
        }
    }

    private mutating func nextInsideBraces() throws(PromQLParseError) -> PromQLToken {
        let start = position
        let c = bytes[position]
        switch c {
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "}"):
            braceOpen = false
            return single(.rightBrace)
        case UInt8(ascii: "{"): throw error("unexpected left brace '{'", at: start)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try quotedString()
        case UInt8(ascii: "`"): return try rawString()
        case UInt8(ascii: "="):
            return byte(at: start + 1) == UInt8(ascii: "~") ? token(.regexMatch, length: 2) : single(.assign)
        case UInt8(ascii: "!"):
            switch byte(at: start + 1) {
            case UInt8(ascii: "~"): return token(.regexNoMatch, length: 2)
            case UInt8(ascii: "="): return token(.op(.notEqual), length: 2)
            default:
                throw error(
                    "unexpected character after '!' inside braces: \(quotedCharacter(at: start + 1))", at: start)
            }
        default:
            guard Self.isAlpha(c) else {
                throw error("unexpected character inside braces: \(quotedCharacter(at: start))", at: start)
            }
            var end = start + 1
            while end < bytes.count, Self.isAlphanumeric(bytes[end]) { end += 1 }
            return token(.identifier, length: end - start)
        }
    }

    private mutating func nextInsideBrackets() throws(PromQLParseError) -> PromQLToken {
        let start = position
        let c = bytes[position]
        switch c {
        case UInt8(ascii: "]"):
            bracketOpen = false
            return single(.rightBracket)
        case UInt8(ascii: "["): throw error("unexpected left bracket '['", at: start)
        case UInt8(ascii: ":"): return single(.colon)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "^"):
            return single(.op(Self.arithmeticOperator(c)!))
        default:
            if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(byte(at: start + 1))) {
                return try numberOrDuration()
            }
            throw error("unexpected character in duration expression: \(quotedCharacter(at: start))", at: start)
        }
    }

    // MARK: Words, numbers, durations

    /// A keyword, operator word, aggregator, `Inf`/`NaN`, or (metric) identifier.
    private mutating func word() -> PromQLToken {
        let start = position
        var end = start
        while end < bytes.count, Self.isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: ":") { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let lower = text.lowercased()
        let kind: PromQLToken.Kind
        if let keyword = PromQLToken.Keyword(rawValue: lower) {
            kind = .keyword(keyword)
        } else if let aggregator = AggregationOperator(rawValue: lower) {
            kind = .aggregator(aggregator)
        } else if lower == "and" || lower == "or" || lower == "unless" || lower == "atan2" {
            kind = .op(BinaryOperator(rawValue: lower)!)
        } else if lower == "inf" || lower == "nan" {
            kind = .number
        } else {
            kind = text.contains(":") ? .metricIdentifier : .identifier
        }
        return token(kind, length: end - start)
    }

    /// A number (`1`, `1.5e3`, `.5`, `0x1F`, `1_000`) or a duration (`5m`, `1h30m`, `250ms`).
    private mutating func numberOrDuration() throws(PromQLParseError) -> PromQLToken {
        let start = position
        if let end = scanNumber(from: start), !Self.isAlphanumeric(byte(at: end)), byte(at: end) != UInt8(ascii: ".") {
            return token(.number, length: end - start)
        }
        if let end = scanDuration(from: start), !Self.isAlphanumeric(byte(at: end)) {
            return token(.duration, length: end - start)
        }
        var end = start
        while end < bytes.count, Self.isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        throw error("bad number or duration syntax: \"\(text)\"", at: start)
    }

    /// The end of a well-formed number starting at `start`, or nil.
    private func scanNumber(from start: Int) -> Int? {
        var i = start
        if byte(at: i) == UInt8(ascii: "0"), byte(at: i + 1) | 0x20 == UInt8(ascii: "x") {
            i += 2
            if byte(at: i) == UInt8(ascii: "_") { i += 1 }
            return scanDigits(from: i, hex: true)
        }
        var sawDigits = false
        if let end = scanDigits(from: i, hex: false) {
            i = end
            sawDigits = true
        } else if Self.isDigit(byte(at: i)) {
            return nil  // malformed underscores
        }
        if byte(at: i) == UInt8(ascii: ".") {
            i += 1
            if let end = scanDigits(from: i, hex: false) {
                i = end
                sawDigits = true
            } else if byte(at: i) == UInt8(ascii: "_") || byte(at: i) == UInt8(ascii: ".") {
                return nil
            }
        }
        guard sawDigits else { return nil }
        if byte(at: i) | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            if byte(at: j) == UInt8(ascii: "+") || byte(at: j) == UInt8(ascii: "-") { j += 1 }
            guard let end = scanDigits(from: j, hex: false) else { return nil }
            i = end
        }
        return i
    }

    /// The end of a run of digits starting at `start`, with single underscores allowed between digits.
    private func scanDigits(from start: Int, hex: Bool) -> Int? {
        var i = start
        func isDigit(_ byte: UInt8) -> Bool { hex ? Self.isHexDigit(byte) : Self.isDigit(byte) }
        guard isDigit(byte(at: i)) else { return nil }
        while true {
            while isDigit(byte(at: i)) { i += 1 }
            guard byte(at: i) == UInt8(ascii: "_") else { return i }
            guard isDigit(byte(at: i + 1)) else { return nil }
            i += 1
        }
    }

    /// The end of `(digits unit)+` starting at `start`, units being `y w d h m s ms`, or nil.
    private func scanDuration(from start: Int) -> Int? {
        var i = start
        var parts = 0
        while Self.isDigit(byte(at: i)) {
            while Self.isDigit(byte(at: i)) { i += 1 }
            switch byte(at: i) {
            case UInt8(ascii: "m"):
                i += byte(at: i + 1) == UInt8(ascii: "s") ? 2 : 1
            case UInt8(ascii: "y"), UInt8(ascii: "w"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                i += 1
            default:
                return nil
            }
            parts += 1
        }
        return parts > 0 ? i : nil
    }

    // MARK: Strings

    /// A `"…"` or `'…'` string with Go escapes (`\n`, `\x41`, `\101`, `\u00e9`, `\U0001F600`, the quote).
    private mutating func quotedString() throws(PromQLParseError) -> PromQLToken {
        let start = position
        let quote = bytes[start]
        var i = start + 1
        var value: [UInt8] = []
        while true {
            guard i < bytes.count, bytes[i] != UInt8(ascii: "\n") else {
                throw error("unterminated quoted string", at: start)
            }
            let byte = bytes[i]
            if byte == quote { break }
            guard byte == UInt8(ascii: "\\") else {
                value.append(byte)
                i += 1
                continue
            }
            i = try unescape(at: i, quote: quote, into: &value)
        }
        guard let unescaped = String(validating: value, as: UTF8.self) else {
            throw error("string is not valid UTF-8 after unescaping", at: start)
        }
        var result = token(.string, length: i + 1 - start)
        result.stringValue = unescaped
        return result
    }

    /// Decodes the escape sequence whose backslash is at `index` into `value`; returns the index after it.
    private func unescape(at index: Int, quote: UInt8, into value: inout [UInt8]) throws(PromQLParseError) -> Int {
        let i = index + 1
        guard i < bytes.count else { throw error("escape sequence not terminated", at: index) }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
        ]
        let letter = bytes[i]
        if let byte = simple[letter] {
            value.append(byte)
            return i + 1
        }
        if letter == quote {
            value.append(quote)
            return i + 1
        }
        let digits: Int
        let base: UInt32
        let maximum: UInt32
        var first = i + 1
        switch letter {
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            (digits, base, maximum) = (3, 8, 255)
            first = i
        case UInt8(ascii: "x"): (digits, base, maximum) = (2, 16, 255)
        case UInt8(ascii: "u"): (digits, base, maximum) = (4, 16, 0x10FFFF)
        case UInt8(ascii: "U"): (digits, base, maximum) = (8, 16, 0x10FFFF)
        default:
            throw error("unknown escape sequence \(Self.goCodePoint(scalar(at: i)))", at: index)
        }
        var code: UInt32 = 0
        for k in 0..<digits {
            let position = first + k
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                throw error("escape sequence not terminated", at: index)
            }
            guard let digit = Self.digitValue(bytes[position]), digit < base else {
                throw error("illegal character \(Self.goCodePoint(scalar(at: position))) in escape sequence", at: index)
            }
            code = code * base + digit
        }
        guard code <= maximum, !(0xD800..<0xE000).contains(code) else {
            throw error("escape sequence is an invalid Unicode code point", at: index)
        }
        if maximum == 255 {
            value.append(UInt8(code))  // \x and octal escapes are bytes, as in Go
        } else {
            value.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
        }
        return first + digits
    }

    /// A `` `…` `` string: no escapes, may span lines.
    private mutating func rawString() throws(PromQLParseError) -> PromQLToken {
        let start = position
        var i = start + 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "`") { i += 1 }
        guard i < bytes.count else { throw error("unterminated raw string", at: start) }
        var result = token(.string, length: i + 1 - start)
        result.stringValue = String(decoding: bytes[(start + 1)..<i], as: UTF8.self)
        return result
    }

    // MARK: Plumbing

    private mutating func skipSpaceAndComments() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#") where !bracketOpen:
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            default:
                return
            }
        }
    }

    private mutating func single(_ kind: PromQLToken.Kind) -> PromQLToken { token(kind, length: 1) }

    private mutating func token(_ kind: PromQLToken.Kind, length: Int) -> PromQLToken {
        let start = position
        position += length
        return PromQLToken(
            kind: kind, start: start, end: position,
            text: String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    func error(_ message: String, at offset: Int) -> PromQLParseError {
        PromQLParseError(position: lines.position(at: offset), message: message)
    }

    /// The Unicode scalar starting at byte `index`, or nil at the end.
    private func scalar(at index: Int) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        var length = 1
        while index + length < bytes.count, length < 4, bytes[index + length] & 0xC0 == 0x80 { length += 1 }
        return String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first
    }

    /// A character quoted the way Go's `%q` quotes a rune: `'x'`, `'\n'`, or `EOF`.
    private func quotedCharacter(at index: Int) -> String {
        guard let scalar = scalar(at: index) else { return "EOF" }
        switch scalar {
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { return "'\\x\(String(scalar.value, radix: 16))'" }
            return "'\(scalar)'"
        }
    }

    /// A code point the way Go's `%#U` prints it: `U+0071 'q'`.
    private static func goCodePoint(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "EOF" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let printable = scalar.value >= 0x20 && scalar.value != 0x7F
        return printable ? "U+\(padded) '\(scalar)'" : "U+\(padded)"
    }

    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The one-byte arithmetic operators, shared by the expression and bracket modes.
    static func arithmeticOperator(_ byte: UInt8) -> BinaryOperator? {
        switch byte {
        case UInt8(ascii: "+"): .add
        case UInt8(ascii: "-"): .subtract
        case UInt8(ascii: "*"): .multiply
        case UInt8(ascii: "/"): .divide
        case UInt8(ascii: "%"): .modulo
        case UInt8(ascii: "^"): .power
        default: nil
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isHexDigit(_ byte: UInt8) -> Bool { digitValue(byte) != nil }
    static func isAlpha(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }
}
