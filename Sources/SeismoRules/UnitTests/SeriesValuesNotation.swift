/// The expanding notation of `input_series.values`, exactly as promtool (Prometheus 2.42) reads it.
///
/// Items are separated by whitespace:
/// - a number: `3`, `-1.5`, `+2`, `1e3`, `.5`, `Inf`, `-Inf`, `NaN` (the words in any case). As in Go's
///   `strconv.ParseInt(s, 0, 64)`, an integer with a leading zero is octal (`010` is 8, `09` is 9);
///   hexadecimal and `_` digit separators are not numbers here;
/// - `stale`: a staleness marker;
/// - `_`: a missing sample;
/// - `axn`: `a` repeated n+1 times; `a+bxn` and `a-bxn`: n+1 values from `a`, adding `b` (or `-b`) each step
///   by repeated floating-point addition, as Prometheus does (`0.1+0.7x4` ends at 2.9000000000000004);
///   `stale+bxn` gives a stale marker then n NaNs;
/// - `_xn`: n missing samples (not n+1: a gap does not count its start).
public enum SeriesValuesNotation {
    /// At most this many steps per series, so a typo like `1x1000000000` is an error rather than an
    /// exhausted memory (promtool has no limit).
    public static let maximumSteps = 10_000_000

    /// Expands `text` into one value per step.
    ///
    /// - Throws: `NotationError` with the offset of the offending token, worded like promtool's parse errors.
    public static func expand(_ text: String) throws(NotationError) -> [SeriesValue] {
        let tokens = try tokenize(Array(text.unicodeScalars))
        var parser = ItemParser(tokens: tokens, end: text.unicodeScalars.count)
        return try parser.values()
    }

    // MARK: Tokens

    enum TokenKind: Equatable {
        case space, plus, minus, times, blank
        case number(String)
        case identifier(String)
        /// A PromQL keyword (`sum`, `by`, `bool`...): never valid among values.
        case keyword(String)
    }

    struct Token {
        var kind: TokenKind
        var offset: Int
    }

