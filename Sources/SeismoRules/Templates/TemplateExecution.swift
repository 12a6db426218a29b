/// Runs a parsed `GoTemplate` over one alert's data, as `text/template` executes: variables scoped to the
/// control structure that declares them, dot rebound by `with` and `range`, the previous command's value passed
/// as the last argument of the next.
struct TemplateExecution {
    typealias Node = GoTemplate.Node

    private(set) var output = ""
    private var variables: [(name: String, value: TemplateValue)]
    /// What the template's `query` calls run against.
    private let query: AlertTemplate.Query?
    /// The alert and what the expansion knows beside it, which functions such as `now` read.
    private let data: AlertTemplate.Data

    /// What a `{{break}}` or `{{continue}}` asks of the enclosing `range`.
    enum LoopControl {
        case breakLoop
        case continueLoop
    }

    /// Prometheus's variables, as its expander declares them before the rule's text.
    init(data: AlertTemplate.Data, query: AlertTemplate.Query?) {
        self.query = query
        self.data = data
        variables = [
            ("$", .data(data)),
            ("$labels", .map(data.labels)),
            ("$externalLabels", .map(data.externalLabels)),
            ("$externalURL", .string(data.externalURL)),
            ("$value", .float(data.value)),
        ]
    }

    mutating func run(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) -> LoopControl? {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .action(let pipeline):
                let value = try evaluate(pipeline, dot: dot)
                if pipeline.variables.isEmpty { output += value.text }
            case .conditional(let conditional):
                let mark = variables.count
                let value = try evaluate(conditional.pipeline, dot: dot)
                let control = value.isTrue
                    ? try run(conditional.body, dot: conditional.isWith ? value : dot)
                    : try run(conditional.otherwise, dot: dot)
                variables.removeLast(variables.count - mark)
                if let control { return control }
            case .range(let range):
                let mark = variables.count
                let control = try run(range, dot: dot)
                variables.removeLast(variables.count - mark)
                if let control { return control }
            case .breakLoop:
                return .breakLoop
            case .continueLoop:
                return .continueLoop
            }
        }
        return nil
    }

    /// A `range`: its pipeline's elements (a map's values in key order, a query result's samples with their
    /// indices, or 0..<n for an int), each with the declared variables (`$v`, or `$k, $v`) and as dot.
    private mutating func run(_ range: GoTemplate.Range, dot: TemplateValue) throws(TemplateError) -> LoopControl? {
        let over = try commands(range.pipeline.commands, dot: dot)
        let elements: [(key: TemplateValue, value: TemplateValue)]
        switch over {
        case .map(let map): elements = map.keys.sorted().map { (.string($0), .string(map[$0]!)) }
        case .arguments(let map): elements = map.keys.sorted().map { (.string($0), map[$0]!) }
        case .samples(let samples): elements = samples.enumerated().map { (.int(Int64($0.offset)), .sample($0.element)) }
        case .int(let count): elements = (0..<max(count, 0)).map { (.int($0), .int($0)) }
        case .none: elements = []
        default: throw TemplateError("range can't iterate over \(over.text)")
        }
        guard !elements.isEmpty else { return try run(range.otherwise, dot: dot) }
        let names = range.pipeline.variables
        guard names.count <= 2 else { throw TemplateError("too many declarations in range") }
        let mark = variables.count
        for element in elements {
            variables.removeLast(variables.count - mark)
            if names.count == 1 { try bind(names[0], element.value, declare: !range.pipeline.isAssignment) }
            if names.count == 2 {
                try bind(names[0], element.key, declare: !range.pipeline.isAssignment)
                try bind(names[1], element.value, declare: !range.pipeline.isAssignment)
            }
            let control = try run(range.body, dot: element.value)
            if control == .breakLoop { break }
        }
        return nil
    }

    /// A pipeline's value, after declaring (`:=`) or assigning (`=`) its variables.
    private mutating func evaluate(_ pipeline: GoTemplate.Pipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        let value = try commands(pipeline.commands, dot: dot)
        for name in pipeline.variables { try bind(name, value, declare: !pipeline.isAssignment) }
        return value
    }

    private mutating func bind(_ name: String, _ value: TemplateValue, declare: Bool) throws(TemplateError) {
        if declare {
            variables.append((name, value))
            return
        }
        guard let index = variables.lastIndex(where: { $0.name == name }) else {
            throw TemplateError("undefined variable: \(name)")
        }
        variables[index].value = value
    }

    private mutating func commands(_ commands: [GoTemplate.Command], dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in commands {
            value = try self.command(command, dot: dot, piped: value)
        }
        return value ?? .none
    }

    /// A command's value; an error is tagged with the innermost command it happened in, for Prometheus's message
    /// (an error about a call's arguments with just the function's name, which starts the command, as Go does).
    private mutating func command(
        _ command: GoTemplate.Command, dot: TemplateValue, piped: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        do {
            return try evaluate(command.operands, dot: dot, piped: piped)
        } catch {
            var error = error
            if error.location == nil {
                if error.isArgumentError, case .function(let name) = command.operands[0] {
                    error.location = (command.position, name)
                } else {
                    error.location = (command.position, command.text)
                }
            }
            throw error
        }
    }

    private mutating func evaluate(
        _ operands: [GoTemplate.Operand], dot: TemplateValue, piped: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        if case .function(let name) = operands[0] {
            let arguments = try self.arguments(operands.dropFirst(), piped: piped, dot: dot)
            return try TemplateFunctions.call(name, arguments, data: data, query: query)
        }
        guard operands.count == 1, piped == nil else {
            // A method with arguments at the end of a field chain: `(toTime $value).Format "2006-01-02"`.
            if let (base, fields) = try fieldChain(operands[0], dot: dot), fields.last == "Format",
               case .time(let nanoseconds) = try read(fields.dropLast(), of: base) {
                let arguments = try self.arguments(operands.dropFirst(), piped: piped, dot: dot)
                guard arguments.count == 1 else {
                    throw TemplateError("wrong number of args for Format: want 1 got \(arguments.count)")
                }
                guard case .string(let layout) = arguments[0] else {
                    throw TemplateError("wrong type for value; expected string; got \(arguments[0].typeName)")
                }
                return .string(GoTimeLayout.format(nanoseconds, layout: layout))
            }
            throw TemplateError("can't give argument to non-function \(describe(operands[0]))")
        }
        return try value(of: operands[0], dot: dot)
    }

    /// A call's arguments: the operands' values, then the piped value.
    private mutating func arguments(
        _ operands: ArraySlice<GoTemplate.Operand>, piped: TemplateValue?, dot: TemplateValue
    ) throws(TemplateError) -> [TemplateValue] {
        var arguments: [TemplateValue] = []
        for operand in operands { arguments.append(try value(of: operand, dot: dot)) }
        if let piped { arguments.append(piped) }
        return arguments
    }

    /// For a field chain (`.x.y`, `$v.x`, `(…).x`), the value its fields are read on and the fields; nil for a
    /// function or a constant.
    private mutating func fieldChain(
        _ operand: GoTemplate.Operand, dot: TemplateValue
    ) throws(TemplateError) -> (base: TemplateValue, fields: [String])? {
        switch operand {
        case .dot(let fields):
            return (dot, fields)
        case .variable(let name, let fields):
            guard let entry = variables.last(where: { $0.name == name }) else {
                throw TemplateError("undefined variable \"\(name)\"")
            }
            return (entry.value, fields)
        case .pipeline(let pipeline, let fields):
            return (try commands(pipeline.commands, dot: dot), fields)
        case .function, .constant:
            return nil
        }
    }

    private mutating func value(of operand: GoTemplate.Operand, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        switch operand {
        case .function(let name):
            return try TemplateFunctions.call(name, [], data: data, query: query)
        case .constant(let value, _):
            return value
        case .dot, .variable, .pipeline:
            let (base, fields) = try fieldChain(operand, dot: dot)!
            return try read(fields, of: base)
        }
    }

    private func read(_ fields: some Sequence<String>, of value: TemplateValue) throws(TemplateError) -> TemplateValue {
        var current = value
        for field in fields { current = try current.field(field) }
        return current
    }

    private func describe(_ operand: GoTemplate.Operand) -> String {
        switch operand {
        case .function, .constant, .dot, .variable, .pipeline: operand.text
        }
    }
}
