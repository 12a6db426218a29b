import SeismoCore
/// InfluxDB line-protocol input for the parser benchmarks: about 80-byte lines with 2 or 3 tags over 10,000
/// series, with realistic float and integer values and increasing nanosecond timestamps.
///
/// Deliberately minimal and local to the benchmarks; a seeded generator, so every run parses the same bytes.
struct LineProtocolCorpus {
    /// The lines, each followed by `\n`.
    let bytes: [UInt8]
    /// Where each line is in `bytes`, newline excluded.
    let lines: [Range<Int>]

    /// Measurement, numeric field, and whether the series carries a third tag.
    private static let measurements: [(name: String, field: String, integer: Bool, dc: Bool)] = [
        ("cpu", "usage_user", false, true),
        ("mem", "used_percent", false, false),
        ("disk", "io_time", true, true),
        ("net", "bytes_recv", true, false),
        ("http_requests", "value", false, true),
    ]
    private static let regions = ["eu-west-1", "us-east-2", "ap-south-1", "sa-east-1"]

    init(lines count: Int, series: Int = 10_000, seed: UInt64 = 0x5E15_0000) {
        var random = SplitMix64(seed: seed)
        let hosts = series / Self.measurements.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 84)
        var lines: [Range<Int>] = []
        lines.reserveCapacity(count)
        var timestamp: Int64 = 1_700_000_000_000_000_000
        for _ in 0..<count {
            let measurement = Self.measurements[Int(random.next() % UInt64(Self.measurements.count))]
            let host = Int(random.next() % UInt64(hosts))
            var line = "\(measurement.name),host=host-\(host),region=\(Self.regions[host % Self.regions.count])"
            if measurement.dc { line += ",dc=dc\(host % 7)" }
            line += " \(measurement.field)="
            if measurement.integer {
                line += "\(random.next() % 10_000_000)i"
            } else {
                let thousandths = random.next() % 1_000_000
                let fraction = String(thousandths % 1000)
                line += "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
            }
            timestamp += Int64(random.next() % 1_000_000)
            line += " \(timestamp)"
            let start = bytes.count
            bytes += line.utf8
            lines.append(start..<bytes.count)
            bytes.append(UInt8(ascii: "\n"))
        }
        self.bytes = bytes
        self.lines = lines
    }
}

