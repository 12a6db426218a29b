#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore
import SeismoIngest

/// Text turned into samples the way the engine does it, for the measurements that start from parsed samples.
public enum SampleText {
    /// Parses `text` line by line with `parser` (no out-of-order limit), handing samples over every 4,096 lines as
    /// the engine's reader does; rejections are printed on stderr. Returns the samples and the registry that
    /// knows their series' labels.
    public static func parse<P: LineParser>(_ text: [UInt8], with parser: P) -> ([Sample], SeriesRegistry) {
        let registry = SeriesRegistry()
        var limits = IngestLimits()
        limits.outOfOrderWindow = .max
        var ingestor = Ingestor(
            parser: parser,
            context: ParseContext(series: SeriesTable(limits: limits, registry: registry)),
            rejectLog: RejectLog(write: { printError($0) })
        )
        var samples: [Sample] = []
        text.withUnsafeBytes { bytes in
            var start = 0
            var number: UInt64 = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") {
                number += 1
                ingestor.ingest(line: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), number: number)
                start = i + 1
                if number & 4_095 == 0 { ingestor.takeSamples { samples += $0 } }
            }
        }
        ingestor.takeSamples { samples += $0 }
        return (samples, registry)
    }

    /// Writes `message` and a newline to stderr, unbuffered.
    public static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
