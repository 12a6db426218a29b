import ArgumentParser
import SeismoHistory
import SeismoRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HistoryExportFormat: ExpressibleByArgument {}

/// `seismo history export`: a time range of history back to text on stdout.
struct HistoryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write history back as line protocol, CSV or Prometheus text on stdout.",
        discussion: """
            Samples come out in the order they arrived, with values in their shortest exact form, so feeding the \
            output to seismo run gives the same samples; those a run still going (or killed) holds in its journal \
            come last. --from and --to (inclusive) take RFC 3339 \
            (2023-11-14T22:13:20Z) or epoch numbers. --match takes a PromQL selector: 'cpu{host=~"a.*"}'. \
            Line protocol and CSV cannot carry NaN or ±Inf: such samples are left out and counted on stderr. \
            Prometheus timestamps are milliseconds.
            """
    )

    @OptionGroup var history: HistoryDirectoryOptions

    @Option(help: "Earliest sample time to export (inclusive).")
    var from: EventTime?

    @Option(help: "Latest sample time to export (inclusive).")
    var to: EventTime?

    @Option(help: ArgumentHelp("Only series this PromQL selector selects.", valueName: "selector"))
    var match: String?

    @Option(help: "Output format: influx, csv or prometheus.")
    var format: HistoryExportFormat = .influx

    func validate() throws {
        _ = try selector()
        if let from, let to, from.nanoseconds > to.nanoseconds { throw ValidationError("--from is after --to") }
    }

    /// The `--match` selector, parsed.
    func selector() throws -> VectorSelector? {
        guard let match else { return nil }
        let expression: PromQLExpression
        do {
            expression = try PromQLParser.parse(match)
        } catch {
            throw ValidationError("--match: \(error)")
        }
        guard case let .vectorSelector(selector) = expression else {
            throw ValidationError("--match takes a series selector such as 'cpu{host=\"a\"}', not an expression")
        }
        return selector
    }

    func run() throws {
        let reader = try HistoryReader(directory: history.directory)
        let journal = try reader.journalTail()
        var exporter = HistoryExporter(format: format)
        exporter.from = from?.nanoseconds ?? .min
        exporter.to = to?.nanoseconds ?? .max
        if let selector = try selector() { exporter.matches = { selector.matches($0) } }
        let summary = try exporter.export(from: reader, journal: journal) { (bytes: [UInt8]) throws(ExportWriteError) in
            try Self.writeAll(bytes)
        }
        for problem in summary.damage { StandardError.line("seismo: " + problem.description) }
        var note = "seismo: exported \(summary.samples) samples of \(summary.series) series"
        if summary.nonFiniteSkipped > 0 {
            note += "; \(summary.nonFiniteSkipped) NaN or infinite samples left out (\(format.rawValue) cannot carry them)"
        }
        StandardError.line(note)
        if !summary.damage.isEmpty { throw ExitCode(1) }
    }

    /// Writes all of `bytes` to stdout.
    static func writeAll(_ bytes: [UInt8]) throws(ExportWriteError) {
        try bytes.withUnsafeBytes { (raw) -> Result<Void, ExportWriteError> in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(ExportWriteError(errno: errno))
                }
                offset += n
            }
            return .success(())
        }.get()
    }
}

/// Writing the export to stdout failed (a closed pipe, a full disk).
struct ExportWriteError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { "writing to stdout failed: \(String(cString: strerror(errno)))" }
}
