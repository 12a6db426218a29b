import ArgumentParser
import Foundation
import SeismoIngest
import SeismoWorkload

#if canImport(Glibc)
import Glibc
#endif

/// `seismo generate`: a seeded, realistic multi-series metric stream on stdout, with injected anomalies.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded, realistic metric stream (latency, gauges, counters, request outcomes) to stdout.",
        discussion: """
            The same options and seed always give the same bytes. Spikes, level shifts, variance changes, trend \
            changes and error bursts are injected on a seeded schedule; --truth FILE writes them as JSON lines.
            """
    )

    @Option(help: "Number of series.")
    var series = 100

    @Option(help: "Number of data lines (headers come on top).")
    var lines = 100_000

    @Option(help: "Output format: influx, prometheus, graphite, statsd, jsonl or csv.")
    var format: InputFormat = .influx

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(help: "Seconds between two samples of one series.")
    var interval = 10.0

    @Flag(help: "Disable anomaly injection.")
    var noAnomalies = false

    @Flag(help: "The bundled example stream: 40 series, 60,000 lines of line protocol, seed 7 (other sizes ignored).")
    var example = false

    @Option(help: "Write the injected anomalies (ground truth) to this file as JSON lines.")
    var truth: String?

    func validate() throws {
        guard format != .auto else { throw ValidationError("--format must name a concrete format, not auto") }
        guard series >= 1 else { throw ValidationError("--series must be at least 1") }
        guard lines >= 0 else { throw ValidationError("--lines cannot be negative") }
        guard interval > 0, interval < 1e9 else { throw ValidationError("--interval must be a positive number of seconds") }
    }

    /// The spec these options describe.
    var spec: WorkloadSpec {
        if example { return WorkloadSpec(series: 40, lines: 60_000, format: .influx, seed: 7) }
        return WorkloadSpec(
            series: series, lines: lines, format: format, seed: seed,
            interval: Int64(interval * 1e9),
            anomalies: noAnomalies ? .none : AnomalyPlan()
        )
    }

    func run() throws {
        let generator = WorkloadGenerator(spec)
        generator.write { chunk in
            var offset = 0
            while offset < chunk.count {
                let n = write(1, chunk.baseAddress! + offset, chunk.count - offset)
                if n <= 0 { Foundation.exit(n == 0 || errno == EPIPE ? 0 : 1) }
                offset += n
            }
        }
        if let truth {
            var out = ""
            for anomaly in generator.anomalies {
                let object: [String: Any] = [
                    "series": anomaly.series.description, "kind": "\(anomaly.kind)",
                    "start": anomaly.start, "end": anomaly.end,
                    "first_sample": anomaly.samples.lowerBound, "last_sample": anomaly.samples.upperBound,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
            try out.write(toFile: truth, atomically: true, encoding: .utf8)
        }
    }
}
