/// Go's escapers that alert templates reach: `text/template`'s `js`, `net/url`'s `QueryEscape` (`urlquery`,
/// `graphLink`, `tableLink`) and `QueryUnescape` (`urlUnescape`), and `strconv.Quote` for their messages.
enum GoEscaping {
    /// Go's `template.JSEscapeString`: `\ ' "` backslash-escaped, `< > & =` and control characters as `\uXXXX`,
    /// other Unicode kept unless Go does not count it printable (`\u2028` stays escaped).
    static func js(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<", ">", "&", "=": out += "\\u00" + hex(UInt8(scalar.value))
            case _ where scalar.value < 0x20: out += "\\u00" + hex(UInt8(scalar.value))
            case _ where scalar.value < 0x80 || isPrintable(scalar): out.unicodeScalars.append(scalar)
            default:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            }
        }
        return out
    }

    /// Go's `url.QueryEscape`: bytes other than letters, digits and `-_.~` as `%XX`, a space as `+`.
    static func queryEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): out += "+"
            default: out += "%" + hex(byte)
            }
        }
        return out
    }

    /// Go's `url.QueryUnescape`: `%XX` decoded, `+` as a space.
    ///
    /// - Throws: `TemplateError` with Go's text (`invalid URL escape "%zz"`) for a `%` not followed by two hex
    ///   digits.
    static func queryUnescape(_ text: String) throws(TemplateError) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    let escape = String(decoding: bytes[i..<min(i + 3, bytes.count)], as: UTF8.self)
                    throw TemplateError("invalid URL escape " + quote(escape))
                }
                out.append(high << 4 | low)
                i += 3
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
                i += 1
            default:
                out.append(bytes[i])
                i += 1
            }
        }
        // Go keeps bytes that are not UTF-8 as they are; a Swift string holds U+FFFD in their place.
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.Quote` for the texts in messages: `"…"` with `\"`, `\\`, and control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\x" + hex(UInt8(scalar.value)).lowercased()
            case _ where scalar.value < 0x80 || isPrintable(scalar): out.unicodeScalars.append(scalar)
            default:
                let digits = String(scalar.value, radix: 16)
                out += scalar.value > 0xFFFF
                    ? "\\U" + String(repeating: "0", count: 8 - digits.count) + digits
                    : "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            }
        }
        return out + "\""
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
