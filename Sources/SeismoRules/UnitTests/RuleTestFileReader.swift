import SeismoCore
import Yams

/// Turns the YAML of a rule test file into a `RuleTestFile`, reading it as strictly as promtool does
/// (`yaml.UnmarshalStrict`): unknown fields are errors, and every error says where it is.
///
/// Scalars are read the way Go's yaml.v2 reads them into promtool's fields, not the way YAML 1.2 would type them:
/// a string field takes any scalar's text (`severity: 1` is the string "1"), a number field takes plain
/// scalars only (`value: "1"` is an error), and only the first document of a multi-document file counts.
struct RuleTestFileReader {
    let yaml: String
    let path: String
    /// The file's lines as Unicode scalars, to find where inside a scalar a notation error is.
    private let lines: [[Unicode.Scalar]]

    init(yaml: String, path: String) {
        self.yaml = yaml
        self.path = path
        self.lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    }

    // MARK: Structure

    func read() throws(RuleTestFileError) -> RuleTestFile {
        let root: Node?
        do {
            root = try Parser(yaml: yaml).nextRoot()
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw RuleTestFileError(file: path, position: nil, message: "YAML: \(error)")
        }
        var file = RuleTestFile(path: path)
        guard let root, !isNull(root) else { return file }
        let fields = try self.fields(
            of: root, in: "the test file",
            known: ["rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare"]
        )
        if let node = fields["rule_files"] { file.ruleFiles = try list(node).map { node throws(RuleTestFileError) in try string(node) } }
        if let node = fields["evaluation_interval"] {
            let interval = try duration(node)
            if interval > 0 { file.evaluationInterval = interval }
        }
        if let node = fields["group_eval_order"] {
            var seen = Set<String>()
            for item in try list(node) {
                let name = try string(item)
                guard seen.insert(name).inserted else {
                    throw failure(at: item, "group name repeated in evaluation order: \(name)")
                }
                file.groupEvalOrder.append(name)
            }
        }
        if let node = fields["fuzzy_compare"] { file.fuzzyCompare = try bool(node) }
        if let node = fields["tests"] {
            file.tests = try list(node).map { node throws(RuleTestFileError) in
                try testGroup(node, evaluationInterval: file.evaluationInterval)
            }
        }
        return file
    }

    private func testGroup(_ node: Node, evaluationInterval: Int64) throws(RuleTestFileError) -> RuleTestGroup {
        let fields = try self.fields(
            of: node, in: "a test group",
            known: ["interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url", "name"]
        )
        var group = RuleTestGroup(interval: evaluationInterval, position: position(of: node))
        if let node = fields["name"] { group.name = try string(node) }
        if let node = fields["interval"] {
            let interval = try duration(node)
            if interval > 0 { group.interval = interval }
        }
        if let node = fields["input_series"] { group.inputSeries = try list(node).map(inputSeries) }
        if let node = fields["external_labels"] {
            group.externalLabels = PrometheusLabelSet.sorted(try stringPairs(node).map { Label(name: $0.0, value: $0.1) })
        }
        if let node = fields["external_url"] { group.externalURL = try string(node) }
        if let node = fields["alert_rule_test"] {
            group.alertRuleTests = try list(node).map { node throws(RuleTestFileError) in
                try alertRuleTest(node, groupName: group.name)
            }
        }
        if let node = fields["promql_expr_test"] { group.promqlExprTests = try list(node).map(promqlExprTest) }
        return group
    }

    private func inputSeries(_ node: Node) throws(RuleTestFileError) -> InputSeries {
        let fields = try self.fields(of: node, in: "an input_series item", known: ["series", "values"])
        let seriesNode = fields["series"]
        let seriesText = try seriesNode.map { node throws(RuleTestFileError) in try string(node) } ?? ""
        let labels: SeriesLabels
        do {
            labels = try MetricNotation.series(seriesText)
        } catch {
            throw failure(at: seriesNode ?? node, offset: error.offset, "series \(PromtoolText.quote(seriesText)): \(error.message)")
        }
        var values: [SeriesValue] = []
        if let valuesNode = fields["values"] {
            let text = try string(valuesNode)
            do {
                values = try SeriesValuesNotation.expand(text)
            } catch {
                throw failure(at: valuesNode, offset: error.offset, error.message)
            }
        }
        return InputSeries(labels: labels, values: values, position: position(of: node))
    }

