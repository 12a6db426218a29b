import SeismoCore
import Yams

/// Turns the YAML node tree of one rule file into the model, recording every problem with its position instead of
/// stopping at the first.
///
/// The typed accessors (`string`, `duration`, `labelMap`…) return nil after recording a problem, so a caller builds
/// what it can and the file's result is usable only when no error was recorded. A null value (`key:` or `key: ~`)
/// counts as absent, as in Prometheus.
struct RuleFileReader {
    let path: String
    let source: ScalarSourceMap
    private(set) var diagnostics: [RuleFileDiagnostic] = []

    init(path: String, text: String) {
        self.path = path
        self.source = ScalarSourceMap(text: text)
    }

    // MARK: Problems

    mutating func error(_ message: String, at position: RuleFilePosition?) {
        diagnostics.append(RuleFileDiagnostic(file: path, position: position, message: message))
    }

    mutating func warning(_ message: String, at position: RuleFilePosition?) {
        diagnostics.append(RuleFileDiagnostic(file: path, position: position, severity: .warning, message: message))
    }

    static func position(_ node: Node) -> RuleFilePosition {
        node.mark.map { RuleFilePosition(line: $0.line, column: $0.column) } ?? RuleFilePosition(line: 1, column: 1)
    }

    // MARK: Mappings

    /// A mapping's entries by key, in written order, after merge keys (`<<: *anchor`) were expanded.
    struct Fields {
        var entries: [(name: String, key: Node, value: Node)] = []
        var position: RuleFilePosition

        subscript(_ name: String) -> Node? {
            guard let value = entries.first(where: { $0.name == name })?.value else { return nil }
            return value.isNull ? nil : value
        }

        /// The position of the key `name`, or of the mapping when absent.
        func keyPosition(_ name: String) -> RuleFilePosition {
            entries.first(where: { $0.name == name }).map { RuleFileReader.position($0.key) } ?? position
        }
    }

