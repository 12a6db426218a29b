/// The replacement of `label_replace`, expanded as Go's `Regexp.Expand` does: `$1`, `${1}`, `$name`,
/// `${name}` insert a group's text (nothing when the group did not take part or does not exist), `$$` is a
/// dollar sign, and a `$` that starts no valid reference stays as it is.
///
/// A bare reference takes the longest run of letters, digits and `_`, so `$1x` means the group named `1x`,
/// not group 1 followed by `x`; write `${1}x` for that.
struct ReplacementTemplate {
    let template: String

    func expand(_ captures: [PromQLRegex.Capture]) -> String {
        var out = ""
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
                continue
            }
            guard let (name, remainder) = Self.reference(in: rest) else {
                out += "$"
                continue
            }
            rest = remainder
            if let number = Self.groupNumber(name) {
                if number < captures.count, let text = captures[number].value { out += text }
            } else if let capture = captures.first(where: { $0.name == name }), let text = capture.value {
                out += text
            }
        }
        out += rest
        return out
    }

    /// The name after a `$` and the text after the reference, or nil when none is there.
    private static func reference(in text: Substring) -> (name: String, rest: Substring)? {
        var rest = text
        let braced = rest.first == "{"
        if braced { rest = rest.dropFirst() }
        let end = rest.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) ?? rest.endIndex
        guard end > rest.startIndex else { return nil }
        let name = String(rest[..<end])
        rest = rest[end...]
        if braced {
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        return (name, rest)
    }

    /// The group number a name spells: ASCII digits without a leading zero, below 10^8.
    private static func groupNumber(_ name: String) -> Int? {
        guard name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if name.utf8.count > 1, name.hasPrefix("0") { return nil }
        guard name.utf8.count <= 8, let number = Int(name) else { return nil }
        return number
    }
}
