import SeismoCore
import Foundation

/// Expands the Go-template subset alert labels and annotations use in Prometheus rule files.
///
/// Supported: text with `{{ … }}` actions (and `{{-`/`-}}` trimming), the data `$labels.name`, `$value`,
/// `$externalLabels.name` (and `.Labels.name`, `.Value`, `.ExternalLabels.name`), string and number literals,
/// pipelines `a | f`, and the functions `humanize`, `humanize1024`, `humanizeDuration`, `humanizePercentage`,
/// `humanizeTimestamp`, `printf`, `index`, `toUpper`, `toLower`, `title`. Control structures (`if`, `range`,
/// `with`) are not; an action that cannot be expanded leaves `<error expanding template: …>` in the text, as
/// Prometheus does, rather than failing the rule.
public enum AlertTemplate {
    public struct Data: Sendable {
        public var labels: [String: String]
        public var value: Double
        public var externalLabels: [String: String]

        public init(labels: [String: String], value: Double, externalLabels: [String: String] = [:]) {
            self.labels = labels
            self.value = value
            self.externalLabels = externalLabels
        }
    }

    enum Value {
        case string(String)
        case number(Double)
        case map([String: String])

        var text: String {
            switch self {
            case .string(let s): s
            case .number(let v): GoFormat.value(v)
            case .map(let m): "map[" + m.keys.sorted().map { "\($0):\(m[$0]!)" }.joined(separator: " ") + "]"
            }
        }
    }

    struct Failure: Error {
        var message: String
    }

    /// The expanded text. Text without `{{` comes back unchanged.
    public static func expand(_ template: String, _ data: Data) -> String {
        guard template.contains("{{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            var before = rest[..<open.lowerBound]
            var inner = rest[open.upperBound...]
            if inner.hasPrefix("-") {
                before = Substring(String(before).trimmingTrailingWhitespace())
                inner = inner.dropFirst()
            }
            out += before
            guard let close = closing(in: inner) else {
                return out + "<error expanding template: unclosed action>"
            }
            var action = inner[..<close.lowerBound]
            var trimAfter = false
            if action.hasSuffix("-") {
                action = action.dropLast()
                trimAfter = true
            }
            do {
                out += try evaluate(String(action), data).text
            } catch {
                return out + "<error expanding template: \(error.message)>"
            }
            rest = inner[close.upperBound...]
            if trimAfter { rest = rest.drop(while: { $0.isWhitespace }) }
        }
        return out + rest
    }

