extension TemplateFunctions {
    /// Prometheus's query functions, with their Go parameter types: `query "expr"` runs an instant query,
    /// `first` takes a result's first sample, `label "name" sample`, `value sample` and `strvalue sample` read
    /// one, `sortByLabel "name" samples` sorts a result stably by a label's value.
    enum QueryFunction: String {
        case query, first, label, value, strvalue, sortByLabel

        /// Go's type of each parameter, which arguments are checked against before the call.
        var parameters: [Parameter] {
            switch self {
            case .query: [.string]
            case .first: [.queryResult]
            case .label: [.string, .sample]
            case .value, .strvalue: [.sample]
            case .sortByLabel: [.string, .queryResult]
            }
        }
    }

    enum Parameter: String {
        case string = "string"
        case sample = "*template.sample"
        case queryResult = "template.queryResult"

        /// The argument as the function receives it: Go's `nil` becomes a nil pointer or an empty result, as
        /// `text/template` passes the zero value of the parameter's type.
        ///
        /// - Throws: an argument error (`TemplateError.isArgumentError`) when the value does not fit.
        func argument(_ value: TemplateValue) throws(TemplateError) -> TemplateValue {
            switch (self, value) {
            case (.string, .string), (.sample, .sample), (.queryResult, .samples), (.sample, .none): return value
            case (.queryResult, .none): return .samples([])
            case (.string, .none): throw .arguments("invalid value; expected string")
            default: throw .arguments("wrong type for value; expected \(rawValue); got \(value.typeName)")
            }
        }
    }

    /// The arguments of a call to `name`, which takes `parameters`, as the function receives them; checked as
    /// `text/template` checks them before the call.
    ///
    /// - Throws: an argument error for a wrong count or a value that does not fit its parameter.
    static func arguments(
        _ name: String, _ args: [TemplateValue], _ parameters: [Parameter]
    ) throws(TemplateError) -> [TemplateValue] {
        guard args.count == parameters.count else { throw .arity(name, want: "\(parameters.count)", got: args.count) }
        var values: [TemplateValue] = []
        for (parameter, arg) in zip(parameters, args) { values.append(try parameter.argument(arg)) }
        return values
    }

    /// Calls `function`, checking the arguments first as `text/template` does (those errors name no function);
    /// what the function itself fails with reads `error calling <name>: …`.
    static func call(
        _ function: QueryFunction, _ args: [TemplateValue], query: AlertTemplate.Query?
    ) throws(TemplateError) -> TemplateValue {
        let values = try arguments(function.rawValue, args, function.parameters)
        // The arguments now have their parameters' types, which these read without checking again.
        func text(_ i: Int) -> String {
            guard case .string(let text) = values[i] else { preconditionFailure("TemplateFunctions: argument \(i) is not a string") }
            return text
        }
        func samples(_ i: Int) -> [TemplateValue.Sample] {
            guard case .samples(let samples) = values[i] else { preconditionFailure("TemplateFunctions: argument \(i) is not a result") }
            return samples
        }
        do throws(TemplateError) {
            switch function {
            case .query:
                guard let query else { throw TemplateError("queries are not available where this template is expanded") }
                return .samples(try query.samples(text(0)))
            case .first:
                guard let first = samples(0).first else { throw TemplateError("first() called on vector with no elements") }
                return .sample(first)
            case .label:
                return .string(try sample(values[1]).labels[text(0)] ?? "")
            case .value:
                return .float(try sample(values[0]).value)
            case .strvalue:
                return .string(try sample(values[0]).labels["__value__"] ?? "")
            case .sortByLabel:
                let name = text(0)
                // Stable, comparing the values' bytes as Go does; a missing label sorts as "".
                return .samples(samples(1).enumerated().sorted { a, b in
                    let x = a.element.labels[name] ?? "", y = b.element.labels[name] ?? ""
                    return x == y ? a.offset < b.offset : x.utf8.lexicographicallyPrecedes(y.utf8)
                }.map(\.element))
            }
        } catch {
            throw TemplateError("error calling \(function.rawValue): \(error.message)")
        }
    }

    /// The sample a `*template.sample` argument points to; Go's nil pointer fails as dereferencing it does.
    private static func sample(_ value: TemplateValue) throws(TemplateError) -> TemplateValue.Sample {
        guard case .sample(let sample) = value else {
            throw TemplateError("runtime error: invalid memory address or nil pointer dereference")
        }
        return sample
    }
}
