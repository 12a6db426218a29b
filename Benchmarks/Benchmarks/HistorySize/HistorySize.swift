#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZstdText
import SeismoCore
import SeismoHistory
import SeismoIngest
import SampleText
import SeismoWorkload

/// Bytes per sample of history against the text it came from: generator output (line protocol), parsed the way
/// `seismo run` parses it, written with `HistoryWriter` under several settings, read back and checked.
///
/// `swift run -c release HistorySize [--series N] [--lines N] [--seed N]`, or
/// `HistorySize --input FILE [--input-format influx|prometheus] [--brief]` to measure a given stream (with `--brief`
/// only the default settings, as `Benchmarks/history-size.sh` uses it).
@main
struct HistorySize {
    static func main() throws {
        var series = 100
        var lines = 100_000
        var seed: UInt64 = 1
        var input: String?
        var inputFormat = "influx"
        var brief = false
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let flag = arguments.next() {
            if flag == "--brief" {
                brief = true
                continue
            }
            guard let value = arguments.next() else { usage() }
            switch flag {
            case "--input": input = value
            case "--input-format" where value == "influx" || value == "prometheus": inputFormat = value
            default:
                guard let number = Int(value), number >= 0 else { usage() }
                switch flag {
                case "--series": series = number
                case "--lines": lines = number
                case "--seed": seed = UInt64(number)
                default: usage()
                }
            }
        }

        let text: [UInt8]
        let source: String
        if let input {
            guard let bytes = readFile(input) else { SampleText.printError("HistorySize: cannot read \(input)"); exit(1) }
            text = bytes
            source = input
        } else {
            text = WorkloadGenerator(WorkloadSpec(series: series, lines: lines, format: .influx, seed: seed)).renderedBytes()
            source = "\(series) series, \(lines) influx lines (seed \(seed))"
        }
        let (samples, registry) = inputFormat == "prometheus" ? SampleText.parse(text, with: PrometheusLineParser()) : SampleText.parse(text, with: InfluxLineParser())
        let n = Double(samples.count)
        if brief {
            let (bytes, _) = try measure(samples, registry: registry, template: {
                var configuration = HistoryConfiguration(directory: "")
                configuration.fsync = .never
                return configuration
            }())
            print("samples \(samples.count) series \(registry.count) history_bytes \(bytes) bytes_per_sample \(format(Double(bytes) / n))")
            return
        }
        print("HistorySize: \(source) → \(samples.count) samples, \(registry.count) series")
        print(pad("", 44) + pad("bytes", 14, right: true) + pad("bytes/sample", 14, right: true))
        func row(_ name: String, _ bytes: Int, _ note: String = "") {
            print(pad(name, 44) + pad("\(bytes)", 14, right: true) + pad(format(Double(bytes) / n), 14, right: true) + note)
        }
        row("raw text", text.count)
        for level: Int32 in [3, 19] { row("zstd -\(level) of the text", zstdSize(text, level: level)) }

        var settings: [(String, HistoryConfiguration)] = []
        let defaults = HistoryConfiguration(directory: "")
        for (name, blockSamples, level, encoding) in [
            ("history (defaults: zstd 3, see below)", defaults.minBlockSamples, defaults.compressionLevel, ValueEncoding.automatic),
            ("history, blocks of 128 samples", 128, 3, .automatic),
            ("history, blocks of 1k samples", 1_024, 3, .automatic),
            ("history, blocks of 8k samples", 8_192, 3, .automatic),
            ("history, blocks of 32k samples", 32_768, 3, .automatic),
            ("history, blocks of 64k samples", 65_536, 3, .automatic),
            ("history, zstd 1", defaults.minBlockSamples, 1, .automatic),
            ("history, zstd 9", defaults.minBlockSamples, 9, .automatic),
            ("history, Gorilla XOR values only", defaults.minBlockSamples, 3, .gorillaXOR),
        ] {
            var configuration = defaults
            configuration.fsync = .never
            if name.contains("blocks of") {
                // Exactly this many samples per block, whatever the series count.
                configuration.minBlockSamples = blockSamples
                configuration.maxBlockSamples = blockSamples
            }
            configuration.compressionLevel = level
            configuration.valueEncoding = encoding
            settings.append((name, configuration))
        }
        var defaultRates: (write: Double, read: Double)?
        for (name, template) in settings {
            let (bytes, rates) = try measure(samples, registry: registry, template: template)
            row(name, bytes)
            if defaultRates == nil { defaultRates = rates }
        }
        print("defaults: a block holds at least \(defaults.minBlockSamples) samples and \(defaults.samplesPerSeries) per series, "
            + "at most \(defaults.maxBlockSamples)")
        if let rates = defaultRates {
            print("default settings, one core, this run: writing \(format(rates.write / 1e6)) M samples/s "
                + "(journal, encode, compress, write; batches of 4,096; no fsync), reading \(format(rates.read / 1e6)) M samples/s (read, check, decode)")
        }
    }

    /// Writes `samples` into a fresh directory, reads them back (checking every bit), and returns the bytes on
    /// disk and the write and read rates.
    static func measure(
        _ samples: [Sample], registry: SeriesRegistry, template: HistoryConfiguration
    ) throws -> (Int, (write: Double, read: Double)) {
        var pattern = Array("/tmp/seismo-history-size-XXXXXX".utf8CString)
        guard let made = mkdtemp(&pattern) else { fatalError("HistorySize: mkdtemp failed") }
        let directory = String(cString: made)
        defer { removeDirectory(directory) }
        var configuration = template
        configuration.directory = directory

        let writeStart = Timestamp.monotonic()
        let (writer, _) = try HistoryWriter.open(configuration)
        // In batches of 4,096, as the engine's evaluation thread hands them over.
        try samples.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: 4_096) {
                let batch = UnsafeBufferPointer(rebasing: all[start..<min(start + 4_096, all.count)])
                try writer.append(batch) { registry.labels(of: $0) }
            }
        }
        try writer.close()
        let writeSeconds = Double(Timestamp.monotonic() - writeStart) / 1e9

        let readStart = Timestamp.monotonic()
        let reader = try HistoryReader(directory: directory)
        var read: [Sample] = []
        read.reserveCapacity(samples.count)
        let damage = reader.forEachBlock { block in read += block.samplesWithWrittenIDs }
        let readSeconds = Double(Timestamp.monotonic() - readStart) / 1e9
        precondition(damage.isEmpty, "HistorySize: damage in fresh history: \(damage)")
        precondition(
            read.count == samples.count && zip(read, samples).allSatisfy { $0.series == $1.series && $0.timestamp == $1.timestamp && $0.value.bitPattern == $1.value.bitPattern },
            "HistorySize: history did not read back bit for bit"
        )
        var bytes = 0
        for segment in reader.segments { bytes += Int(segment.fileSize + segment.indexFileSize) }
        return (bytes, (Double(samples.count) / writeSeconds, Double(samples.count) / readSeconds))
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    static func zstdSize(_ bytes: [UInt8], level: Int32) -> Int {
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let size = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                ZSTD_compress(output.baseAddress, bound, input.baseAddress, input.count, level)
            }
        }
        precondition(ZSTD_isError(size) == 0, "HistorySize: zstd failed")
        return size
    }

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

    static func format(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    static func usage() -> Never {
        SampleText.printError("usage: HistorySize [--series N] [--lines N] [--seed N] | --input FILE [--input-format influx|prometheus] [--brief]")
        exit(2)
    }
}
