import Yams

/// The Prometheus part of a rule file: `groups:`, their settings and their recording and alerting rules, with
/// Prometheus's validation (`rulefmt.RuleGroups.Validate`) and promtool's duplicate-rule lint.
extension RuleFileReader {
    static let fileFields = ["groups"]
    static let groupFields = [
        "name", "interval", "query_offset", "limit", "labels", "rules", "detectors", "health", "slos", "invariants",
    ]
    static let ruleFields = ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations", "clear", "flapping"]

    /// The file's groups; an empty document is a file without groups.
    mutating func ruleFile(_ root: Node?) -> RuleFile {
        var file = RuleFile(path: path)
        guard let root, !root.isNull, let fields = fields(of: root, in: "rule file", known: Self.fileFields) else {
            return file
        }
        var seen: [String: RuleFilePosition] = [:]
        for (index, node) in list(fields["groups"], field: "groups").enumerated() {
            guard let group = group(node, index: index) else { continue }
            if let first = seen[group.name] {
                error("group name \"\(group.name)\" is repeated in the same file (first at line \(first.line))", at: group.position)
            } else {
                seen[group.name] = group.position
            }
            file.groups.append(group)
        }
        lintDuplicateRules(file.groups)
        return file
    }

    private mutating func group(_ node: Node, index: Int) -> RuleGroup? {
        let peeked = Self.peekName(node, keys: ["name"])
        let context = peeked.isEmpty ? "" : "group \"\(peeked)\": "
        guard let fields = fields(of: node, in: "rule group", known: Self.groupFields, context: context) else { return nil }
        let nameNode = fields["name"]
        let name = string(nameNode, field: "name") ?? ""
        let namePosition = nameNode.map(Self.position) ?? fields.position
        // A name of the wrong type was reported already.
        if name.isEmpty, nameNode == nil || nameNode?.scalar != nil {
            error("group name must not be empty", at: namePosition)
        }
        var group = RuleGroup(name: name, position: namePosition)
        group.interval = duration(fields["interval"], field: "interval", context: context)
        group.queryOffset = duration(fields["query_offset"], field: "query_offset", context: context)
        if let limitNode = fields["limit"], let limit = integer(limitNode, field: "limit", context: context) {
            if limit < 0 {
                error("\(context)field limit must not be negative", at: Self.position(limitNode))
            } else {
                group.limit = limit
            }
        }
        group.labels = labelMap(fields["labels"], field: "labels", context: context)
        for (ruleIndex, ruleNode) in list(fields["rules"], field: "rules", context: context).enumerated() {
            if let rule = rule(ruleNode, group: name, index: ruleIndex) { group.rules.append(rule) }
        }
        group.detectors = list(fields["detectors"], field: "detectors", context: context).compactMap {
            detector($0, group: name)
        }
        group.health = list(fields["health"], field: "health", context: context).compactMap { health($0, group: name) }
        group.slos = list(fields["slos"], field: "slos", context: context).compactMap { slo($0, group: name) }
        group.invariants = list(fields["invariants"], field: "invariants", context: context).compactMap {
            invariant($0, group: name)
        }
        return group
    }

