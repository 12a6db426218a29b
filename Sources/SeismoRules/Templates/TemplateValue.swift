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
    /// What `args` returns (a `map[string]interface {}`): `arg0`, `arg1`… holding the values as they were.
    case arguments([String: TemplateValue])
    /// A `*time.Time` from `toTime`, ns since the epoch (UTC, whole milliseconds).
    case time(Int64)
    /// A `*time.Duration` from `toDuration`, ns.
    case duration(Int64)
    /// A `time.Month` (1...12) or `time.Weekday` (0 Sunday ... 6), from a time's `.Month` and `.Weekday`: integers
    /// to compare and to `printf "%d"`, printed by name (their `String` methods).
    case month(Int64)
    case weekday(Int64)
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
        // Inside a map Go prints each value as `print` does (a sample's address; its value stands in again).
        case .arguments(let map): "map[" + map.keys.sorted().map { "\($0):\(map[$0]!.printed)" }.joined(separator: " ") + "]"
        // Both print with their `String` methods, through the pointer.
        case .time(let nanoseconds): GoTime.text(ofTime: nanoseconds)
        case .duration(let nanoseconds): GoTime.text(ofDuration: nanoseconds)
        case .month(let month): (1...12).contains(month) ? GoTimeLayout.monthNames[Int(month - 1)] : "%!Month(\(month))"
        case .weekday(let day): (0...6).contains(day) ? GoTimeLayout.weekdayNames[Int(day)] : "%!Weekday(\(day))"
        case .none: "<no value>"
        }
    }

    /// What `print`, `printf "%v"` and `println` show: `fmt.Sprint`, which unlike `{{ x }}` does not look
    /// through a pointer (a sample prints as `&{map[…] 1}`).
    var printed: String {
        switch self {
        case .sample(let sample): "&" + sample.text
        // A nil interface, such as a missing key of an `args` map: `fmt.Sprint(nil)`.
        case .none: "<nil>"
        default: text
        }
    }

    /// Go's truth in `if`, `with`, `and`, `or`, `not`: false, 0, "", an empty map and nil are false.
    var isTrue: Bool {
        switch self {
        case .string(let s): !s.isEmpty
        case .int(let i): i != 0
        case .float(let v): v != 0
        case .bool(let b): b
        case .map(let m): !m.isEmpty
        case .data, .sample, .time, .duration: true
        case .month(let value), .weekday(let value): value != 0
        case .samples(let samples): !samples.isEmpty
        case .arguments(let map): !map.isEmpty
        case .none: false
        }
    }

    /// Go's name of the type a pointer points to, which `len` names (it looks through pointers).
    var indirectTypeName: String {
        switch self {
        case .sample: "template.sample"
        case .time: "time.Time"
        case .duration: "time.Duration"
        default: typeName
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
        case .data: "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }"
        case .sample: "*template.sample"
        case .samples: "template.queryResult"
        case .arguments: "map[string]interface {}"
        case .time: "*time.Time"
        case .duration: "*time.Duration"
        case .month: "time.Month"
        case .weekday: "time.Weekday"
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
            case "ExternalURL": return .string(d.externalURL)
            case "Value": return .float(d.value)
            default: throw TemplateError("can't evaluate field \(name) in type template.tmplData")
            }
        case .sample(let sample):
            switch name {
            case "Labels": return .map(sample.labels)
            case "Value": return .float(sample.value)
            default: throw TemplateError("can't evaluate field \(name) in type \(typeName)")
            }
        case .arguments(let map): return map[name] ?? .none
        case .time(let nanoseconds):
            if let value = Self.method(name, ofTime: nanoseconds) { return value }
            throw TemplateError("can't evaluate field \(name) in type \(typeName)")
        case .duration(let nanoseconds):
            if let value = Self.method(name, ofDuration: nanoseconds) { return value }
            throw TemplateError("can't evaluate field \(name) in type \(typeName)")
        case .none: return .none
        default: throw TemplateError("can't evaluate field \(name) in type \(typeName)")
        }
    }

    /// The methods of `time.Time` that take no argument, which templates call as fields (`.Unix`, `.Year`,
    /// `.Month`).
    private static func method(_ name: String, ofTime nanoseconds: Int64) -> TemplateValue? {
        let (seconds, fraction) = GoTime.split(nanoseconds)
        let civil = CivilTime(unixSeconds: seconds)
        switch name {
        case "Unix": return .int(seconds)
        case "UnixMilli": return .int(nanoseconds / 1_000_000)
        case "UnixMicro": return .int(nanoseconds / 1_000)
        case "UnixNano": return .int(nanoseconds)
        case "Year": return .int(civil.year)
        case "Month": return .month(civil.month)
        case "Day": return .int(civil.day)
        case "Weekday": return .weekday(civil.weekday)
        case "YearDay": return .int(GoTimeLayout.yearDay(civil))
        case "Hour": return .int(civil.hour)
        case "Minute": return .int(civil.minute)
        case "Second": return .int((seconds % 60 + 60) % 60)
        case "Nanosecond": return .int(fraction)
        case "IsZero": return .bool(false)
        case "UTC": return .time(nanoseconds)
        case "String": return .string(GoTime.text(ofTime: nanoseconds))
        default: return nil
        }
    }

    /// The methods of `time.Duration` that take no argument: `.Seconds`, `.Minutes`, `.Hours` (float64),
    /// `.Milliseconds`, `.Microseconds`, `.Nanoseconds` (int64), `.String`.
    private static func method(_ name: String, ofDuration nanoseconds: Int64) -> TemplateValue? {
        func float(_ unit: Int64) -> TemplateValue {
            .float(Double(nanoseconds / unit) + Double(nanoseconds % unit) / Double(unit))
        }
        switch name {
        case "Hours": return float(3_600_000_000_000)
        case "Minutes": return float(60_000_000_000)
        case "Seconds": return float(1_000_000_000)
        case "Milliseconds": return .int(nanoseconds / 1_000_000)
        case "Microseconds": return .int(nanoseconds / 1_000)
        case "Nanoseconds": return .int(nanoseconds)
        case "String": return .string(GoTime.text(ofDuration: nanoseconds))
        default: return nil
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
        // `%T` of a nil interface.
        case .none: throw TemplateError("can't convert <nil> to float")
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
    /// The call's arguments do not fit the function (their number or types): Go finds this before calling, and
    /// reports it at the function's name rather than the whole command, without `error calling`.
    var isArgumentError = false

    init(_ message: String) {
        self.message = message
    }

    /// An error about a call's arguments (`isArgumentError`).
    static func arguments(_ message: String) -> TemplateError {
        var error = TemplateError(message)
        error.isArgumentError = true
        return error
    }

    /// `wrong number of args for <name>: want <want> got <got>`, an argument error.
    static func arity(_ name: String, want: String, got: Int) -> TemplateError {
        arguments("wrong number of args for \(name): want \(want) got \(got)")
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
