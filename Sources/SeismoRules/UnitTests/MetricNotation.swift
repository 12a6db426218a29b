import SeismoCore

/// The `metric{label="value", ...}` notation of a rule test file's `series` and `exp_samples.labels`, parsed as
/// Prometheus parses it there: a metric name and/or a brace-enclosed label set, labels only with `=`.
///
/// This is not a selector: no `!=`, `=~`, `!~`, ranges or functions. Label values are PromQL strings in
/// double quotes, single quotes (both with Go escapes: `\n`, `\"`, `\x41`, `\101`, `\u00e9`, `\U0001F600`) or
/// backticks (raw). A trailing comma is allowed; whitespace is allowed inside the braces and around the whole.
public enum MetricNotation {
    /// Parses an input series (`series:`). A label with an empty value means "no such label", as in Prometheus
    /// storage, and is dropped; the metric name written before the braces wins over a `__name__` label.
    ///
    /// - Throws: `NotationError` on bad syntax, a repeated label name, or an empty label set (promtool drops such
    ///   series silently; they can never be selected, so here they are an error).
    public static func series(_ text: String) throws(NotationError) -> SeriesLabels {
        let parsed = try parse(text)
        var metric = parsed.name ?? ""
        var labels: [Label] = []
        for label in parsed.labels where !label.value.isEmpty {
            if label.name == "__name__" {
                if parsed.name == nil { metric = label.value }
            } else {
                labels.append(label)
            }
        }
        guard !metric.isEmpty || !labels.isEmpty else {
            throw NotationError(offset: 0, message: "series has no metric name and no labels")
        }
        return SeriesLabels(metric: metric, labels: labels)
    }

    /// Parses the labels of an expected sample (`exp_samples.labels`) into the label set promtool compares,
    /// `__name__` included, sorted. An empty text is the empty label set (a scalar result).
    ///
    /// As in promtool, empty values are dropped when a metric name is written before the braces and kept
    /// otherwise (so `{job=""}` expects a label no result has, and never matches).
    ///
    /// - Throws: `NotationError` on bad syntax or a repeated label name.
    public static func sampleLabels(_ text: String) throws(NotationError) -> [Label] {
        let parsed = try parse(text)
        var labels = parsed.labels
        if let name = parsed.name {
            labels = labels.filter { !$0.value.isEmpty && $0.name != "__name__" }
            labels.append(Label(name: "__name__", value: name))
        }
        return PrometheusLabelSet.sorted(labels)
    }

    /// The raw parse: the metric name if one is written before the braces, and the labels as written.
    static func parse(_ text: String) throws(NotationError) -> (name: String?, labels: [Label]) {
        var scanner = Scanner(Array(text.unicodeScalars))
        scanner.skipSpaces()
        if scanner.atEnd { return (nil, []) }
        var name: String?
        if let c = scanner.peek, isIdentifierStart(c) || c == ":" {
            let start = scanner.position
            let word = scanner.take { isIdentifierPart($0) || $0 == ":" }
            if reservedWords.contains(word.lowercased()) {
                throw NotationError(offset: start, message: "unexpected <\(word.lowercased())>: a keyword cannot be a metric name")
            }
            name = word
        } else if let c = scanner.peek, c != "{" {
            throw NotationError(
                offset: scanner.position,
                message: "unexpected \(describe(c)), expected a metric name or \"{\""
            )
        }
        var labels: [(label: Label, offset: Int)] = []
        if scanner.peek == "{" {
            scanner.advance()
            labels = try labelSet(&scanner)
        }
        scanner.skipSpaces()
        if let c = scanner.peek {
            throw NotationError(offset: scanner.position, message: "unexpected \(describe(c)) after the series")
        }
        var seen = Set<String>()
        for (label, offset) in labels where !seen.insert(label.name).inserted {
            throw NotationError(offset: offset, message: "label \"\(label.name)\" is given more than once")
        }
        return (name, labels.map(\.label))
    }

    /// The labels after `{`, through the closing `}`, each with the offset of its name.
    private static func labelSet(_ scanner: inout Scanner) throws(NotationError) -> [(label: Label, offset: Int)] {
        var labels: [(label: Label, offset: Int)] = []
        while true {
            scanner.skipSpaces()
            guard let c = scanner.peek else {
                throw NotationError(offset: scanner.position, message: "unexpected end of input inside braces")
            }
            if c == "}" {
                scanner.advance()
                return labels
            }
            guard isIdentifierStart(c) else {
                if c == "," || c == "\"" || c == "'" || c == "`" || c == "=" {
                    throw NotationError(
                        offset: scanner.position,
                        message: "unexpected \(describe(c)) in label set, expected identifier or \"}\""
                    )
                }
                throw NotationError(offset: scanner.position, message: "unexpected character inside braces: \(describe(c))")
            }
            let nameOffset = scanner.position
            let name = scanner.take(while: isIdentifierPart)
            scanner.skipSpaces()
            guard scanner.peek == "=", scanner.peek(at: 1) != "=", scanner.peek(at: 1) != "~" else {
                throw NotationError(
                    offset: scanner.position,
                    message: "unexpected \(describeOperator(scanner)) in label set, expected \"=\""
                )
            }
            scanner.advance()
            scanner.skipSpaces()
            let value = try string(&scanner)
            labels.append((Label(name: name, value: value), nameOffset))
            scanner.skipSpaces()
            switch scanner.peek {
            case ",": scanner.advance()
            case "}": continue
            case nil: throw NotationError(offset: scanner.position, message: "unexpected end of input inside braces")
            case let other?:
                throw NotationError(
                    offset: scanner.position,
                    message: "unexpected \(describe(other)) in label set, expected \",\" or \"}\""
                )
            }
        }
    }

