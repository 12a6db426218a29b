import Foundation
import Logging
import SeismoEngine
import SeismoIngest
import SeismoRules
import SeismoTestSupport
import SeismoWorkload
import Testing

@Suite struct EngineTests {
    /// Runs the engine in-process on `input` through a temporary file descriptor.
    private func run(_ input: String, _ configure: (inout EngineConfiguration) -> Void = { _ in }) throws -> (RunSummary, [String]) {
        try run(Data(input.utf8), configure)
    }

    private func run(_ input: Data, _ configure: (inout EngineConfiguration) -> Void = { _ in }) throws -> (RunSummary, [String]) {
        try SeismoProcess.withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("input")
            try input.write(to: url)
            let fd = open(url.path, O_RDONLY)
            #expect(fd >= 0)
            defer { close(fd) }
            var configuration = EngineConfiguration()
            configure(&configuration)
            let engine = Engine(configuration: configuration, logger: Logger(label: "test"))
            let messages = MessageBox()
            let summary = engine.run(fd: fd, rejectOutput: { messages.append($0) })
            return (summary, messages.all)
        }
    }

    @Test func countsLinesSamplesSeriesAndRejects() throws {
        let input = """
            cpu,host=a usage=1,idle=2 1000
            cpu,host=b usage=3 1000
            cpu,host=a usage=oops 2000
            mem,host=a value=10 1000
            garbage

            cpu,host=a usage=4 500
            """
        let (summary, messages) = try run(input) { $0.format = .influx }
        #expect(summary.ingest.lines == 7)
        #expect(summary.ingest.acceptedLines == 3)
        #expect(summary.ingest.samples == 4)
        #expect(summary.evaluated == 4)
        #expect(summary.series == 4)
        #expect(summary.ingest[.badNumber] == 1)
        #expect(summary.ingest[.syntax] == 1)
        #expect(summary.ingest[.outOfOrder] == 1)
        #expect(messages.count == 3)
        #expect(messages.contains { $0.hasPrefix("stdin:3: rejected (bad number)") })
        #expect(summary.eventTime == 1000)
    }

    @Test func lastLineWithoutNewlineIsProcessed() throws {
        let (summary, _) = try run("m value=1 1\nm value=2 2") { $0.format = .influx }
        #expect(summary.ingest.samples == 2)
    }

    @Test func overLongLinesAreSkippedToTheNextNewlineAndCounted() throws {
        var input = "m value=1 1\n"
        input += "m,t=" + String(repeating: "x", count: 5000) + " value=2 2\n"
        input += "m value=3 3\n"
        input += "m value=4 4," + String(repeating: "y", count: 5000)  // too long, at EOF without newline
        let (summary, _) = try run(input) {
            $0.format = .influx
            $0.limits.maxLineLength = 1000
            $0.readSize = 512  // smaller than the long line: it must be skipped across reads
        }
        #expect(summary.ingest.samples == 2)
        #expect(summary.ingest[.lineTooLong] == 2)
        #expect(summary.ingest.lines == 4)
    }

    @Test(arguments: [1, 7, 64, 4096])
    func resultsDoNotDependOnReadSize(readSize: Int) throws {
        var input = ""
        for i in 0..<3000 { input += "m,host=h\(i % 17) value=\(i % 13),other=\(i) \(i)\n" }
        input += "bad line\n"
        let (summary, _) = try run(input) {
            $0.format = .influx
            $0.readSize = readSize
            $0.ringCapacity = 8
        }
        #expect(summary.ingest.lines == 3001)
        #expect(summary.ingest.samples == 6000)
        #expect(summary.evaluated == 6000)
        #expect(summary.series == 34)
        #expect(summary.ingest[.syntax] == 1)
    }

    @Test func dropModeAccountsForEverySample() throws {
        var input = ""
        for i in 0..<50_000 { input += "m,host=h\(i % 5) value=\(i) \(i)\n" }
        let (summary, _) = try run(input) {
            $0.format = .influx
            $0.overflow = .drop
            $0.ringCapacity = 4
        }
        #expect(summary.evaluated + summary.dropped == 50_000)
        #expect(summary.ingest.samples == 50_000)
    }

    @Test func autoDetectsTheFormat() throws {
        let (summary, _) = try run("# HELP x help\n# TYPE x gauge\nx{a=\"1\"} 2 1700000000000\n")
        #expect(summary.format == .prometheus)
        #expect(summary.ingest.samples == 1)
        #expect(summary.eventTime == 1_700_000_000_000_000_000)
    }

    /// Valid lines of every format with random bytes flipped, dropped or doubled: whatever survives, nothing
    /// crashes and every line is accounted for exactly once.
    @Test(arguments: [InputFormat.influx, .prometheus, .graphite, .statsd, .jsonl, .csv])
    func mutatedLinesAreAccountedForAndNeverCrash(format: InputFormat) throws {
        let generator = WorkloadGenerator(WorkloadSpec(series: 30, lines: 3000, format: format, seed: 5))
        var bytes = generator.renderedBytes()
        var rng = SplitMix64(seed: 11)
        let specials: [UInt8] = Array("\\\",= {}:|#@;\"\t\r".utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        for _ in 0..<(bytes.count / 40) {
            let i = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 3 {
            case 0: bytes[i] = specials[Int(rng.next() % UInt64(specials.count))]
            case 1: bytes.remove(at: i)
            default: bytes.insert(bytes[i], at: i)
            }
        }
        let (summary, _) = try run(Data(bytes)) { $0.format = format }
        let ingest = summary.ingest
        #expect(ingest.lines == ingest.acceptedLines + ingest.rejectedLines + ingest.emptyLines)
        #expect(ingest.rejectedLines > 0, "mutations should break some lines")
        #expect(ingest.acceptedLines > 0, "some lines survive one mutation per 40 bytes")
        #expect(summary.evaluated == ingest.samples)
    }

    /// With the bundled rules on the bundled stream, the store ends the same whatever the ring size (and so the
    /// batch sizes), holds every input series, and the extensions' outputs where the rules say.
    @Test func rulesPublishTheSameSeriesWhateverTheRingSize() throws {
        let ruleSet = try RuleSet(loading: [CheckCommandTests.repositoryRules])
        let input = Data(WorkloadGenerator(WorkloadSpec(series: 40, lines: 60_000, format: .influx, seed: 7)).renderedBytes())
        func snapshot(ringCapacity: Int) throws -> (RunSummary, SeriesStore, [String]) {
            try SeismoProcess.withTemporaryDirectory { dir in
                let url = dir.appendingPathComponent("input")
                try input.write(to: url)
                let fd = open(url.path, O_RDONLY)
                defer { close(fd) }
                var configuration = EngineConfiguration()
                configuration.ringCapacity = ringCapacity
                configuration.readSize = 4096
                configuration.ruleSet = ruleSet
                let engine = Engine(configuration: configuration, logger: Logger(label: "test"))
                let summary = engine.run(fd: fd, rejectOutput: { _ in })
                let store = try #require(engine.seriesStore)
                let lines = store.lines(store.allSeries())
                return (summary, store, lines)
            }
        }
        let (summary, store, large) = try snapshot(ringCapacity: 1 << 16)
        let (_, _, small) = try snapshot(ringCapacity: 64)
        #expect(large == small)
        #expect(summary.derivedSeries == store.seriesCount - summary.series)
        #expect(store.series(named: "http_request_duration_ms").count == 12)
        #expect(store.series(named: ExtensionSeries.anomaly).count == 12 + 8 + 4)
        let health = store.series(named: ExtensionSeries.healthState).map { store.labels(of: $0) }
        #expect(health.count == 8)
        #expect(health.allSatisfy { $0.labels.map(\.name) == ["dependency", "health", "service"] && $0["health"] == "upstreams" })
        let burn = store.series(named: ExtensionSeries.sloBurnRate).map { store.labels(of: $0) }
        #expect(Set(burn.filter { $0["slo"] == "checkout-dependencies" }.compactMap { $0["dependency"] }).count == 6)
    }

    @Test func binaryGarbageNeverCrashes() throws {
        var rng = SplitMix64(seed: 7)
        var bytes = [UInt8]()
        for _ in 0..<200_000 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        for format in InputFormat.allCases {
            let (summary, _) = try run(Data(bytes)) { $0.format = format }
            #expect(summary.ingest.lines > 0)
            let ingest = summary.ingest
            #expect(ingest.lines == ingest.acceptedLines + ingest.rejectedLines + ingest.emptyLines, "\(format)")
            #expect(summary.evaluated == ingest.samples, "\(format)")
        }
    }
}

/// Thread-safe message list for the reject callback.
final class MessageBox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ m: String) { lock.withLock { messages.append(m) } }
    var all: [String] { lock.withLock { messages } }
}

