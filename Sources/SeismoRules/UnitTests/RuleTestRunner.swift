import SeismoCore

/// Runs a promtool-format rule test file: loads its rule files, feeds each test group's input series into a
/// fresh store, evaluates every rule group at each `evaluation_interval` from 0 through the last eval time (as
/// promtool does, whatever the groups' own intervals), and checks the firing alerts and expression results.
public struct RuleTestRunner: Sendable {
    public var evaluator: PromQLEvaluator
    /// What alert templates' `externalURL` and `pathPrefix` return (and `$externalURL` in groups without an
    /// `external_url`). nil, as in promtool, which sets none: those two functions fail as they do there.
    public var externalURL: AlertTemplate.ExternalURL?

    /// Prometheus 2 semantics by default: the `promtool` that `seismo test` is checked against is Debian 12's 2.42.
    public init(
        evaluator: PromQLEvaluator = PromQLEvaluator(semantics: .prometheus2), externalURL: AlertTemplate.ExternalURL? = nil
    ) {
        self.evaluator = evaluator
        self.externalURL = externalURL
    }

    /// Loads and runs the test file at `path`.
    public func run(path: String) -> RuleTestReport {
        do {
            return run(try RuleTestFile.load(path: path))
        } catch {
            return RuleTestReport(file: path, failures: [.file(error)])
        }
    }

    public func run(_ file: RuleTestFile) -> RuleTestReport {
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet(loading: file.ruleFiles)
        } catch {
            return RuleTestReport(
                file: file.path, warnings: file.warnings,
                failures: [.rule(name: "rule_files", time: 0, message: "\(error)")]
            )
        }
        var failures: [RuleTestFailure] = []
        for group in file.tests {
            failures += run(group, ruleSet: ruleSet, file: file)
        }
        return RuleTestReport(file: file.path, warnings: file.warnings, failures: failures)
    }

    private func run(_ test: RuleTestGroup, ruleSet: RuleSet, file: RuleTestFile) -> [RuleTestFailure] {
        let store = SeriesStore(retention: .max / 4)
        for (index, series) in test.inputSeries.enumerated() {
            let id = SeriesID(UInt32(index))
            store.register(id, labels: series.labels)
            for sample in series.samples(interval: test.interval) {
                store.append(id, time: sample.offset, value: sample.isStale ? StaleMarker.value : sample.value)
            }
        }
        var external: [String: String] = [:]
        for label in test.externalLabels { external[label.name] = label.value }
        var engine = RuleEngine(
            ruleSet: Self.ordered(ruleSet, file.groupEvalOrder), intervalOverride: file.evaluationInterval,
            evaluator: evaluator, externalLabels: external, externalURL: externalURL
        )
        if !test.externalURL.isEmpty { engine.templateExternalURL = test.externalURL }
        var failures: [RuleTestFailure] = []
        var pending = test.alertRuleTestsInCheckOrder[...]
        var time: Int64 = 0
        while time <= test.maxEvalTime {
            engine.advance(to: time, store: store) { _ in }
            while let next = pending.first,
                RuleTestGroup.alertCheckTime(evalTime: next.evalTime, evaluationInterval: file.evaluationInterval) == time
            {
                pending.removeFirst()
                let firing = engine.activeAlerts(named: next.alertname).filter { $0.state == .firing }
                    .map { FiringAlert(labels: $0.labels, annotations: $0.annotations) }
                if let failure = next.check(firing: firing, testGroupName: test.name) { failures.append(failure) }
            }
            time += file.evaluationInterval
        }
        for exprTest in test.promqlExprTests {
            do {
                let expression = try PromQLParser.parse(exprTest.expr)
                let result: [ResultSample]
                switch try evaluator.evaluate(expression, at: exprTest.evalTime, store: store) {
                case .vector(let samples): result = samples.map { ResultSample(series: $0.labels, value: $0.value) }
                case .scalar(_, let value): result = [ResultSample(labels: [], value: value)]
                case .string, .matrix:
                    failures.append(.query(expr: exprTest.expr, evalTime: exprTest.evalTime, message: "unsupported result type"))
                    continue
                }
                if let failure = exprTest.check(result: result, fuzzyCompare: file.fuzzyCompare) { failures.append(failure) }
            } catch {
                failures.append(.query(expr: exprTest.expr, evalTime: exprTest.evalTime, message: "\(error)"))
            }
        }
        return failures
    }

    /// The rule set with its groups in `group_eval_order` first (named groups), then the rest in file order.
    static func ordered(_ ruleSet: RuleSet, _ order: [String]) -> RuleSet {
        guard !order.isEmpty else { return ruleSet }
        var files = ruleSet.files
        let all = files.flatMap(\.groups)
        let named = order.compactMap { name in all.first { $0.name == name } }
        let rest = all.filter { !order.contains($0.name) }
        guard !files.isEmpty else { return ruleSet }
        files = [RuleFile(path: files[0].path, groups: named + rest)]
        return RuleSet(files: files, warnings: ruleSet.warnings)
    }
}
