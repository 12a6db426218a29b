#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore
import SeismoHistory
import SeismoIngest
import SampleText
import SeismoWorkload

/// History speed and memory, on generator output parsed as `seismo run` parses it:
///
/// - *write cost*: `HistoryWriter.append` time against `Ingestor` parse time for the same samples, in the same run
///   (the ratio is what writing history adds to ingesting);
/// - *decode*: samples/s reading the whole history back in arrival order (read, checksum, decompress, decode);
/// - *peak memory*: a child process reads a history of N and of 4N samples; its max RSS must not grow with N.
///
/// `swift run -c release HistoryThroughput [--series N] [--lines N]` (defaults: 100 and 10,000 series, i.e. 140 and
/// 14,000 series of samples, 1,000,000 lines each).
@main
struct HistoryThroughput {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--read", arguments.count == 2 {
            // The child of the memory measurement: read everything, then print the sample count and peak RSS.
            var count = 0
            let reader = try HistoryReader(directory: arguments[1])
            reader.forEachBlock { count += $0.samples.count }
            print(count, peakRSS())
            return
        }
        if arguments.first == "--write", arguments.count == 4, let series = Int(arguments[1]), let lines = Int(arguments[2]) {
            // For profiling the reader alone: `--write SERIES LINES DIR`, then `perf record … --read DIR`.
            let (samples, registry) = SampleText.parse(WorkloadGenerator(WorkloadSpec(series: series, lines: lines, format: .influx, seed: 1)).renderedBytes(), with: InfluxLineParser())
            try write(samples, registry: registry, to: arguments[3])
            return
        }
        var seriesCounts = [100, 10_000]
        var lines = 1_000_000
        while !arguments.isEmpty {
            let flag = arguments.removeFirst()
            guard !arguments.isEmpty, let number = Int(arguments.removeFirst()), number > 0 else { usage() }
            switch flag {
            case "--series": seriesCounts = [number]
            case "--lines": lines = number
            default: usage()
            }
        }
        for series in seriesCounts { try run(series: series, lines: lines) }
    }

    static func run(series: Int, lines: Int) throws {
        let text = WorkloadGenerator(WorkloadSpec(series: series, lines: lines, format: .influx, seed: 1)).renderedBytes()
        // Best of three for each timing, in CPU time of this thread (the machine is shared).
        var parseSeconds = Double.infinity
        var parsed: ([Sample], SeriesRegistry)!
        for _ in 0..<3 {
            let start = cpuTime()
            parsed = SampleText.parse(text, with: InfluxLineParser())
            parseSeconds = min(parseSeconds, seconds(since: start))
        }
        let (samples, registry) = parsed!
        let n = Double(samples.count)
        print("HistoryThroughput: \(series) series × \(lines) influx lines → \(samples.count) samples, \(registry.count) series")

        let directory = temporaryDirectory()
        defer { removeDirectory(directory) }
        var writeSeconds = Double.infinity
        var bytes: Int64 = 0
        for _ in 0..<3 {
            removeDirectory(directory)
            let start = cpuTime()
            try write(samples, registry: registry, to: directory)
            writeSeconds = min(writeSeconds, seconds(since: start))
        }
        // One reader, three passes: the first maps its buffers (page faults), the best is the steady state
        // of a replay that reads block after block.
        var decodeSeconds = Double.infinity
        var checksum: UInt64 = 0
        let reader = try HistoryReader(directory: directory)
        for _ in 0..<3 {
            let start = cpuTime()
            checksum = 0
            let damage = reader.forEachBlock { block in
                for sample in block.samples { checksum &+= sample.value.bitPattern &+ UInt64(bitPattern: sample.timestamp) }
            }
            decodeSeconds = min(decodeSeconds, seconds(since: start))
            precondition(damage.isEmpty, "HistoryThroughput: damage in fresh history")
        }
        bytes = reader.segments.reduce(0) { $0 + $1.fileSize + $1.indexFileSize }
        let expected = samples.reduce(UInt64(0)) { $0 &+ $1.value.bitPattern &+ UInt64(bitPattern: $1.timestamp) }
        precondition(checksum == expected, "HistoryThroughput: history did not read back")

        print("  parse (Ingestor)                    \(rate(n / parseSeconds)) samples/s  (\(rate(Double(lines) / parseSeconds)) lines/s)")
        print("  write (HistoryWriter.append)    \(rate(n / writeSeconds)) samples/s  (journal, encode, zstd, write; batches of 4,096; no fsync)")
        print("  write time ÷ parse time         \(fixed(writeSeconds / parseSeconds))")
        print("  decode in arrival order         \(rate(n / decodeSeconds)) samples/s  (read, CRC32C, zstd, decode)")
        print("  size                            \(fixed(Double(bytes) / n)) bytes/sample")

        // Peak memory of a reader at two history sizes: the same history appended four times over.
        let small = try childPeakRSS(reading: directory)
        for _ in 0..<3 { try write(samples, registry: registry, to: directory) }
        let large = try childPeakRSS(reading: directory)
        print("  reader peak RSS, \(samples.count) samples: \(small / 1024) MiB; \(4 * samples.count) samples: \(large / 1024) MiB")
    }

    /// Appends `samples` to the history in `directory` in batches of 4,096 and closes it.
    static func write(_ samples: [Sample], registry: SeriesRegistry, to directory: String) throws {
        var configuration = HistoryConfiguration(directory: directory)
        configuration.fsync = .never
        let (writer, _) = try HistoryWriter.open(configuration)
        try samples.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: 4_096) {
                try writer.append(UnsafeBufferPointer(rebasing: all[start..<min(start + 4_096, all.count)])) { registry.labels(of: $0) }
            }
        }
        try writer.close()
    }

    /// Runs this executable with `--read directory` in a fresh process and returns its peak RSS in KiB.
    static func childPeakRSS(reading directory: String) throws -> Int {
        let command = "'\(CommandLine.arguments[0])' --read '\(directory)'"
        guard let pipe = popen(command, "r") else { fatalError("HistoryThroughput: popen failed") }
        var line = [CChar](repeating: 0, count: 256)
        let got = fgets(&line, 256, pipe) != nil
        guard pclose(pipe) == 0, got else { fatalError("HistoryThroughput: the reader child failed") }
        let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
        return fields.count == 2 ? Int(fields[1].filter(\.isNumber)) ?? -1 : -1
    }

    /// CPU time of this thread, in ns: the machine is shared, and wall time would count the waits for a core.
    static func cpuTime() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    static func seconds(since start: UInt64) -> Double { Double(cpuTime() - start) / 1e9 }

    /// This process's peak resident set (VmHWM) in KiB.
    static func peakRSS() -> Int {
        guard let file = fopen("/proc/self/status", "r") else { return -1 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") { return Int(text.dropFirst(6).filter(\.isNumber)) ?? -1 }
        }
        return -1
    }

    static func rate(_ x: Double) -> String { fixed(x / 1e6) + " M" }

    static func fixed(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func temporaryDirectory() -> String {
        var pattern = Array("/tmp/seismo-history-throughput-XXXXXX".utf8CString)
        guard let made = mkdtemp(&pattern) else { fatalError("HistoryThroughput: mkdtemp failed") }
        return String(cString: made)
    }

    /// Empties and removes `path` (a flat directory).
    static func removeDirectory(_ path: String) {
        guard let handle = opendir(path) else { return }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(handle)
        rmdir(path)
    }

    static func usage() -> Never {
        SampleText.printError("usage: HistoryThroughput [--series N] [--lines N]")
        exit(2)
    }
}
