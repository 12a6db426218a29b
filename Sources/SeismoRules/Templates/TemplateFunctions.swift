import Foundation
import SeismoCore

/// The functions alert templates can call, all of those Prometheus offers: Go's `text/template` built-ins
/// (`and or not eq ne lt le gt ge len index slice print printf println html js urlquery call`), Prometheus's
/// template functions that need no query (`humanize humanize1024 humanizeDuration humanizePercentage
/// humanizeTimestamp toUpper toLower title reReplaceAll match stripPort stripDomain parseDuration safeHtml`), those
/// in `TemplateFunctions+Prometheus.swift` (`args graphLink tableLink externalURL pathPrefix toTime toDuration now
/// urlUnescape`) and its query functions (`query first label value strvalue sortByLabel`, in
/// `TemplateFunctions+Query.swift`).
///
/// `call` always fails, as templates here hold no function values; errors read as Go's.
enum TemplateFunctions {
    /// - Parameters:
    ///   - data: what the expansion sees beside the alert (`now`, `externalURL` and `pathPrefix` read it).
    ///   - query: what `query` runs against; without one, `query` fails.
    static func call(
        _ name: String, _ args: [TemplateValue], data: AlertTemplate.Data, query: AlertTemplate.Query? = nil
    ) throws(TemplateError) -> TemplateValue {
        if let function = QueryFunction(rawValue: name) { return try call(function, args, query: query) }
        func one() throws(TemplateError) -> TemplateValue {
            guard args.count == 1 else { throw .arity(name, want: "1", got: args.count) }
            return args[0]
        }
        func string(_ value: TemplateValue) throws(TemplateError) -> String {
            try text(Parameter.string.argument(value))
        }
        func two() throws(TemplateError) -> (TemplateValue, TemplateValue) {
            guard args.count == 2 else { throw .arity(name, want: "2", got: args.count) }
            return (args[0], args[1])
        }
        do throws(TemplateError) {
            if let value = try prometheus(name, args, data: data) { return value }
            switch name {
            // text/template built-ins
            case "and":
                guard !args.isEmpty else { throw .arity("and", want: "at least 1", got: 0) }
                return args.first { !$0.isTrue } ?? args.last!
            case "or":
                guard !args.isEmpty else { throw .arity("or", want: "at least 1", got: 0) }
                return args.first { $0.isTrue } ?? args.last!
            case "not": return .bool(!(try one()).isTrue)
            case "eq":
                guard args.count >= 2 else { throw TemplateError("missing argument for comparison") }
                for other in args.dropFirst() where try equal(args[0], other) { return .bool(true) }
                return .bool(false)
            case "ne":
                let (a, b) = try two()
                return .bool(!(try equal(a, b)))
            case "lt":
                let (a, b) = try two()
                return .bool(try less(a, b))
            case "le":
                let (a, b) = try two()
                let below = try less(a, b)
                let same = try equal(a, b)
                return .bool(below || same)
            case "gt":
                let (a, b) = try two()
                let below = try less(a, b)
                let same = try equal(a, b)
                return .bool(!(below || same))
            case "ge":
                let (a, b) = try two()
                return .bool(!(try less(a, b)))
            case "len":
                switch try one() {
                case .string(let s): return .int(Int64(s.utf8.count))
                case .map(let m): return .int(Int64(m.count))
                case .samples(let samples): return .int(Int64(samples.count))
                case .arguments(let map): return .int(Int64(map.count))
                // Go's `len` looks through a pointer before it names the type.
                case let other: throw TemplateError("len of type \(other.indirectTypeName)")
                }
            case "index":
                if args.count == 2, case .samples(let samples) = args[0] {
                    guard case .int(let i) = args[1] else { throw TemplateError("cannot index slice/array with type \(args[1].typeName)") }
                    guard samples.indices.contains(Int(i)) else { throw TemplateError("index out of range: \(i)") }
                    return .sample(samples[Int(i)])
                }
                if args.count == 2, case .arguments(let map) = args[0], case .string(let key) = args[1] {
                    return map[key] ?? .none
                }
                guard args.count == 2, case .map(let map) = args[0] else { throw TemplateError("index needs a map and a key") }
                guard case .string(let key) = args[1] else { throw TemplateError("value has type \(args[1].typeName); should be string") }
                return .string(map[key] ?? "")
            case "slice":
                guard let item = args.first else { throw .arity("slice", want: "at least 1", got: 0) }
                return try slice(item, Array(args.dropFirst()))
            case "print": return .string(sprint(args, \.printed))
            case "println": return .string(args.map(\.printed).joined(separator: " ") + "\n")
            case "printf":
                guard let format = args.first else { throw .arity("printf", want: "at least 1", got: 0) }
                return .string(try printf(try string(format), Array(args.dropFirst())))
            case "html": return .string(htmlEscape(evalArgs(args)))
            case "js": return .string(GoEscaping.js(evalArgs(args)))
            case "urlquery": return .string(GoEscaping.queryEscape(evalArgs(args)))
            case "call":
                // Go's `call` needs a function value, which nothing in these templates is.
                guard let function = args.first else { throw .arity("call", want: "at least 1", got: 0) }
                if case .none = function { throw TemplateError("call of nil") }
                throw TemplateError("non-function of type \(function.typeName)")

            // Prometheus
            case "humanize": return .string(GoFormat.humanize(try one().number()))
            case "humanize1024": return .string(GoFormat.humanize1024(try one().number()))
            case "humanizeDuration": return .string(GoFormat.humanizeDuration(try one().number()))
            case "humanizePercentage": return .string(GoFormat.humanizePercentage(try one().number()))
            case "humanizeTimestamp":
                let seconds = try one().number()
                guard seconds.isFinite else { return .string(GoFormat.g4(seconds)) }
                return .string(GoTime.text(ofTime: try time(seconds: seconds)))
            case "toUpper": return .string(try string(try one()).uppercased())
            case "toLower": return .string(try string(try one()).lowercased())
            case "title": return .string(title(try string(try one())))
            case "safeHtml": return .string(try string(try one()))
            case "reReplaceAll":
                guard args.count == 3 else { throw .arity("reReplaceAll", want: "3", got: args.count) }
                return .string(try replaceAll(try string(args[0]), try string(args[1]), try string(args[2])))
            case "match":
                let (pattern, text) = try two()
                let compiled = try regex(try string(pattern))
                let subject = try string(text)
                return .bool((try? compiled.firstMatch(in: subject)) != nil)
            case "stripPort":
                let hostPort = try string(try one())
                return .string(splitHostPort(hostPort)?.host ?? hostPort)
            case "stripDomain":
                let hostPort = try string(try one())
                let (host, port) = splitHostPort(hostPort) ?? (hostPort, "")
                if isIPAddress(host) { return .string(hostPort) }
                let short = String(host.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
                if port.isEmpty { return .string(short) }
                return .string(short.contains(":") ? "[\(short)]:\(port)" : "\(short):\(port)")
            case "parseDuration":
                let text = try string(try one())
                do {
                    return .float(Double(try PromDuration.nanoseconds(text)) / 1e9)
                } catch {
                    throw TemplateError("not a valid duration string: \"\(text)\"")
                }
            default:
                throw TemplateError("function \"\(name)\" not defined")
            }
        } catch {
            if error.isArgumentError { throw error }
            throw TemplateError("error calling \(name): \(error.message)")
        }
    }

    /// Go's `slice item 1 2`: `item[1:2]` of a string (by bytes) or a query's result; `slice x` is `x[:]`,
    /// `slice x 1` is `x[1:]`, and a result takes a third index (capacity) as well.
    private static func slice(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(TemplateError) -> TemplateValue {
        if case .none = item { throw TemplateError("slice of untyped nil") }
        guard indexes.count <= 3 else { throw TemplateError("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item {
        case .string(let text):
            guard indexes.count < 3 else { throw TemplateError("cannot 3-index slice a string") }
            count = text.utf8.count
        case .samples(let samples): count = samples.count
        // Unlike `len`, Go's `slice` names a pointer's type as it is.
        default: throw TemplateError("can't slice item of type \(item.typeName)")
        }
        // A query's result has as much capacity as length, so the bounds are the length for both.
        var bounds = [0, count, count]
        for (i, index) in indexes.enumerated() {
            switch index {
            case .int(let value):
                guard value >= 0, value <= count else { throw TemplateError("index out of range: \(value)") }
                bounds[i] = Int(value)
            case .none: throw TemplateError("cannot index slice/array with nil")
            default: throw TemplateError("cannot index slice/array with type \(index.typeName)")
            }
        }
        guard bounds[0] <= bounds[1] else { throw TemplateError("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3, bounds[1] > bounds[2] {
            throw TemplateError("invalid slice index: \(bounds[1]) > \(bounds[2])")
        }
        switch item {
        // Go slices bytes and may cut a character; Swift keeps U+FFFD for what is left of it.
        case .string(let text): return .string(String(decoding: Array(text.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .samples(let samples): return .samples(Array(samples[bounds[0]..<bounds[1]]))
        default: preconditionFailure("TemplateFunctions.slice: \(item.typeName) passed the type check")
        }
    }

    /// A `string` argument's text (its type already checked).
    private static func text(_ value: TemplateValue) -> String {
        guard case .string(let text) = value else { preconditionFailure("TemplateFunctions: \(value.typeName) is not a string") }
        return text
    }

    // MARK: Comparisons (Go's `eq` and `lt`)

    private enum Kind {
        case bool, integer, float, string
    }

    private static func kind(_ value: TemplateValue) throws(TemplateError) -> Kind {
        switch value {
        case .bool: return .bool
        case .int, .month, .weekday: return .integer
        case .float: return .float
        case .string: return .string
        default: throw TemplateError("invalid type for comparison")
        }
    }

    private static func equal(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateError) -> Bool {
        if case .none = a { if case .none = b { return true } }
        switch (a, b) {
        // Go compares pointers, and every `toTime`, `toDuration` or `first` makes a new one.
        case (.time, .time), (.duration, .duration), (.sample, .sample): return false
        default: break
        }
        guard try kind(a) == kind(b) else { throw TemplateError("incompatible types for comparison") }
        if let x = integer(a), let y = integer(b) { return x == y }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        default: return false
        }
    }

    private static func less(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateError) -> Bool {
        guard try kind(a) == kind(b) else { throw TemplateError("incompatible types for comparison") }
        if let x = integer(a), let y = integer(b) { return x < y }
        switch (a, b) {
        case (.float(let x), .float(let y)): return x < y
        // Go compares strings byte-wise.
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: throw TemplateError("invalid type for comparison")
        }
    }

    /// The value of an operand of Go's integer kind: an `int`, or a `time.Month` or `time.Weekday`, which Go
    /// compares as the integers they are.
    private static func integer(_ value: TemplateValue) -> Int64? {
        switch value {
        case .int(let v), .month(let v), .weekday(let v): v
        default: nil
        }
    }

    // MARK: Text

    /// `fmt.Sprint`: operands' texts, with a space between two operands when neither is a string.
    private static func sprint(_ args: [TemplateValue], _ text: (TemplateValue) -> String) -> String {
        var out = ""
        for (i, arg) in args.enumerated() {
            if i > 0, !isString(arg), !isString(args[i - 1]) { out += " " }
            out += text(arg)
        }
        return out
    }

    /// `text/template`'s `evalArgs`, what `html`, `js` and `urlquery` escape: a lone string as it is, otherwise
    /// `fmt.Sprint` of the operands as `{{ }}` prints them (through pointers, nil as `<no value>`).
    private static func evalArgs(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let text) = args[0] { return text }
        // Go turns nil into the string `<no value>` first, which then takes no spaces around it.
        return sprint(args.map { if case .none = $0 { .string($0.text) } else { $0 } }, \.text)
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// `strings.Title`: the first letter of each word upper-cased, the rest left alone.
    private static func title(_ text: String) -> String {
        var out = ""
        var previousIsSeparator = true
        for scalar in text.unicodeScalars {
            let isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
            if previousIsSeparator && isWordCharacter {
                out += String(scalar).uppercased()
            } else {
                out.unicodeScalars.append(scalar)
            }
            previousIsSeparator = !isWordCharacter
        }
        return out
    }

    private static func htmlEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: Regular expressions

    private static func regex(_ pattern: String) throws(TemplateError) -> Regex<AnyRegexOutput> {
        if let reason = PromQLRegex.unsupportedConstruct(in: pattern) {
            throw TemplateError("error parsing regexp: \(reason)")
        }
        do {
            return try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw TemplateError("error parsing regexp: \(error)")
        }
    }

    /// Go's `Regexp.ReplaceAllString`: every non-overlapping match replaced, `$1` / `${name}` expanded.
    private static func replaceAll(_ pattern: String, _ replacement: String, _ text: String) throws(TemplateError) -> String {
        let regex = try regex(pattern)
        let template = ReplacementTemplate(template: replacement)
        var out = ""
        var last = text.startIndex
        for match in text.matches(of: regex) {
            out += text[last..<match.range.lowerBound]
            out += template.expand(match.output.map { PromQLRegex.Capture(name: $0.name, value: $0.substring.map(String.init)) })
            last = match.range.upperBound
        }
        return out + text[last...]
    }

    // MARK: Hosts

    /// Go's `net.SplitHostPort` for `host:port` and `[v6]:port`; nil when there is no port.
    private static func splitHostPort(_ text: String) -> (host: String, port: String)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            return (String(text[text.index(after: text.startIndex)..<close]), String(text[text.index(close, offsetBy: 2)...]))
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private static func isIPAddress(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) { return true }
        return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    // MARK: printf

    /// Go's `printf` for the verbs templates use: `%s %v %d %f %e %g %q %t %x %%`, with flags, width and
    /// precision; a verb that does not fit its operand prints as Go does (`%!d(string=x)`).
    static func printf(_ format: String, _ args: [TemplateValue]) throws(TemplateError) -> String {
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
            guard i < chars.endIndex else {
                out += "%!(NOVERB)"
                chars = chars[i...]
                break
            }
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
            // Only for a verb that does not fit the argument: printing a float Go's way is not cheap.
            var bad: String { "%!\(verb)(\(arg.typeName)=\(arg.printed))" }
            switch (verb, arg) {
            // Times and durations print with their `String` methods for the verbs that take a Stringer.
            case ("v", _), ("s", .string), ("s", .time), ("s", .duration), ("s", .month), ("s", .weekday):
                out += spec == "%" ? arg.printed : String(format: spec + "@", arg.printed as NSString)
            case ("q", .time), ("q", .duration), ("q", .month), ("q", .weekday):
                out += GoEscaping.quote(arg.text)
            // A Stringer's text in hex, as Go formats it for %x.
            case ("x", .month), ("x", .weekday), ("X", .month), ("X", .weekday):
                let digits = arg.text.utf8.map { CFormat.format("%02ll" + String(verb), Int64($0)) }.joined()
                out += digits
            case ("d", .month(let v)), ("d", .weekday(let v)):
                out += CFormat.format(spec + "lld", v)
            case ("q", .string(let s)):
                out += "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case ("t", .bool(let b)):
                out += b ? "true" : "false"
            case ("d", .int(let v)):
                out += CFormat.format(spec + "lld", v)
            case ("x", .int(let v)), ("X", .int(let v)):
                out += CFormat.format(spec + "ll" + String(verb), v)
            case ("f", .float(let v)), ("e", .float(let v)), ("g", .float(let v)),
                ("F", .float(let v)), ("E", .float(let v)), ("G", .float(let v)):
                out += v.isFinite ? CFormat.format(spec + String(verb), v) : (v.isNaN ? "NaN" : v < 0 ? "-Inf" : "+Inf")
            case ("f", .int), ("e", .int), ("g", .int), ("d", .float):
                out += bad
            default:
                out += bad
            }
        }
        if next < args.count {
            out += "%!(EXTRA " + args[next...].map { "\($0.typeName)=\($0.printed)" }.joined(separator: ", ") + ")"
        }
        return out + chars
    }
}