    private mutating func rule(_ node: Node, group: String, index: Int) -> Rule? {
        // The context names the rule, so read its name before anything can be reported.
        let peeked = Self.peekName(node, keys: ["alert", "record"])
        let context = "group \"\(group)\", rule \(index + 1), \"\(peeked)\": "
        guard let fields = fields(of: node, in: "rule", known: Self.ruleFields, context: context) else { return nil }
        let record = string(fields["record"], field: "record", context: context) ?? ""
        let alert = string(fields["alert"], field: "alert", context: context) ?? ""
        if !record.isEmpty && !alert.isEmpty {
            error("\(context)only one of 'record' and 'alert' must be set", at: fields.keyPosition("record"))
        } else if record.isEmpty && alert.isEmpty {
            error("\(context)one of 'record' or 'alert' must be set", at: fields.position)
        }

        let exprNode = fields["expr"]
        let expr = string(exprNode, field: "expr", context: context) ?? ""
        var expression: PromQLExpression?
        if expr.allSatisfy(\.isWhitespace) {
            error("\(context)field 'expr' must be set in rule", at: exprNode.map(Self.position) ?? fields.position)
        } else if let exprNode {
            expression = self.expression(expr, in: exprNode, context: context)
        }

        let forNode = fields["for"]
        let keepNode = fields["keep_firing_for"]
        let forDuration = duration(forNode, field: "for", context: context) ?? 0
        let keepFiringFor = duration(keepNode, field: "keep_firing_for", context: context) ?? 0
        let labels = nameValueMap(fields["labels"], field: "labels", kind: "label", context: context)
        let annotations = nameValueMap(fields["annotations"], field: "annotations", kind: "annotation", context: context)
        let position = fields.position

        if !record.isEmpty {
            if !annotations.isEmpty {
                error("\(context)invalid field 'annotations' in recording rule", at: fields.keyPosition("annotations"))
            }
            if forDuration != 0 { error("\(context)invalid field 'for' in recording rule", at: fields.keyPosition("for")) }
            if keepFiringFor != 0 {
                error("\(context)invalid field 'keep_firing_for' in recording rule", at: fields.keyPosition("keep_firing_for"))
            }
            for field in ["clear", "flapping"] where fields[field] != nil {
                error("\(context)invalid field '\(field)' in recording rule", at: fields.keyPosition(field))
            }
            let recordPosition = fields["record"].map(Self.position) ?? position
            if !PrometheusNames.isValidMetricName(record) {
                error("\(context)invalid recording rule name: \(record)", at: recordPosition)
            } else if ExtensionSeries.reservedNames.contains(record) {
                error("\(context)\(record) is a series Seismo publishes itself; record under another name", at: recordPosition)
            }
            guard alert.isEmpty, let expression else { return nil }
            return .recording(RecordingRule(
                record: record, expr: expr, expression: expression, labels: Self.dictionary(labels), position: position
            ))
        }
        guard !alert.isEmpty else { return nil }
        checkTemplates(labels, kind: "label", context: context)
        checkTemplates(annotations, kind: "annotation", context: context)
        let flapDetection = fields["flapping"].flatMap { self.flapping($0, context: context) }
        guard let expression else { return nil }
        let clearCondition = fields["clear"].flatMap { self.clear($0, alerting: expression, context: context) }
        var rule = AlertingRule(
            alert: alert, expr: expr, expression: expression, for: forDuration, keepFiringFor: keepFiringFor, labels: Self.dictionary(labels),
            annotations: Self.dictionary(annotations), position: position
        )
        rule.clear = clearCondition
        rule.flapDetection = flapDetection
        if fields["clear"] != nil && clearCondition == nil || fields["flapping"] != nil && flapDetection == nil { return nil }
        return .alerting(rule)
    }

    /// promtool's lint: two rules with the same name and the same labels (group labels, then rule labels) in one file
    /// would write the same series or alerts. A warning, as promtool's default.
    private mutating func lintDuplicateRules(_ groups: [RuleGroup]) {
        struct Key: Hashable {
            var name: String
            var labels: [String: String]
        }
        var seen: [Key: (group: String, index: Int, line: Int)] = [:]
        for group in groups {
            for (index, rule) in group.rules.enumerated() {
                let key = Key(name: rule.name, labels: group.labels.merging(rule.labels) { _, own in own })
                if let first = seen[key] {
                    warning(
                        "group \"\(group.name)\", rule \(index + 1), \"\(rule.name)\": duplicate rule: same name and labels "
                            + "as group \"\(first.group)\", rule \(first.index + 1) (line \(first.line))",
                        at: rule.position
                    )
                } else {
                    seen[key] = (group.name, index, rule.position.line)
                }
            }
        }
    }

    /// The first of `keys` set to a scalar in a mapping node, for messages written before the fields are read.
    static func peekName(_ node: Node, keys: [String]) -> String {
        guard case .mapping(let mapping) = node else { return "" }
        for key in keys {
            if let value = mapping[key], case .scalar(let scalar) = value, !value.isNull, !scalar.string.isEmpty {
                return scalar.string
            }
        }
        return ""
    }

    static func dictionary(_ entries: [(name: String, key: Node, value: Node, text: String)]) -> [String: String] {
        Dictionary(entries.map { ($0.name, $0.text) }) { _, last in last }
    }
}
