import ArgumentParser

/// The `seismo` command: streaming anomaly detection and alerting on metric streams.
@main
struct Seismo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seismo",
        abstract: "Streaming anomaly detection and alerting for metric streams.",
        discussion: """
            Pipe a metric stream in: `my-exporter | seismo run`. Formats: InfluxDB line protocol, Prometheus text \
            and OpenMetrics, Graphite plaintext, StatsD/DogStatsD, JSON lines and CSV, detected automatically.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ReplayCommand.self, ScoreCommand.self, CheckCommand.self, TestCommand.self,
            GenerateCommand.self, HistoryCommand.self,
        ]
    )

    /// Starts loading `run`'s rule files beside argument parsing (`RulePrefetch`), then runs the command.
    static func main() {
        RulePrefetch.start(arguments: CommandLine.arguments)
        main(nil)
    }
}