    private func alertRuleTest(_ node: Node, groupName: String) throws(RuleTestFileError) -> AlertRuleTestCase {
        let fields = try self.fields(of: node, in: "an alert_rule_test item", known: ["eval_time", "alertname", "exp_alerts"])
        let evalTime = try fields["eval_time"].map(duration) ?? 0
        let alertname = try fields["alertname"].map { node throws(RuleTestFileError) in try string(node) } ?? ""
        guard !alertname.isEmpty else {
            let group = groupName.isEmpty ? "" : " (in TestGroup \(groupName))"
            throw failure(
                at: node,
                "an item under alert_rule_test misses required attribute alertname at eval_time "
                    + PromtoolText.duration(nanoseconds: evalTime) + group
            )
        }
        var expected: [FiringAlert] = []
        for item in try fields["exp_alerts"].map(list) ?? [] {
            let alert = try self.fields(of: item, in: "an exp_alerts item", known: ["exp_labels", "exp_annotations"])
            var labels = try alert["exp_labels"].map(stringPairs) ?? []
            // promtool adds the test's alertname over whatever exp_labels says.
            labels.removeAll { $0.0 == "alertname" }
            labels.append(("alertname", alertname))
            let annotations = try alert["exp_annotations"].map(stringPairs) ?? []
            expected.append(FiringAlert(
                labels: labels.map { Label(name: $0.0, value: $0.1) },
                annotations: annotations.map { Label(name: $0.0, value: $0.1) }
            ))
        }
        return AlertRuleTestCase(evalTime: evalTime, alertname: alertname, expectedAlerts: expected, position: position(of: node))
    }

    private func promqlExprTest(_ node: Node) throws(RuleTestFileError) -> PromQLExprTestCase {
        let fields = try self.fields(of: node, in: "a promql_expr_test item", known: ["expr", "eval_time", "exp_samples"])
        let exprNode = fields["expr"]
        let expr = try exprNode.map { node throws(RuleTestFileError) in try string(node) } ?? ""
        let evalTime = try fields["eval_time"].map(duration) ?? 0
        var expected: [ResultSample] = []
        for item in try fields["exp_samples"].map(list) ?? [] {
            let sample = try self.fields(of: item, in: "an exp_samples item", known: ["labels", "value"])
            let labelsNode = sample["labels"]
            let labelsText = try labelsNode.map { node throws(RuleTestFileError) in try string(node) } ?? ""
            let labels: [Label]
            do {
                labels = try MetricNotation.sampleLabels(labelsText)
            } catch {
                throw failure(at: labelsNode ?? item, offset: error.offset, "labels \(PromtoolText.quote(labelsText)): \(error.message)")
            }
            let value = try sample["value"].map(float) ?? 0
            expected.append(ResultSample(labels: labels, value: value))
        }
        return PromQLExprTestCase(
            expr: expr, exprPosition: exprNode.map { contentPosition(of: $0, offset: 0) } ?? position(of: node),
            evalTime: evalTime, expectedSamples: expected, position: position(of: node)
        )
    }

    // MARK: Nodes

