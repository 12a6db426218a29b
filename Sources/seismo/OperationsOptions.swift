import ArgumentParser
import Logging
import Metrics
import SeismoEngine
import SeismoOps

/// `--metrics-listen` and `--status`: what an operator watches while `seismo run` goes on.
struct OperationsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Serve Seismo's own metrics (Prometheus text) at http://HOST:PORT/metrics, and /healthz.",
            valueName: "host:port"
        )
    )
    var metricsListen: String?

    @Flag(help: "Show a live status view on stderr (redrawn every second on a terminal, a log line every 10 s otherwise).")
    var status = false

    func validate() throws {
        if let metricsListen, ListenAddress(parsing: metricsListen) == nil {
            throw ValidationError("--metrics-listen: expected HOST:PORT (e.g. 127.0.0.1:9464), got '\(metricsListen)'")
        }
    }

    /// The status view, made before logging is bootstrapped so log lines can go above its frame.
    func makeDisplay() -> (StatusBoard, StatusDisplay)? {
        guard status else { return nil }
        let board = StatusBoard(alerts: AlertTally(factory: metricsFactory))
        return (board, StatusDisplay(board: board, mode: StandardErrorLines.isTerminal ? .terminal : .log))
    }

    /// The process-wide metrics factory: made once, bootstrapped into `MetricsSystem` so code recording through
    /// swift-metrics' globals (Alertmanager delivery) lands in the same registry.
    private var metricsFactory: DescribedPrometheusFactory? {
        metricsListen == nil ? nil : Self.factory
    }

    private static let factory: DescribedPrometheusFactory = {
        let factory = DescribedPrometheusFactory()
        MetricsSystem.bootstrap(factory)
        return factory
    }()

    /// Starts what the options ask for and wires it into `configuration`; `RunOperations.stop()` ends it.
    func start(
        configuration: inout EngineConfiguration, display: (StatusBoard, StatusDisplay)?, logger: Logger
    ) throws -> RunOperations {
        var server: MetricsServer?
        if let metricsListen, let address = ListenAddress(parsing: metricsListen), let factory = metricsFactory {
            configuration.metrics = EngineMetrics(factory: factory)
            let liveness = Liveness()
            configuration.liveness = liveness
            do {
                server = try MetricsServer.start(listen: address, registry: factory.registry, liveness: liveness, logger: logger)
            } catch {
                throw ValidationError("--metrics-listen: \(error)")
            }
        }
        let alerts = display?.0.alerts ?? metricsFactory.map { AlertTally(factory: $0) }
        if let alerts, configuration.ruleSet != nil { configuration.alertSinks.append(alerts) }
        if let (board, view) = display {
            configuration.statusBoard = board
            view.start(logger: logger)
        }
        return RunOperations(server: server, display: display?.1)
    }
}

/// What `OperationsOptions.start` set running.
struct RunOperations {
    let server: MetricsServer?
    let display: StatusDisplay?

    /// Draws the status view's last frame and stops serving metrics; call before printing the summary.
    func stop() {
        display?.stop()
        server?.stop()
    }
}