    /// Splits the text as Prometheus's lexer does in a series description's value sequence.
    static func tokenize(_ s: [Unicode.Scalar]) throws(NotationError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            let start = i
            switch c {
            case " ", "\t", "\n", "\r":
                while i < s.count, isSpace(s[i]) { i += 1 }
                tokens.append(Token(kind: .space, offset: start))
            case "+": i += 1; tokens.append(Token(kind: .plus, offset: start))
            case "-": i += 1; tokens.append(Token(kind: .minus, offset: start))
            case "x": i += 1; tokens.append(Token(kind: .times, offset: start))
            case "_": i += 1; tokens.append(Token(kind: .blank, offset: start))
            case _ where isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])):
                // digits [. digits] [e [+-] digits]; hexadecimal is off in series descriptions.
                while i < s.count, isDigit(s[i]) { i += 1 }
                if i < s.count, s[i] == "." {
                    i += 1
                    while i < s.count, isDigit(s[i]) { i += 1 }
                }
                if i < s.count, s[i] == "e" || s[i] == "E" {
                    i += 1
                    if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
                    while i < s.count, isDigit(s[i]) { i += 1 }
                }
                let text = string(s[start..<i])
                // A number must not run into letters, except the `x` of a repetition.
                if i < s.count, s[i] != "x", isAlphanumeric(s[i]) {
                    throw NotationError(offset: start, message: "bad number syntax: \"\(text)\"")
                }
                tokens.append(Token(kind: .number(text), offset: start))
            case _ where isAlpha(c):
                while i < s.count, isAlphanumeric(s[i]) || s[i] == ":" { i += 1 }
                let word = string(s[start..<i])
                let lower = word.lowercased()
                if lower == "inf" || lower == "nan" {
                    tokens.append(Token(kind: .number(word), offset: start))
                } else if keywords.contains(lower) {
                    tokens.append(Token(kind: .keyword(lower), offset: start))
                } else {
                    tokens.append(Token(kind: .identifier(word), offset: start))
                }
            default:
                throw NotationError(
                    offset: start,
                    message: "unexpected character in series sequence: \(MetricNotation.describe(c))"
                )
            }
        }
        return tokens
    }

    /// PromQL's keywords (Prometheus 2.42), which lex as their own tokens rather than identifiers.
    static let keywords: Set<String> = [
        "and", "or", "unless", "atan2", "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk",
        "bottomk", "count_values", "quantile", "offset", "by", "without", "on", "ignoring", "group_left",
        "group_right", "bool", "start", "end",
    ]

    // MARK: Items

    /// The grammar of promtool's `series_values`, over the tokens.
    struct ItemParser {
        let tokens: [Token]
        /// Offset of the end of the text, for "unexpected end of input".
        let end: Int
        var index = 0

        var current: Token? { index < tokens.count ? tokens[index] : nil }

        mutating func values() throws(NotationError) -> [SeriesValue] {
            var out: [SeriesValue] = []
            while let token = current {
                if token.kind == .space {
                    index += 1
                    continue
                }
                try item(into: &out)
                // Items are separated by whitespace; anything else right after an item is out of place.
                if let next = current, next.kind != .space {
                    throw unexpected(next)
                }
            }
            return out
        }

        private mutating func item(into out: inout [SeriesValue]) throws(NotationError) {
            guard let token = current else { throw endOfInput() }
            if token.kind == .blank {
                index += 1
                guard current?.kind == .times else {
                    out.append(.missing)
                    return
                }
                index += 1
                let count = try repetitions()
                try reserve(count, in: out, at: token)
                out.append(contentsOf: repeatElement(.missing, count: count))
                return
            }
            var value = try seriesValue()
            guard let next = current, next.kind != .space else {
                out.append(value)
                return
            }
            var step = 0.0
            switch next.kind {
            case .times:
                index += 1
            case .plus, .minus:
                step = try signedNumber()
                guard current?.kind == .times else {
                    if let after = current, after.kind != .space { throw unexpected(after) }
                    throw endOfInput()
                }
                index += 1
            default:
                throw unexpected(next)
            }
            let count = try repetitions()
            try reserve(count + 1, in: out, at: token)
            for _ in 0...count {
                out.append(value)
                value = value.adding(step)
            }
        }

        /// `stale`, a number, or a signed number.
        private mutating func seriesValue() throws(NotationError) -> SeriesValue {
            guard let token = current else { throw endOfInput() }
            switch token.kind {
            case .identifier(let word):
                guard word == "stale" else {
                    throw NotationError(
                        offset: token.offset,
                        message: "unexpected identifier \"\(word)\" in series values, expected number or \"stale\""
                    )
                }
                index += 1
                return .stale
            case .number(let text):
                index += 1
                return .number(try number(text, at: token.offset))
            case .plus, .minus:
                return .number(try signedNumber())
            default:
                throw unexpected(token)
            }
        }

        /// `+n` or `-n`.
        private mutating func signedNumber() throws(NotationError) -> Double {
            guard let sign = current else { throw endOfInput() }
            let negative = sign.kind == .minus
            index += 1
            guard let token = current else { throw endOfInput() }
            guard case .number(let text) = token.kind else { throw unexpected(token) }
            index += 1
            let value = try number(text, at: token.offset)
            return negative ? -value : value
        }

        /// The unsigned decimal count after `x`.
        private mutating func repetitions() throws(NotationError) -> Int {
            guard let token = current else { throw endOfInput() }
            guard case .number(let text) = token.kind else { throw unexpected(token) }
            index += 1
            guard !text.isEmpty, text.unicodeScalars.allSatisfy(isDigit), let count = UInt64(text) else {
                throw NotationError(
                    offset: token.offset,
                    message: "invalid repetition in series values: \"\(text)\" is not an unsigned integer"
                )
            }
            guard count < UInt64(SeriesValuesNotation.maximumSteps) else {
                throw NotationError(
                    offset: token.offset,
                    message: "repetition \(text) is larger than the limit of \(SeriesValuesNotation.maximumSteps) steps"
                )
            }
            return Int(count)
        }

        private func reserve(_ count: Int, in out: [SeriesValue], at token: Token) throws(NotationError) {
            if out.count + count > SeriesValuesNotation.maximumSteps {
                throw NotationError(
                    offset: token.offset,
                    message: "series has more than \(SeriesValuesNotation.maximumSteps) steps"
                )
            }
        }

        private func endOfInput() -> NotationError {
            NotationError(offset: end, message: "unexpected end of input in series values")
        }

        private func unexpected(_ token: Token) -> NotationError {
            let what: String
            switch token.kind {
            case .space: what = "\" \""
            case .plus: what = "\"+\""
            case .minus: what = "\"-\""
            case .times: what = "\"x\""
            case .blank: what = "\"_\""
            case .number(let text): what = "number \"\(text)\""
            case .identifier(let word): what = "identifier \"\(word)\""
            case .keyword(let word): what = "<\(word)>"
            }
            return NotationError(offset: token.offset, message: "unexpected \(what) in series values")
        }
    }

    /// A number token's value as promtool computes it: `strconv.ParseInt(s, 0, 64)` first (so a leading zero
    /// means octal), then `strconv.ParseFloat`, which rejects values too large for a Double.
    static func number(_ text: String, at offset: Int) throws(NotationError) -> Double {
        let lower = text.lowercased()
        if lower == "inf" { return .infinity }
        if lower == "nan" { return .nan }
        let digitsOnly = text.unicodeScalars.allSatisfy(isDigit)
        if digitsOnly, text.count > 1, text.hasPrefix("0"), text.unicodeScalars.allSatisfy({ $0 <= "7" }),
           let octal = Int64(text.dropFirst(), radix: 8) {
            return Double(octal)
        }
        // Decimal integers and decimal floats read the same through Double's correctly rounded parser.
        var mantissa = text
        var exponent = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = String(text[text.index(after: e)...])
            let expDigits = exponent.drop(while: { $0 == "+" || $0 == "-" })
            guard !expDigits.isEmpty else {
                throw NotationError(offset: offset, message: "error parsing number: \"\(text)\" is not a number")
            }
        }
        if mantissa.hasSuffix(".") { mantissa += "0" }
        if mantissa.hasPrefix(".") { mantissa = "0" + mantissa }
        let normalized = exponent.isEmpty ? mantissa : mantissa + "e" + exponent
        guard let value = Double(normalized) else {
            throw NotationError(offset: offset, message: "error parsing number: \"\(text)\" is not a number")
        }
        guard value.isFinite else {
            throw NotationError(offset: offset, message: "error parsing number: \"\(text)\" is out of range")
        }
        return value
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    static func isAlpha(_ c: Unicode.Scalar) -> Bool { MetricNotation.isIdentifierStart(c) }
    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { MetricNotation.isIdentifierPart(c) }
}

extension SeriesValue {
    /// The next value of an `a+bxn` run. A stale marker plus anything is an ordinary NaN, as in Prometheus,
    /// where the marker is a signalling NaN whose payload the addition does not keep.
    fileprivate func adding(_ step: Double) -> SeriesValue {
        switch self {
        case .missing: .missing
        case .stale: .number(.nan)
        case .number(let value): .number(value + step)
        }
    }
}
