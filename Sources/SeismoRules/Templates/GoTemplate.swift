/// A Go `text/template` parsed for execution: the subset Prometheus alert labels and annotations use.
///
/// Text and `{{ … }}` actions (with `{{-`/`-}}` trimming and `{{/* comments */}}`); pipelines `a | f b` and
/// parenthesized pipelines; variables (`$x := …`, `$x = …`, Prometheus's `$labels`, `$value`,
/// `$externalLabels`, `$externalURL`); fields on maps, samples and the data (`.Labels.host`, `$labels.host`);
/// the control structures `if` / `else if` / `else`, `with` / `else with`, `range` over a map or a query's
/// result (with `$k, $v :=`, `else`, `break`, `continue`); and the functions in `TemplateFunctions`. `define`,
/// `template` and `block` are not supported (Prometheus alert templates cannot share definitions anyway).
struct GoTemplate: Sendable {
    /// A structured part of a template.
    indirect enum Node: Sendable {
        case text(String)
        /// Prints the pipeline's value, unless the pipeline declares or assigns variables.
        case action(Pipeline)
        case conditional(Conditional)
        case range(Range)
        case breakLoop
        case continueLoop
    }

    /// `if` or `with`: `body` when the pipeline's value is true (with `with`, run with the value as dot),
    /// otherwise `otherwise` (which holds a chained `else if` / `else with` as one node).
    struct Conditional: Sendable {
        var isWith: Bool
        var pipeline: Pipeline
        var body: [Node]
        var otherwise: [Node]
    }

    /// `range`: `body` once per element (a map's values in key order, a result's samples in order), `otherwise`
    /// when there are none.
    struct Range: Sendable {
        var pipeline: Pipeline
        var body: [Node]
        var otherwise: [Node]
    }

    /// `$a, $b := cmd | cmd …`.
    struct Pipeline: Sendable {
        var variables: [String] = []
        /// `=` rather than `:=`.
        var isAssignment = false
        var commands: [Command] = []

        /// As Go prints a pipeline node: `$x := a b | c`.
        var text: String {
            (variables.isEmpty ? "" : variables.joined(separator: ", ") + (isAssignment ? " = " : " := "))
                + commands.map(\.text).joined(separator: " | ")
        }
    }

    /// One command of a pipeline, with where it starts (a UTF-8 byte offset in the template) for error messages.
    struct Command: Sendable {
        var operands: [Operand]
        var position: Int

        /// As Go prints a command node (`gt $value 1`), which its error messages quote.
        var text: String { operands.map(\.text).joined(separator: " ") }
    }

    /// One argument of a command, with the fields read from it (`$labels.host` is `$labels` then `host`).
    indirect enum Operand: Sendable {
        case function(String)
        case variable(String, fields: [String])
        /// `.`, or `.a.b` (fields of dot).
        case dot(fields: [String])
        /// A literal, with its text as written.
        case constant(TemplateValue, text: String)
        case pipeline(Pipeline, fields: [String])

        var text: String {
            switch self {
            case .function(let name): name
            case .variable(let name, let fields): ([name] + fields).joined(separator: ".")
            case .dot(let fields): fields.isEmpty ? "." : fields.map { "." + $0 }.joined()
            case .constant(_, let text): text
            case .pipeline(let pipeline, let fields): "(" + pipeline.text + ")" + fields.map { "." + $0 }.joined()
            }
        }
    }

    let nodes: [Node]

    /// Parses `text`.
    ///
    /// - Throws: `TemplateError` for what does not parse (which `seismo check` reports earlier, with positions).
    init(parsing text: String) throws(TemplateError) {
        var parser = TemplateParser(items: try TemplateLexer.items(of: text))
        nodes = try parser.parseTemplate()
    }

    /// The expanded text for `data`, with `query` for the template's `query` calls.
    ///
    /// - Throws: `TemplateError` when an action cannot be evaluated (an unknown field, a bad comparison, a
    ///   failed query…).
    func execute(_ data: AlertTemplate.Data, query: AlertTemplate.Query? = nil) throws(TemplateError) -> String {
        var execution = TemplateExecution(data: data, query: query)
        _ = try execution.run(nodes, dot: .data(data))
        return execution.output
    }
}
