/// A strict JSON (RFC 8259) scanner over the bytes of one line, for `JSONLineParser`.
///
/// It checks the grammar and hands back tokens as byte ranges into the line: nothing is decoded or allocated
/// unless asked (`decodedString`). Strings are checked in full when scanned (escapes, `\uXXXX` surrogate pairs,
/// no raw control characters), so a range it returns always decodes. Nesting deeper than `maxDepth` is a syntax
/// error, which bounds recursion on hostile input.
///
/// The line must outlive the scanner; the `Ingestor` guarantees the bytes are valid UTF-8 without NUL.
struct JSONScanner {
    /// What a token is. Object and array tokens span their brackets; string tokens span the content between
    /// the quotes.
    enum Kind: Equatable {
        case object, array, string, number, `true`, `false`, null
    }

    struct Token {
        var kind: Kind
        var start: Int
        var end: Int
        /// For strings: whether the content holds a backslash escape (so the raw bytes are not the text).
        var escaped: Bool = false
    }

    static let maxDepth = 64

    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        // A dangling but never-dereferenced pointer for an empty buffer keeps every access a plain pointer read.
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = bytes.count
    }

    var atEnd: Bool { position >= count }

    /// The next byte, or 0 at the end (NUL never occurs in a line).
    var peek: UInt8 { position < count ? base[position] : 0 }

    func bytes(_ token: Token) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + token.start, count: token.end - token.start)
    }

    mutating func skipWhitespace() {
        while position < count {
            let c = base[position]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            position &+= 1
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(LineRejection) {
        skipWhitespace()
        guard position < count, base[position] == byte else { throw LineRejection(.syntax, what) }
        position &+= 1
    }

    // MARK: Objects

    /// Consumes `{`; returns whether a member follows (false when the object is empty and already closed).
    mutating func openObject() throws(LineRejection) -> Bool {
        try expect(UInt8(ascii: "{"), "expected a JSON object")
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position &+= 1
            return false
        }
        return true
    }

    /// Reads `"key": value`, scanning (and so validating) the value at nesting `depth`.
    mutating func member(depth: Int) throws(LineRejection) -> (key: Token, value: Token) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw LineRejection(.syntax, "object key is not a string") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "expected ':' after an object key")
        let value = try self.value(depth: depth)
        return (key, value)
    }

    /// After a member: consumes `,` and returns true, or consumes `}` and returns false.
    mutating func nextMember() throws(LineRejection) -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: ","):
            position &+= 1
            return true
        case UInt8(ascii: "}"):
            position &+= 1
            return false
        default:
            throw LineRejection(.syntax, "expected ',' or '}' in an object")
        }
    }

    // MARK: Values

    /// Scans one value of any kind starting at the next non-blank byte.
    mutating func value(depth: Int) throws(LineRejection) -> Token {
        skipWhitespace()
        let start = position
        switch peek {
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw LineRejection(.syntax, "JSON nested too deeply") }
            if try openObject() {
                repeat { _ = try member(depth: depth + 1) } while try nextMember()
            }
            return Token(kind: .object, start: start, end: position)
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw LineRejection(.syntax, "JSON nested too deeply") }
            position &+= 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                position &+= 1
            } else {
                while true {
                    _ = try value(depth: depth + 1)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") { position &+= 1; continue }
                    guard peek == UInt8(ascii: "]") else { throw LineRejection(.syntax, "expected ',' or ']' in an array") }
                    position &+= 1
                    break
                }
            }
            return Token(kind: .array, start: start, end: position)
        case UInt8(ascii: "t"):
            try literal("true")
            return Token(kind: .true, start: start, end: position)
        case UInt8(ascii: "f"):
            try literal("false")
            return Token(kind: .false, start: start, end: position)
        case UInt8(ascii: "n"):
            try literal("null")
            return Token(kind: .null, start: start, end: position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw LineRejection(.syntax, position < count ? "unexpected character in JSON" : "JSON ends too early")
        }
    }

    mutating func literal(_ word: StaticString) throws(LineRejection) {
        let n = word.utf8CodeUnitCount
        guard position + n <= count, memcmpBytes(base + position, word.utf8Start, n) else {
            throw LineRejection(.syntax, "unexpected word in JSON (expected true, false or null)")
        }
        position &+= n
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, nothing more.
    mutating func number() throws(LineRejection) -> Token {
        let start = position
        if peek == UInt8(ascii: "-") { position &+= 1 }
        if peek == UInt8(ascii: "0") {
            position &+= 1
        } else {
            guard digits() > 0 else { throw LineRejection(.syntax, "malformed JSON number") }
        }
        if peek == UInt8(ascii: ".") {
            position &+= 1
            guard digits() > 0 else { throw LineRejection(.syntax, "malformed JSON number") }
        }
        if peek | 0x20 == UInt8(ascii: "e") {
            position &+= 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position &+= 1 }
            guard digits() > 0 else { throw LineRejection(.syntax, "malformed JSON number") }
        }
        // A number runs into the next structural byte; "01" or "1x" must not pass as "0" then garbage.
        switch peek {
        case 0, 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): break
        default: throw LineRejection(.syntax, "malformed JSON number")
        }
        return Token(kind: .number, start: start, end: position)
    }

    mutating func digits() -> Int {
        let start = position
        while position < count, base[position] &- 0x30 < 10 { position &+= 1 }
        return position - start
    }

    // MARK: Strings

    /// Scans a string starting at its opening quote; the token spans the content between the quotes.
    mutating func string() throws(LineRejection) -> Token {
        position &+= 1
        let start = position
        var escaped = false
        while position < count {
            let c = base[position]
            if c == UInt8(ascii: "\"") {
                let token = Token(kind: .string, start: start, end: position, escaped: escaped)
                position &+= 1
                return token
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                try escape()
                continue
            }
            guard c >= 0x20 else { throw LineRejection(.syntax, "control character inside a JSON string") }
            position &+= 1
        }
        throw LineRejection(.syntax, "unterminated JSON string")
    }

    /// Checks one escape at `position` (the backslash) and moves past it.
    mutating func escape() throws(LineRejection) {
        guard position + 1 < count else { throw LineRejection(.syntax, "unterminated JSON string") }
        switch base[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position &+= 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: position + 2)
            position &+= 6
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard position + 1 < count, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u")
                else { throw LineRejection(.syntax, "JSON \\u escape is an unpaired high surrogate") }
                let low = try hex4(at: position + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw LineRejection(.syntax, "JSON \\u escape is an unpaired high surrogate")
                }
                position &+= 6
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw LineRejection(.syntax, "JSON \\u escape is an unpaired low surrogate")
            }
        default:
            throw LineRejection(.syntax, "invalid escape in a JSON string")
        }
    }

    func hex4(at index: Int) throws(LineRejection) -> UInt32 {
        guard index + 4 <= count else { throw LineRejection(.syntax, "JSON \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for k in index..<(index + 4) {
            let c = base[k]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - 0x57
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - 0x37
            default: throw LineRejection(.syntax, "JSON \\u escape needs four hex digits")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// The UTF-8 text of a string token, escapes decoded. The token must come from `string()` (so it is valid).
    func decodedBytes(_ token: Token) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(token.end - token.start)
        var i = token.start
        while i < token.end {
            let c = base[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // Validated by string(): four hex digits, surrogates paired.
                var scalar = (try? hex4(at: i)) ?? 0xFFFD
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = (try? hex4(at: i + 2)) ?? 0xDC00
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                Self.appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default: out.append(e)  // " \ /
            }
        }
        return out
    }

    /// The text of a string token as a `String`, or nil if it holds U+0000 (never valid in a series identity).
    func decodedString(_ token: Token) -> String? {
        if !token.escaped {
            return String(decoding: bytes(token), as: UTF8.self)
        }
        let decoded = decodedBytes(token)
        if decoded.contains(0) { return nil }
        return String(decoding: decoded, as: UTF8.self)
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
