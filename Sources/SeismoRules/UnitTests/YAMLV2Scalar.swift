/// How Go's yaml.v2 (the YAML library promtool reads test files with) types a plain scalar, for the few
/// fields where the type matters: a float (`exp_samples.value`) and a bool (`fuzzy_compare`).
///
/// yaml.v2 follows YAML 1.1 with Go's number syntax, so `0x10`, `0o10`, `010` (octal) and `1_000` are numbers,
/// `.inf` and `.nan` are, but `Inf`, `NaN` and `1e400` are strings.
enum YAMLV2Scalar {
    /// The number a plain scalar reads as, or nil when yaml.v2 would read a string (or a bool, or null).
    static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        guard let first = text.unicodeScalars.first else { return nil }
        if first == "." { return goFloat(text) }
        guard first == "+" || first == "-" || ("0"..."9").contains(first) else { return nil }
        let plain = String(text.filter { $0 != "_" })
        if let integer = goInteger(plain) { return integer }
        if isYAMLFloat(plain), let value = goFloat(plain) { return value }
        return nil
    }

    /// yaml.v2's booleans.
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": true
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": false
        default: nil
        }
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` for large positives, as a Double.
    private static func goInteger(_ text: String) -> Double? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        let lower = digits.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            // Go's ParseInt gives integer 0 for "-0": positive zero.
            return magnitude == 0 ? 0 : -Double(magnitude)
        }
        return Double(magnitude)
    }

    /// yaml.v2's float pattern: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func isYAMLFloat(_ text: String) -> Bool {
        var s = Substring(text)
        if let c = s.first, c == "+" || c == "-" { s = s.dropFirst() }
        let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
        if s.first == "." {
            s = s.dropFirst()
            guard let c = s.first, isDigit(c) else { return false }
            s = s.drop(while: isDigit)
        } else {
            guard let c = s.first, isDigit(c) else { return false }
            s = s.drop(while: isDigit)
            if s.first == "." { s = s.dropFirst().drop(while: isDigit) }
        }
        if let e = s.first, e == "e" || e == "E" {
            s = s.dropFirst()
            if let c = s.first, c == "+" || c == "-" { s = s.dropFirst() }
            guard let c = s.first, isDigit(c) else { return false }
            s = s.drop(while: isDigit)
        }
        return s.isEmpty
    }

    /// Go's `strconv.ParseFloat` on a decimal float, which fails on overflow rather than giving infinity.
    private static func goFloat(_ text: String) -> Double? {
        guard isYAMLFloat(text) else { return nil }
        var normalized = text
        if let dot = normalized.firstIndex(of: ".") {
            let after = normalized.index(after: dot)
            if after == normalized.endIndex || !("0"..."9").contains(normalized[after]) {
                normalized.insert("0", at: after)
            }
        }
        if normalized.hasPrefix(".") { normalized = "0" + normalized }
        if normalized.hasPrefix("-.") || normalized.hasPrefix("+.") {
            normalized.insert("0", at: normalized.index(after: normalized.startIndex))
        }
        guard let value = Double(normalized), value.isFinite else { return nil }
        return value
    }
}
