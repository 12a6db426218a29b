extension TemplateFunctions {
    /// Prometheus's functions that read what the expansion knows beside the alert or make Go values:
    ///
    /// - `args 1 "x"`: a map `arg0`, `arg1`… of the arguments (to pass several values to a `with` or `range`).
    /// - `graphLink expr`, `tableLink expr`: `/graph?g0.expr=<expr, query-escaped>&g0.tab=0` (graph) or `1`
    ///   (table), as Prometheus builds them: without the external URL's path.
    /// - `externalURL`, `pathPrefix`: the external URL and its path; without one (`promtool test rules` sets
    ///   none), both fail as Prometheus does on its nil URL.
    /// - `toTime seconds`: a `*time.Time` (prints as `2026-01-01 00:00:00 +0000 UTC`, fields `.Unix`, `.Year`…).
    /// - `toDuration seconds`: a `*time.Duration` (prints as `1h2m3.5s`, fields `.Seconds`, `.Minutes`…).
    /// - `now`: the rule's evaluation time in seconds since the epoch, never the wall clock.
    /// - `urlUnescape text`: Go's `url.QueryUnescape`.
    ///
    /// - Returns: nil when `name` is none of these.
    /// - Throws: argument errors for what does not fit the parameters, and what the function fails with (which
    ///   the caller reads as `error calling <name>: …`).
    static func prometheus(
        _ name: String, _ args: [TemplateValue], data: AlertTemplate.Data
    ) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "args":
            var map: [String: TemplateValue] = [:]
            for (i, arg) in args.enumerated() { map["arg\(i)"] = arg }
            return .arguments(map)
        case "graphLink", "tableLink":
            let expression = try arguments(name, args, [.string])[0]
            guard case .string(let text) = expression else { preconditionFailure("graphLink: the argument is a string") }
            return .string("/graph?g0.expr=" + GoEscaping.queryEscape(text) + (name == "graphLink" ? "&g0.tab=0" : "&g0.tab=1"))
        case "externalURL", "pathPrefix":
            _ = try arguments(name, args, [])
            guard let url = data.configuredURL else {
                throw TemplateError("runtime error: invalid memory address or nil pointer dereference")
            }
            return .string(name == "externalURL" ? url.text : url.path)
        case "toTime":
            guard args.count == 1 else { throw .arity(name, want: "1", got: args.count) }
            return .time(try time(seconds: try args[0].number()))
        case "toDuration":
            guard args.count == 1 else { throw .arity(name, want: "1", got: args.count) }
            return .duration(GoTime.duration(seconds: try args[0].number()))
        case "now":
            _ = try arguments(name, args, [])
            // Prometheus's timestamp is in whole milliseconds.
            let milliseconds = data.time / 1_000_000 - (data.time % 1_000_000 < 0 ? 1 : 0)
            return .float(Double(milliseconds) / 1000)
        case "urlUnescape":
            let text = try arguments(name, args, [.string])[0]
            guard case .string(let escaped) = text else { preconditionFailure("urlUnescape: the argument is a string") }
            return .string(try GoEscaping.queryUnescape(escaped))
        default:
            return nil
        }
    }

    /// The time `seconds` after the epoch, ns, as Prometheus's `floatToTime` makes it (`toTime`,
    /// `humanizeTimestamp`).
    ///
    /// - Throws: `TemplateError` with Prometheus's text for NaN and ±Inf and for what overflows ns in an `int64`.
    static func time(seconds: Double) throws(TemplateError) -> Int64 {
        do throws(GoTime.Failure) {
            return try GoTime.time(seconds: seconds)
        } catch {
            switch error {
            case .notFinite: throw TemplateError("value is NaN or Inf")
            case .overflow:
                throw TemplateError("\(GoFormat.value(seconds)) cannot be represented as a nanoseconds timestamp since it overflows int64")
            }
        }
    }
}
