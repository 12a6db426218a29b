/// A value inside an alert template, with Go's kinds where they matter: `text/template` compares an `int`
/// constant with a `float64` as an error, so `gt $value 80` fails as in Prometheus and `gt $value 80.0` works.
enum TemplateValue {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    /// A `map[string]string`: `$labels`, `$externalLabels`.
    case map([String: String])
    /// The template's data (the dot at the top): `.Labels`, `.Value`, `.ExternalLabels`, `.ExternalURL`.
    case data(AlertTemplate.Data)
    /// One sample of a query's result (Prometheus's `*template.sample`): `.Labels`, `.Value`.
    case sample(Sample)
    /// A query's result (Prometheus's `template.queryResult`), in the order the query returned it.
    case samples([Sample])
    /// No value (Go's nil).
    case none

    /// What `{{ x }}` prints: Go's `fmt.Sprint`.
    var text: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .float(let v): GoFormat.value(v)
        case .bool(let b): b ? "true" : "false"
        case .map(let m): "map[" + m.keys.sorted().map { "\($0):\(m[$0]!)" }.joined(separator: " ") + "]"
        case .data(let d):
            "{" + [TemplateValue.map(d.labels).text, TemplateValue.map(d.externalLabels).text, "", GoFormat.value(d.value)]
                .joined(separator: " ") + "}"
        case .sample(let sample): sample.text
        // Go prints the samples' addresses here; their values are the deterministic stand-in.
        case .samples(let samples): "[" + samples.map { "&" + $0.text }.joined(separator: " ") + "]"
        case .none: "<no value>"
        }
    }

    /// What `print`, `printf "%v"` and `println` show: `fmt.Sprint`, which unlike `{{ x }}` does not look
    /// through a pointer (a sample prints as `&{map[…] 1}`).
    var printed: String {
        if case .sample(let sample) = self { return "&" + sample.text }
        return text
    }

    /// Go's truth in `if`, `with`, `and`, `or`, `not`: false, 0, "", an empty map and nil are false.
    var isTrue: Bool {
        switch self {
        case .string(let s): !s.isEmpty
        case .int(let i): i != 0
        case .float(let v): v != 0
        case .bool(let b): b
        case .map(let m): !m.isEmpty
        case .data, .sample: true
        case .samples(let samples): !samples.isEmpty
        case .none: false
        }
    }

    /// Go's name of the type, for messages.
    var typeName: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .float: "float64"
        case .bool: "bool"
        case .map: "map[string]string"
        case .data: "struct"
        case .sample: "*template.sample"
        case .samples: "template.queryResult"
        case .none: "nil"
        }
    }

    /// `.name` on this value: a map's entry ("" when missing, as Prometheus sets `missingkey=zero`) or a field of
    /// the data.
    func field(_ name: String) throws(TemplateError) -> TemplateValue {
        switch self {
        case .map(let m): return .string(m[name] ?? "")
        case .data(let d):
            switch name {
            case "Labels": return .map(d.labels)
            case "ExternalLabels": return .map(d.externalLabels)
            case "ExternalURL": return .string("")
            case "Value": return .float(d.value)
            default: throw TemplateError("can't evaluate field \(name) in type template.tmplData")
            }
        case .sample(let sample):
            switch name {
            case "Labels": return .map(sample.labels)
            case "Value": return .float(sample.value)
            default: throw TemplateError("can't evaluate field \(name) in type \(typeName)")
            }
        case .none: return .none
        default: throw TemplateError("can't evaluate field \(name) in type \(typeName)")
        }
    }

    /// Prometheus's `convertToFloat`: numbers, and strings that parse as one.
    func number() throws(TemplateError) -> Double {
        switch self {
        case .float(let v): return v
        case .int(let i): return Double(i)
        case .string(let s):
            guard let v = GoNumber.parseFloat(s) else {
                throw TemplateError("strconv.ParseFloat: parsing \"\(s)\": invalid syntax")
            }
            return v
        default: throw TemplateError("can't convert \(typeName) to float")
        }
    }
}

extension TemplateValue {
    /// A sample as Prometheus hands it to templates: its labels (`__name__` included) and its value.
    struct Sample: Sendable, Equatable {
        var labels: [String: String]
        var value: Double

        /// Go's `fmt.Sprint` of the struct: `{map[__name__:up job:api] 1}`.
        var text: String { "{" + TemplateValue.map(labels).text + " " + GoFormat.value(value) + "}" }
    }
}

/// Why a template could not be expanded; shown in the text as `<error expanding template: …>`.
struct TemplateError: Error, Sendable {
    var message: String
    /// For an error while executing: where the failing command starts (a UTF-8 byte offset in the template) and
    /// the command as Go prints it.
    var location: (position: Int, command: String)?

    init(_ message: String) {
        self.message = message
    }
}

/// Go's `strconv.ParseFloat` for the spellings templates meet: decimal and exponent forms, `Inf`, `NaN`.
enum GoNumber {
    static func parseFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard let first = text.unicodeScalars.first, first == "+" || first == "-" || first == "." || ("0"..."9").contains(first)
        else { return nil }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }
}
