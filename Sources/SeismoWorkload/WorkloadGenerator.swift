#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore
import SeismoIngest

/// Produces a seeded, deterministic multi-series metric stream in any input format, with anomalies injected
/// on a seeded schedule and reported as ground truth.
///
/// ```swift
/// let generator = WorkloadGenerator(WorkloadSpec(series: 50, lines: 1_000_000, format: .prometheus, seed: 7))
/// generator.write { chunk in fwrite(chunk.baseAddress, 1, chunk.count, stdout) }
/// let truth = generator.anomalies
/// ```
///
/// Building the generator draws the series' shapes and the whole anomaly schedule (O(series + anomalies));
/// `write` then renders the lines straight into a reusable 64 KiB block, with no allocation per line.
public struct WorkloadGenerator: Sendable {
    public let spec: WorkloadSpec
    /// The series, in order of first appearance (series `i` writes lines `i`, `i + series`, ...).
    public let series: [WorkloadSeries]
    /// The injected anomalies, ordered by `start`, then `seriesIndex`.
    public let anomalies: [InjectedAnomaly]

    /// The most bytes `write` hands to its sink at once.
    public static let chunkSize = 64 * 1024

    private let models: [SeriesModel]
    private let schedule: AnomalySchedule
    private let templates: LineTemplates

    /// Prepares the workload of `spec`.
    ///
    /// Traps on misuse: `format == .auto`, `series < 1`, `lines < 0`, `interval < 1` or `dayPeriod < 1`.
    public init(_ spec: WorkloadSpec) {
        precondition(spec.format != .auto, "WorkloadGenerator: .auto is not an output format; pick a concrete one")
        precondition(spec.series >= 1, "WorkloadGenerator: a workload needs at least one series")
        precondition(spec.lines >= 0, "WorkloadGenerator: lines cannot be negative")
        precondition(spec.interval >= 1 && spec.dayPeriod >= 1, "WorkloadGenerator: interval and dayPeriod must be positive")
        self.spec = spec

        var ordinals: [WorkloadSeries.Kind: Int] = [:]
        var series: [WorkloadSeries] = []
        var written: [[Label]] = []
        var models: [SeriesModel] = []
        for index in 0..<spec.series {
            let kind = WorkloadSeries.Kind.rotation[index % WorkloadSeries.Kind.rotation.count]
            let ordinal = ordinals[kind, default: 0]
            ordinals[kind] = ordinal + 1
            let labels = kind.labels(ordinal: ordinal)
            let canonical = SeriesLabels(metric: kind.metric, labels: labels)
            let named: SeriesLabels
            switch spec.format {
            case .csv: named = SeriesLabels(metric: kind.dottedName(labels))
            case .graphite where !kind.graphiteTagged: named = SeriesLabels(metric: kind.dottedName(labels))
            default: named = canonical
            }
            let secondary = spec.format == .influx
                ? kind.secondaryField.map { SeriesLabels(metric: kind.influxMeasurement + "_" + $0, labels: labels) }
                : nil
            series.append(WorkloadSeries(
                kind: kind, canonical: canonical, labels: named, secondary: secondary,
                sampleCount: spec.sampleCount(ofSeries: index)
            ))
            written.append(labels)
            models.append(SeriesModel(kind: kind, seed: spec.seed, index: index))
        }
        self.series = series
        self.models = models
        templates = LineTemplates(format: spec.format, series: series, written: written)
        let schedule = AnomalySchedule(spec: spec, models: models)
        self.schedule = schedule

        var anomalies: [InjectedAnomaly] = []
        anomalies.reserveCapacity(schedule.entries.count)
        for (index, range) in schedule.ranges.enumerated() {
            for entry in schedule.entries[range] {
                anomalies.append(InjectedAnomaly(
                    series: series[index].labels, seriesIndex: index, kind: entry.kind,
                    start: Self.written(spec.timestamp(series: index, sample: entry.first), format: spec.format),
                    end: Self.written(spec.timestamp(series: index, sample: entry.last), format: spec.format),
                    samples: entry.first...entry.last
                ))
            }
        }
        anomalies.sort { ($0.start, $0.seriesIndex) < ($1.start, $1.seriesIndex) }
        self.anomalies = anomalies
    }

    /// Lines before the first sample: two per metric family for prometheus (`# HELP`, `# TYPE`), one for csv.
    public var headerLineCount: Int { templates.headerLineCount }

    /// Every line `write` produces: `headerLineCount + spec.lines`. Each ends with `\n`.
    public var lineCount: Int { headerLineCount + spec.lines }

