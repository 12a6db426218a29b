import Synchronization

/// A label-matching regular expression, compiled once and matched against whole values.
///
/// Prometheus uses RE2 and anchors every pattern at both ends with `.` matching newlines (`^(?s:pattern)$`).
/// Seismo compiles the pattern with Swift `Regex` the same way: wrapped in `(?s:…)`, matched with
/// `wholeMatch`, on Unicode scalars rather than grapheme clusters (RE2 matches code points). RE2's one-letter
/// class shorthand `\pL` is rewritten to `\p{L}`. Constructs RE2 refuses, and which Swift would otherwise
/// accept, are refused too: lookahead and lookbehind, backreferences, atomic groups and possessive quantifiers.
///
/// Equality and hashing use the pattern text only.
public struct PromQLRegex: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written, without the implicit anchors.
    public let pattern: String
    private let compiled: CompiledRegex

    /// Why a pattern was refused.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "invalid regular expression \"\(pattern)\": \(reason)" }
    }

    /// Compiles `pattern`. Throws when Swift `Regex` cannot compile it or RE2 would not accept it.
    public init(_ pattern: String) throws(SyntaxError) {
        if let reason = Self.unsupportedConstruct(in: pattern) {
            throw SyntaxError(pattern: pattern, reason: reason)
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex("(?s:" + Self.rewritingClassShorthands(pattern) + ")")
        } catch {
            throw SyntaxError(pattern: pattern, reason: String(describing: error))
        }
        self.pattern = pattern
        self.compiled = CompiledRegex(regex.matchingSemantics(.unicodeScalar))
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        compiled.storage.withLock { (try? $0.wholeMatch(in: value)) != nil }
    }

    /// One group of a match: its name when it has one, and the text it took (nil when it took no part).
    public struct Capture: Hashable, Sendable {
        public var name: String?
        public var value: String?
    }

    /// The groups of a whole match of `value`, group 0 being the whole value, or nil when it does not match.
    /// This is what `label_replace` expands `$1` and `${name}` from.
    public func captures(in value: String) -> [Capture]? {
        compiled.storage.withLock { regex -> [Capture]? in
            guard let match = try? regex.wholeMatch(in: value) else { return nil }
            return match.output.map { Capture(name: $0.name, value: $0.substring.map(String.init)) }
        }
    }

    public static func == (lhs: PromQLRegex, rhs: PromQLRegex) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
    public var description: String { pattern }

    /// The first construct RE2 would reject, described the way Go's `regexp` does, or nil.
    static func unsupportedConstruct(in pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var i = 0
        var inClass = false
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if c == "\\" {
                if let next, !inClass {
                    if ("1"..."9").contains(next) { return "backreferences are not supported: `\\\(next)`" }
                    if next == "k" || next == "g" { return "backreferences are not supported: `\\\(next)`" }
                }
                // `\p{Name}` is one unit: skip to its closing brace so the brace is not read as a repetition.
                if next == "p" || next == "P", i + 2 < scalars.count, scalars[i + 2] == "{" {
                    i += 3
                    while i < scalars.count, scalars[i] != "}" { i += 1 }
                    i += 1
                    continue
                }
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                // A `]` right after `[` or `[^` is a literal member, not the end of the class.
                if next == "^" { i += 1 }
                if i + 1 < scalars.count, scalars[i + 1] == "]" { i += 1 }
            case "(" where next == "?":
                let rest = String(String.UnicodeScalarView(scalars[(i + 2)...].prefix(2)))
                if rest.hasPrefix("=") || rest.hasPrefix("!") || rest == "<=" || rest == "<!" {
                    return "lookaround assertions are not supported: `(?\(rest.hasPrefix("<") ? rest : String(rest.prefix(1)))`"
                }
                if rest.hasPrefix(">") { return "atomic groups are not supported: `(?>`" }
            case "*", "+", "?":
                if next == "+" { return "possessive quantifiers are not supported: `\(c)+`" }
            case "{":
                // A `{n}`, `{n,}` or `{n,m}` repetition: RE2 caps counts at 1000 and has no possessive form.
                var j = i + 1
                var counts: [Int] = [0]
                var digits = 0
                while j < scalars.count, scalars[j] == "," || ("0"..."9").contains(scalars[j]) {
                    if scalars[j] == "," {
                        counts.append(0)
                    } else {
                        counts[counts.count - 1] = min(counts[counts.count - 1] * 10 + Int(scalars[j].value - 48), 100_000)
                        digits += 1
                    }
                    j += 1
                }
                guard j < scalars.count, scalars[j] == "}", digits > 0, counts.count <= 2 else { break }
                if counts.contains(where: { $0 > 1000 }) {
                    return "invalid repeat count: `\(String(String.UnicodeScalarView(scalars[i...j])))`"
                }
                if j + 1 < scalars.count, scalars[j + 1] == "+" { return "possessive quantifiers are not supported: `}+`" }
                i = j
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// Rewrites RE2's `\pL` / `\PL` (one-letter class names without braces) to the braced form Swift accepts.
    static func rewritingClassShorthands(_ pattern: String) -> String {
        guard pattern.contains("\\p") || pattern.contains("\\P") else { return pattern }
        let scalars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\\", i + 1 < scalars.count {
                let kind = scalars[i + 1]
                if (kind == "p" || kind == "P"), i + 2 < scalars.count, scalars[i + 2] != "{" {
                    out.append(contentsOf: ["\\", kind, "{", scalars[i + 2], "}"])
                    i += 3
                    continue
                }
                out.append(scalars[i])
                out.append(scalars[i + 1])
                i += 2
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}

/// Holds the compiled `Regex`, which is not `Sendable`, behind a lock so expressions can cross threads.
/// Rules are evaluated on one thread, so the lock is uncontended in practice.
final class CompiledRegex: Sendable {
    let storage: Mutex<Regex<AnyRegexOutput>>

    init(_ regex: sending Regex<AnyRegexOutput>) {
        storage = Mutex(regex)
    }
}