    /// A PromQL string literal starting at the scanner: `"..."`, `'...'` (Go escapes) or `` `...` `` (raw).
    static func string(_ scanner: inout Scanner) throws(NotationError) -> String {
        guard let quote = scanner.peek, quote == "\"" || quote == "'" || quote == "`" else {
            let what = scanner.peek.map(describe) ?? "end of input"
            throw NotationError(offset: scanner.position, message: "unexpected \(what) in label set, expected a quoted string")
        }
        let start = scanner.position
        scanner.advance()
        var bytes: [UInt8] = []
        while true {
            guard let c = scanner.peek else {
                let what = quote == "`" ? "unterminated raw string" : "unterminated quoted string"
                throw NotationError(offset: start, message: what)
            }
            scanner.advance()
            if c == quote { break }
            if quote == "`" {
                bytes.append(contentsOf: Array(String(c).utf8))
                continue
            }
            if c == "\n" { throw NotationError(offset: start, message: "unterminated quoted string") }
            if c != "\\" {
                bytes.append(contentsOf: Array(String(c).utf8))
                continue
            }
            try escape(&scanner, quote: quote, into: &bytes)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NotationError(offset: start, message: "string is not valid UTF-8 after unescaping")
        }
        return text
    }

    /// One escape after a backslash, as Go's string literals define them.
    private static func escape(_ scanner: inout Scanner, quote: Unicode.Scalar, into bytes: inout [UInt8]) throws(NotationError) {
        let escapeStart = scanner.position - 1
        guard let e = scanner.peek else {
            throw NotationError(offset: escapeStart, message: "escape sequence not terminated")
        }
        scanner.advance()
        let simple: [Unicode.Scalar: UInt8] = ["a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92]
        if let byte = simple[e] {
            bytes.append(byte)
            return
        }
        if e == quote {
            bytes.append(UInt8(quote.value))
            return
        }
        let digits: Int, base: UInt32, maximum: UInt32
        var first: Unicode.Scalar? = e
        switch e {
        case "0"..."7": (digits, base, maximum) = (3, 8, 255)
        case "x": (digits, base, maximum) = (2, 16, 255); first = nil
        case "u": (digits, base, maximum) = (4, 16, 0x10FFFF); first = nil
        case "U": (digits, base, maximum) = (8, 16, 0x10FFFF); first = nil
        default:
            throw NotationError(offset: escapeStart, message: "unknown escape sequence \(codePoint(e))")
        }
        var value: UInt32 = 0
        for _ in 0..<digits {
            let d: Unicode.Scalar
            if let f = first {
                d = f
                first = nil
            } else {
                guard let next = scanner.peek else {
                    throw NotationError(offset: escapeStart, message: "escape sequence not terminated")
                }
                scanner.advance()
                d = next
            }
            guard let digit = hexValue(d), digit < base else {
                throw NotationError(offset: escapeStart, message: "illegal character \(codePoint(d)) in escape sequence")
            }
            value = value * base + digit
        }
        guard value <= maximum, !(0xD800..<0xE000).contains(value) else {
            throw NotationError(offset: escapeStart, message: "escape sequence is an invalid Unicode code point")
        }
        if e == "u" || e == "U" {
            bytes.append(contentsOf: Array(String(Character(Unicode.Scalar(value)!)).utf8))
        } else {
            // `\x` and octal escapes are single bytes, as in Go: "\xc3\xa9" is é.
            bytes.append(UInt8(value))
        }
    }

    /// Words PromQL's lexer turns into tokens that its grammar does not accept as a metric name.
    static let reservedWords: Set<String> = ["bool", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan"]

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c)
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": c.value - 0x30
        case "a"..."f": c.value - 0x61 + 10
        case "A"..."F": c.value - 0x41 + 10
        default: nil
        }
    }

    /// `U+0071 'q'`, as Go's `%#U` prints a rune.
    private static func codePoint(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " '\(c)'"
    }

    static func describe(_ c: Unicode.Scalar) -> String {
        c == "'" ? "\"'\"" : "'\(c.escaped(asASCII: false))'"
    }

    private static func describeOperator(_ scanner: Scanner) -> String {
        guard let c = scanner.peek else { return "end of input" }
        if c == "!" || c == "=", let next = scanner.peek(at: 1), next == "=" || next == "~" {
            return "\"\(c)\(next)\""
        }
        return describe(c)
    }
}

extension MetricNotation {
    /// A cursor over Unicode scalars; positions count scalars, as YAML columns do.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        private(set) var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        func peek(at distance: Int) -> Unicode.Scalar? {
            position + distance < scalars.count ? scalars[position + distance] : nil
        }

        mutating func advance() { position += 1 }

        mutating func skipSpaces() {
            while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        }

        mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
            var out = String.UnicodeScalarView()
            while let c = peek, predicate(c) {
                out.append(c)
                position += 1
            }
            return String(out)
        }
    }
}