    /// The fields of a mapping node, each key checked against `known`. An unknown key is an error (as in
    /// Prometheus, which rejects them), with a suggestion when it is a near miss of a known one.
    mutating func fields(of node: Node, in type: String, known: [String], context: String = "") -> Fields? {
        guard case .mapping(let mapping) = node else {
            error("\(context)expected \(type) as a mapping, got \(Self.describe(node))", at: Self.position(node))
            return nil
        }
        var fields = Fields(position: Self.position(node))
        var merged: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error("\(context)expected a field name, got \(Self.describe(key))", at: Self.position(key))
                continue
            }
            if scalar.string == "<<", scalar.style == .plain {
                // Merge keys: the anchored mapping's fields, unless the mapping itself sets them.
                let sources: [Node] = if case .sequence(let list) = value { Array(list) } else { [value] }
                for source in sources {
                    guard case .mapping(let other) = source else {
                        error("\(context)a merge key (<<) needs a mapping, got \(Self.describe(source))", at: Self.position(source))
                        continue
                    }
                    for (k, v) in other {
                        if case .scalar(let s) = k { merged.append((s.string, k, v)) }
                    }
                }
                continue
            }
            fields.entries.append((scalar.string, key, value))
        }
        for entry in merged where !fields.entries.contains(where: { $0.name == entry.name }) {
            fields.entries.append(entry)
        }
        for entry in fields.entries where !known.contains(entry.name) {
            var message = "\(context)field \(entry.name) not found in \(type)"
            if let suggestion = Self.nearest(entry.name, in: known) { message += " (did you mean \(suggestion)?)" }
            error(message, at: Self.position(entry.key))
        }
        return fields
    }

    /// The element nodes of a list; nil (after an error) for anything but a list or null.
    mutating func list(_ node: Node?, field: String, context: String = "") -> [Node] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let sequence) = node else {
            error("\(context)field \(field): expected a list, got \(Self.describe(node))", at: Self.position(node))
            return []
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// Any scalar as text (Prometheus reads `expr: 1` as the string "1"); nil when absent or not a scalar.
    mutating func string(_ node: Node?, field: String, context: String = "") -> String? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let scalar) = node else {
            error("\(context)field \(field): expected a string, got \(Self.describe(node))", at: Self.position(node))
            return nil
        }
        return scalar.string
    }

    /// A duration in Prometheus notation, in ns.
    mutating func duration(_ node: Node?, field: String, context: String = "") -> Int64? {
        guard let node, let text = string(node, field: field, context: context) else { return nil }
        do {
            return try PromDuration.nanoseconds(text)
        } catch {
            self.error("\(context)field \(field): \(error)", at: Self.position(node))
            return nil
        }
    }

    /// An integer (a YAML int, not a quoted string).
    mutating func integer(_ node: Node?, field: String, context: String = "") -> Int? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let scalar) = node, node.tagName == .int, let value = Int.construct(from: scalar) else {
            error("\(context)field \(field): expected an integer, got \(Self.describe(node))", at: Self.position(node))
            return nil
        }
        return value
    }

    /// A finite number (a YAML int or float).
    mutating func number(_ node: Node?, field: String, context: String = "") -> Double? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let scalar) = node, node.tagName == .int || node.tagName == .float,
            let value = Double.construct(from: scalar), value.isFinite
        else {
            error("\(context)field \(field): expected a finite number, got \(Self.describe(node))", at: Self.position(node))
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node?, field: String, context: String = "") -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let scalar) = node, node.tagName == .bool, let value = Bool.construct(from: scalar) else {
            error("\(context)field \(field): expected true or false, got \(Self.describe(node))", at: Self.position(node))
            return nil
        }
        return value
    }

    /// A list of label names.
    mutating func labelNames(_ node: Node?, field: String, context: String = "") -> [String]? {
        guard let node, !node.isNull else { return nil }
        var names: [String] = []
        for element in list(node, field: field, context: context) {
            guard let name = string(element, field: field, context: context) else { continue }
            if !PrometheusNames.isValidLabelName(name) || name == "__name__" {
                error("\(context)invalid label name: \(name)", at: Self.position(element))
            } else if names.contains(name) {
                error("\(context)label \(name) is listed twice in \(field)", at: Self.position(element))
            } else {
                names.append(name)
            }
        }
        return names
    }

    /// A mapping of names to strings (`labels:`, `annotations:`), names checked as label names.
    ///
    /// - Parameter kind: `label` or `annotation`, for messages.
    mutating func nameValueMap(_ node: Node?, field: String, kind: String, context: String = "") -> [(name: String, key: Node, value: Node, text: String)] {
        guard let node, !node.isNull else { return [] }
        guard case .mapping(let mapping) = node else {
            error("\(context)field \(field): expected a mapping of names to strings, got \(Self.describe(node))", at: Self.position(node))
            return []
        }
        var out: [(name: String, key: Node, value: Node, text: String)] = []
        for (key, value) in mapping {
            guard let name = string(key, field: field, context: context) else { continue }
            if !PrometheusNames.isValidLabelName(name) || (kind == "label" && name == "__name__") {
                error("\(context)invalid \(kind) name: \(name)", at: Self.position(key))
                continue
            }
            if value.isNull {
                out.append((name, key, value, ""))
            } else if let text = string(value, field: "\(field).\(name)", context: context) {
                out.append((name, key, value, text))
            }
        }
        return out
    }

    /// `nameValueMap` as a dictionary.
    mutating func labelMap(_ node: Node?, field: String, kind: String = "label", context: String = "") -> [String: String] {
        Dictionary(nameValueMap(node, field: field, kind: kind, context: context).map { ($0.name, $0.text) }) { _, last in last }
    }

    // MARK: Descriptions

    /// "a list", "a mapping", "the string \"x\"", "the number 3"… for type errors.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "null"
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            default: return "the string \"\(scalar.string)\""
            }
        }
    }

    /// The known name within edit distance 2 of `name`, if exactly one is nearest.
    static func nearest(_ name: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return scored.filter({ $0.1 == best.1 }).count == 1 ? best.0 : nil
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension Node {
    /// The resolved tag (`!!str`, `!!int`…): plain scalars by their text, quoted ones always strings.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }

    /// `~`, `null` or nothing, unquoted.
    var isNull: Bool {
        if case .scalar = self { return tagName == .null }
        return false
    }
}