    /// The fields of a mapping, after merge keys (`<<: *anchor`) are applied; a null node has none.
    ///
    /// - Throws: when the node is not a mapping, a key is not a scalar, or a key is not in `known`.
    private func fields(of node: Node, in what: String, known: [String]) throws(RuleTestFileError) -> [String: Node] {
        if isNull(node) { return [:] }
        guard case .mapping(let mapping) = node else {
            throw failure(at: node, "expected \(what) as a mapping of fields, got \(kind(of: node))")
        }
        var fields: [String: Node] = [:]
        var merged: [Node] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw failure(at: key, "a field name must be a plain string, got \(kind(of: key))")
            }
            if scalar.style == .plain && scalar.string == "<<" {
                merged.append(value)
                continue
            }
            guard known.contains(scalar.string) else {
                throw failure(
                    at: key,
                    "field \(scalar.string) not found in \(what) (known fields: \(known.joined(separator: ", ")))"
                )
            }
            fields[scalar.string] = value
        }
        // Merged fields fill in what the mapping does not say itself.
        for source in merged {
            let sources: [Node] = if case .sequence(let items) = source { Array(items) } else { [source] }
            for item in sources {
                for (name, value) in try self.fields(of: item, in: what, known: known) where fields[name] == nil {
                    fields[name] = value
                }
            }
        }
        return fields
    }

    private func list(_ node: Node) throws(RuleTestFileError) -> [Node] {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            throw failure(at: node, "expected a list, got \(kind(of: node))")
        }
        return Array(sequence)
    }

    /// Any scalar's text, as yaml.v2 fills a Go string; null is empty.
    private func string(_ node: Node) throws(RuleTestFileError) -> String {
        guard case .scalar(let scalar) = node else {
            throw failure(at: node, "expected a string, got \(kind(of: node))")
        }
        return isNull(node) ? "" : scalar.string
    }

    /// A mapping of strings to strings, in file order.
    private func stringPairs(_ node: Node) throws(RuleTestFileError) -> [(String, String)] {
        if isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            throw failure(at: node, "expected a mapping of names to strings, got \(kind(of: node))")
        }
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            pairs.append((try string(key), try string(value)))
        }
        return pairs
    }

    /// A Prometheus duration (`1m`, `1h30m`, `0`); null is 0.
    private func duration(_ node: Node) throws(RuleTestFileError) -> Int64 {
        if isNull(node) { return 0 }
        let text = try string(node)
        guard !text.isEmpty else { throw failure(at: node, "empty duration string") }
        // Prometheus's model.ParseDuration wants a unit on every number but a lone 0.
        if text == "0" { return 0 }
        let needsUnit = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        guard !needsUnit, let value = try? PromDuration.nanoseconds(text) else {
            throw failure(at: node, "not a valid duration string: \(PromtoolText.quote(text))")
        }
        return value
    }

    /// A plain scalar as yaml.v2 reads it into a float64: integers in Go syntax (`0x10`, `0o7`, `010`, `0b11`,
    /// `1_000`), decimal floats, `.inf`, `-.inf`, `.nan`; null is 0. Quoted scalars, `Inf`, `NaN` and booleans
    /// are strings to yaml.v2 and so errors.
    private func float(_ node: Node) throws(RuleTestFileError) -> Double {
        if isNull(node) { return 0 }
        guard case .scalar(let scalar) = node else {
            throw failure(at: node, "expected a number, got \(kind(of: node))")
        }
        guard scalar.style == .plain, let value = YAMLV2Scalar.float(scalar.string) else {
            throw failure(at: node, "cannot read \(PromtoolText.quote(scalar.string)) as a number")
        }
        return value
    }

    /// yaml.v2's booleans: `true`/`false` and YAML 1.1's `yes`/`no`/`on`/`off`/`y`/`n` in their usual cases;
    /// null is false.
    private func bool(_ node: Node) throws(RuleTestFileError) -> Bool {
        if isNull(node) { return false }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = YAMLV2Scalar.bool(scalar.string) else {
            throw failure(at: node, "expected true or false")
        }
        return value
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the scalar \(PromtoolText.quote(scalar.string))"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    // MARK: Positions

    private func position(of node: Node) -> RuleTestPosition {
        guard let mark = node.mark else { return RuleTestPosition(line: 1, column: 1) }
        return RuleTestPosition(line: mark.line, column: mark.column)
    }

    /// Where character `offset` of a scalar's value is in the file. Exact when the value is written on one line
    /// without escapes (plain or quoted); otherwise where the scalar starts.
    private func contentPosition(of node: Node, offset: Int) -> RuleTestPosition {
        let start = position(of: node)
        guard case .scalar(let scalar) = node else { return start }
        let quoteWidth: Int
        switch scalar.style {
        case .plain, .any: quoteWidth = 0
        case .singleQuoted, .doubleQuoted: quoteWidth = 1
        case .literal, .folded: return start
        }
        let value = Array(scalar.string.unicodeScalars)
        let from = start.column - 1 + quoteWidth
        guard start.line - 1 < lines.count, !value.contains("\n") else { return start }
        let line = lines[start.line - 1]
        guard from + value.count <= line.count, Array(line[from..<(from + value.count)]) == value else { return start }
        return RuleTestPosition(line: start.line, column: from + min(offset, value.count) + 1)
    }

    private func failure(at node: Node, _ message: String) -> RuleTestFileError {
        RuleTestFileError(file: path, position: position(of: node), message: message)
    }

    private func failure(at node: Node, offset: Int, _ message: String) -> RuleTestFileError {
        RuleTestFileError(file: path, position: contentPosition(of: node, offset: offset), message: message)
    }

    private func yamlError(_ error: YamlError) -> RuleTestFileError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? problem
            return RuleTestFileError(
                file: path, position: RuleTestPosition(line: mark.line, column: mark.column), message: "YAML: \(detail)"
            )
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return RuleTestFileError(
                file: path, position: RuleTestPosition(line: context.mark.line, column: context.mark.column),
                message: "YAML: key \(keys) given more than once in a mapping"
            )
        default:
            return RuleTestFileError(file: path, position: nil, message: "YAML: \(error)")
        }
    }
}