    /// The `}}` that closes an action, skipping any inside quoted strings.
    private static func closing(in text: Substring) -> Range<Substring.Index>? {
        var quote: Character?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if c == "\\" && q != "`" {
                    i = text.index(after: i)
                } else if c == q {
                    quote = nil
                }
            } else if c == "\"" || c == "`" {
                quote = c
            } else if c == "}", text[i...].hasPrefix("}}") {
                return i..<text.index(i, offsetBy: 2)
            }
            if i < text.endIndex { i = text.index(after: i) }
        }
        return nil
    }

    private static func evaluate(_ action: String, _ data: Data) throws(Failure) -> Value {
        let commands = try split(action)
        guard !commands.isEmpty, !commands[0].isEmpty else { throw Failure(message: "empty action") }
        var value: Value?
        for command in commands {
            guard let head = command.first else { throw Failure(message: "empty command in pipeline") }
            var args = try command.dropFirst().map { (token: String) throws(Failure) -> Value in try term(token, data) }
            if let previous = value { args.append(previous) }
            if isFunction(head) {
                value = try call(head, args)
            } else {
                guard args.isEmpty else { throw Failure(message: "can't give argument to non-function \(head)") }
                value = try term(head, data)
            }
        }
        return value!
    }

    private static let functions: Set<String> = [
        "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "printf",
        "index", "toUpper", "toLower", "title",
    ]

    private static func isFunction(_ token: String) -> Bool { functions.contains(token) }

    private static func term(_ token: String, _ data: Data) throws(Failure) -> Value {
        func lookup(_ map: [String: String], _ key: Substring) -> Value { .string(map[String(key)] ?? "") }
        if token == "$value" || token == ".Value" { return .number(data.value) }
        if token == "$labels" || token == ".Labels" { return .map(data.labels) }
        if token == "$externalLabels" || token == ".ExternalLabels" { return .map(data.externalLabels) }
        for prefix in ["$labels.", ".Labels."] where token.hasPrefix(prefix) {
            return lookup(data.labels, token.dropFirst(prefix.count))
        }
        for prefix in ["$externalLabels.", ".ExternalLabels."] where token.hasPrefix(prefix) {
            return lookup(data.externalLabels, token.dropFirst(prefix.count))
        }
        if let first = token.first, first == "\"" || first == "`" {
            return .string(unquote(token))
        }
        if let number = Double(token) { return .number(number) }
        if isFunction(token) { throw Failure(message: "function \(token) used as a value") }
        throw Failure(message: "undefined variable or function \"\(token)\"")
    }

    private static func call(_ name: String, _ args: [Value]) throws(Failure) -> Value {
        func number(_ v: Value) throws(Failure) -> Double {
            switch v {
            case .number(let d): return d
            case .string(let s):
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else {
                    throw Failure(message: "can't convert \"\(s)\" to a number")
                }
                return d
            case .map: throw Failure(message: "can't convert a map to a number")
            }
        }
        func one() throws(Failure) -> Value {
            guard args.count == 1 else { throw Failure(message: "wrong number of args for \(name): want 1 got \(args.count)") }
            return args[0]
        }
        switch name {
        case "humanize": return .string(GoFormat.humanize(try number(try one())))
        case "humanize1024": return .string(GoFormat.humanize1024(try number(try one())))
        case "humanizeDuration": return .string(GoFormat.humanizeDuration(try number(try one())))
        case "humanizePercentage": return .string(GoFormat.humanizePercentage(try number(try one())))
        case "humanizeTimestamp":
            let seconds = try number(try one())
            guard seconds.isFinite else { return .string(GoFormat.g4(seconds)) }
            let text = Timestamp.rfc3339(Int64(seconds * 1e9))
            return .string(text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " +0000 UTC"))
        case "toUpper": return .string(try one().text.uppercased())
        case "toLower": return .string(try one().text.lowercased())
        case "title": return .string(try one().text.capitalized)
        case "index":
            guard args.count == 2, case .map(let map) = args[0] else { throw Failure(message: "index needs a map and a key") }
            return .string(map[args[1].text] ?? "")
        case "printf":
            guard let format = args.first else { throw Failure(message: "printf needs a format") }
            return .string(try printf(format.text, Array(args.dropFirst())))
        default: throw Failure(message: "unknown function \(name)")
        }
    }

    /// Go's `printf` for the verbs templates use: `%s %v %d %f %e %g %q %%`, with flags, width and precision.
    private static func printf(_ format: String, _ args: [Value]) throws(Failure) -> String {
        var out = ""
        var next = 0
        var chars = Substring(format)
        while let percent = chars.firstIndex(of: "%") {
            out += chars[..<percent]
            var spec = "%"
            var i = chars.index(after: percent)
            while i < chars.endIndex, "+-# 0123456789.".contains(chars[i]) {
                spec.append(chars[i])
                i = chars.index(after: i)
            }
            guard i < chars.endIndex else { throw Failure(message: "printf: incomplete verb") }
            let verb = chars[i]
            chars = chars[chars.index(after: i)...]
            if verb == "%" {
                out += "%"
                continue
            }
            guard next < args.count else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            let arg = args[next]
            next += 1
            switch verb {
            case "s", "v": out += spec == "%" ? arg.text : String(format: spec + "@", arg.text as NSString)
            case "q": out += "\"" + arg.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case "d":
                let v: Double
                switch arg { case .number(let d): v = d; default: v = Double(arg.text) ?? .nan }
                guard v.isFinite else { out += "%!d(\(arg.text))"; continue }
                out += String(format: spec + "lld", Int64(v))
            case "f", "e", "g", "F", "E", "G":
                let v: Double
                switch arg { case .number(let d): v = d; default: v = Double(arg.text) ?? .nan }
                out += v.isFinite ? String(format: spec + String(verb), v) : GoFormat.value(v)
            default: throw Failure(message: "printf: unsupported verb %\(verb)")
            }
        }
        return out + chars
    }

    /// Splits an action into pipeline commands, each into tokens; quoted strings stay one token.
    private static func split(_ action: String) throws(Failure) -> [[String]] {
        var commands: [[String]] = [[]]
        var token = ""
        var quote: Character?
        var escaped = false
        func endToken() {
            if !token.isEmpty { commands[commands.count - 1].append(token) }
            token = ""
        }
        for c in action {
            if let q = quote {
                token.append(c)
                if escaped { escaped = false; continue }
                if c == "\\" && q == "\"" { escaped = true; continue }
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "`":
                quote = c
                token.append(c)
            case "|":
                endToken()
                commands.append([])
            case " ", "\t", "\n", "\r", "(", ")":
                endToken()
            default:
                token.append(c)
            }
        }
        guard quote == nil else { throw Failure(message: "unterminated quoted string") }
        endToken()
        return commands
    }

    private static func unquote(_ token: String) -> String {
        guard token.count >= 2 else { return token }
        let body = token.dropFirst().dropLast()
        if token.first == "`" { return String(body) }
        var out = ""
        var escaped = false
        for c in body {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
