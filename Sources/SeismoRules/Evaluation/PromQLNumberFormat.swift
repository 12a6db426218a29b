/// Numbers printed the way Prometheus prints them into label values (`count_values`): Go's
/// `strconv.FormatFloat(v, 'f', -1, 64)`, the shortest digits that read back exactly, never in exponent form.
enum PromQLNumberFormat {
    static func labelValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        let sign = value.sign == .minus ? "-" : ""
        // Swift's description already has the shortest round-trip digits; only the layout differs.
        let text = Swift.abs(value).description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for ch in mantissa {
            if ch == "." { seenPoint = true; continue }
            digits.append(ch)
            if !seenPoint { pointPosition += 1 }
        }
        pointPosition += exponent
        var integerPart: String
        var fractionPart: String
        if pointPosition <= 0 {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            integerPart = digits + String(repeating: "0", count: pointPosition - digits.count)
            fractionPart = ""
        } else {
            integerPart = String(digits.prefix(pointPosition))
            fractionPart = String(digits.dropFirst(pointPosition))
        }
        while integerPart.count > 1, integerPart.hasPrefix("0") { integerPart.removeFirst() }
        while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        return sign + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
    }
}