    /// Renders the whole stream and hands it to `sink` in order, in chunks of at most `chunkSize` bytes that
    /// end on line boundaries. A chunk's memory is reused once `sink` returns. Calling `write` again renders
    /// the same bytes again.
    public func write(to sink: (UnsafeRawBufferPointer) -> Void) {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
        defer { memory.deallocate() }
        var out = OutputBuffer(base: memory, capacity: Self.chunkSize)
        // Room for a line's fixed pieces plus its numbers (timestamp, two values, ISO date: < 100 bytes).
        let longestLine = templates.longest + 128
        precondition(longestLine <= Self.chunkSize, "WorkloadGenerator: labels too long for a chunk")

        for byte in templates.header {
            if out.remaining == 0 {
                sink(out.bytes)
                out.reset()
            }
            out.append(byte)
        }

        var models = self.models
        var cursors = schedule.ranges.map(\.lowerBound)
        let format = spec.format
        let lines = spec.lines
        let seriesCount = spec.series
        let start = spec.start
        let interval = spec.interval
        let stagger = interval / Int64(seriesCount)
        let radiansPerNanosecond = 2 * Double.pi / Double(spec.dayPeriod)
        let resetProbability = spec.counterResetRate / 1000

        templates.arena.withUnsafeBytes { arena in
            schedule.entries.withUnsafeBufferPointer { entries in
                schedule.ranges.withUnsafeBufferPointer { ranges in
                    models.withUnsafeMutableBufferPointer { models in
                        cursors.withUnsafeMutableBufferPointer { cursors in
                            var s = 0
                            var k = 0
                            var line = 0
                            while line < lines {
                                if out.remaining < longestLine {
                                    sink(out.bytes)
                                    out.reset()
                                }
                                let t = start &+ Int64(k) &* interval &+ Int64(s) &* stagger

                                var c = cursors[s]
                                let end = ranges[s].upperBound
                                while c < end, entries[c].last < k { c &+= 1 }
                                cursors[s] = c
                                let anomaly: ScheduledAnomaly? = c < end && entries[c].first <= k ? entries[c] : nil

                                let daily = sin(radiansPerNanosecond * Double(t &- start) + models[s].phase)
                                let (primary, secondary) = models[s].next(
                                    sample: k, daily: daily, anomaly: anomaly, resetProbability: resetProbability
                                )
                                Self.render(
                                    format: format, kind: models[s].kind, timestamp: t, primary: primary,
                                    secondary: secondary, head: UnsafeRawBufferPointer(rebasing: arena[templates.heads[s]]),
                                    middle: UnsafeRawBufferPointer(rebasing: arena[templates.middles[s]]),
                                    tail: UnsafeRawBufferPointer(rebasing: arena[templates.tails[s]]), into: &out
                                )

                                line &+= 1
                                s &+= 1
                                if s == seriesCount {
                                    s = 0
                                    k &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        if out.count > 0 { sink(out.bytes) }
    }

    /// The whole stream in one array; for tests and small workloads.
    public func renderedBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// One data line.
    @inline(__always)
    private static func render(
        format: InputFormat, kind: WorkloadSeries.Kind, timestamp t: Int64, primary: Double, secondary: Double,
        head: UnsafeRawBufferPointer, middle: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer,
        into out: inout OutputBuffer
    ) {
        switch format {
        case .influx:
            out.append(head)
            appendValue(primary, kind: kind, into: &out)
            if kind.isInteger { out.append(UInt8(ascii: "i")) }
            if !middle.isEmpty {
                out.append(middle)
                out.append(decimal: secondary, places: 2)
            }
            out.append(UInt8(ascii: " "))
            out.append(integer: t)
        case .prometheus:
            out.append(head)
            appendValue(primary, kind: kind, into: &out)
            out.append(UInt8(ascii: " "))
            out.append(integer: floorDivide(t, 1_000_000).quotient)
        case .graphite:
            out.append(head)
            appendValue(primary, kind: kind, into: &out)
            out.append(UInt8(ascii: " "))
            out.append(integer: floorDivide(t, 1_000_000_000).quotient)
        case .statsd:
            out.append(head)
            appendValue(kind == .counter ? secondary : primary, kind: kind, into: &out)
            out.append(tail)
        case .jsonl:
            out.append(head)
            appendValue(primary, kind: kind, into: &out)
            out.append(#","timestamp":"#)
            out.append(integer: floorDivide(t, 1_000_000).quotient)
            out.append(UInt8(ascii: "}"))
        case .csv:
            out.append(iso8601Milliseconds: floorDivide(t, 1_000_000).quotient)
            out.append(head)
            appendValue(primary, kind: kind, into: &out)
        case .auto:
            preconditionFailure("unreachable: init rejects .auto")
        }
        out.append(UInt8(ascii: "\n"))
    }

    @inline(__always)
    private static func appendValue(_ value: Double, kind: WorkloadSeries.Kind, into out: inout OutputBuffer) {
        if kind.isInteger {
            out.append(integer: Int64(value))
        } else {
            out.append(decimal: value, places: kind.places)
        }
    }

    /// A timestamp as the format writes it (truncated to its resolution), back in ns.
    static func written(_ t: Int64, format: InputFormat) -> Int64 {
        switch format {
        case .prometheus, .jsonl, .csv: floorDivide(t, 1_000_000).quotient * 1_000_000
        case .graphite: floorDivide(t, 1_000_000_000).quotient * 1_000_000_000
        case .influx, .statsd, .auto: t
        }
    }
}
