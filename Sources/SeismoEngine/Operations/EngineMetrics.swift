import Metrics
import SeismoCore
import SeismoIngest

/// The engine's own metrics, as swift-metrics handles made once from the factory a run is given.
///
/// Nothing here is touched per line: the reader publishes its counters once per read chunk and the evaluation
/// thread once per batch, as deltas (see `IngestMetricsCursor`). Names and help texts are listed in the README
/// ("Operating Seismo") and in `SeismoOps.MetricCatalog`.
public struct EngineMetrics: Sendable {
    let linesRead: Counter
    let linesWithoutSamples: Counter
    let bytesRead: Counter
    let samplesAccepted: Counter
    let ignoredValues: Counter
    /// One counter per `RejectReason`, indexed by its raw value.
    let rejects: [Counter]
    let samplesDropped: Counter
    let samplesEvaluated: Counter
    let producerWait: FloatingPointCounter
    let ringDepth: Gauge
    let ringHighWater: Gauge
    let ringCapacity: Gauge
    let series: Gauge
    let evaluationBatch: Metrics.Timer
    let ruleTick: Metrics.Timer
    /// The history writer's bytes, blocks, syncs and sync durations (`--data`).
    let history: HistoryMetrics

    public init(factory: any MetricsFactory) {
        linesRead = Counter(label: "seismo_lines_read_total", factory: factory)
        linesWithoutSamples = Counter(label: "seismo_lines_without_samples_total", factory: factory)
        bytesRead = Counter(label: "seismo_bytes_read_total", factory: factory)
        samplesAccepted = Counter(label: "seismo_samples_accepted_total", factory: factory)
        ignoredValues = Counter(label: "seismo_values_ignored_total", factory: factory)
        rejects = RejectReason.allCases.map {
            Counter(label: "seismo_lines_rejected_total", dimensions: [("reason", $0.key)], factory: factory)
        }
        samplesDropped = Counter(label: "seismo_samples_dropped_total", factory: factory)
        samplesEvaluated = Counter(label: "seismo_samples_evaluated_total", factory: factory)
        producerWait = FloatingPointCounter(label: "seismo_producer_wait_seconds_total", factory: factory)
        ringDepth = Gauge(label: "seismo_ring_depth_samples", factory: factory)
        ringHighWater = Gauge(label: "seismo_ring_high_water_samples", factory: factory)
        ringCapacity = Gauge(label: "seismo_ring_capacity_samples", factory: factory)
        series = Gauge(label: "seismo_series", factory: factory)
        evaluationBatch = Metrics.Timer(label: "seismo_evaluation_batch_duration_seconds", factory: factory)
        ruleTick = Metrics.Timer(label: "seismo_rule_tick_duration_seconds", factory: factory)
        history = HistoryMetrics(factory: factory)
    }
}

/// The reader's side of `EngineMetrics`: remembers what was last published and adds only the difference.
///
/// Owned by the reader thread; `publish` costs a handful of atomic adds per read chunk, none per line.
struct IngestMetricsCursor {
    let metrics: EngineMetrics
    private var last = IngestStats()
    private var lastBytes: UInt64 = 0
    private var lastDropped: UInt64 = 0
    private var lastWaited: UInt64 = 0

    init(metrics: EngineMetrics, ringCapacity: Int) {
        self.metrics = metrics
        metrics.ringCapacity.record(ringCapacity)
    }

    /// Adds what changed since the last call.
    mutating func publish(
        stats: IngestStats, bytesRead: UInt64, dropped: UInt64, waitedNanoseconds: UInt64,
        ringDepth: Int, ringHighWater: Int, series: Int
    ) {
        func add(_ counter: Counter, _ now: UInt64, _ before: UInt64) {
            if now > before { counter.increment(by: Int64(now - before)) }
        }
        add(metrics.linesRead, stats.lines, last.lines)
        add(metrics.linesWithoutSamples, stats.emptyLines, last.emptyLines)
        add(metrics.samplesAccepted, stats.samples, last.samples)
        add(metrics.ignoredValues, stats.ignoredValues, last.ignoredValues)
        for i in stats.rejects.indices { add(metrics.rejects[i], stats.rejects[i], last.rejects[i]) }
        add(metrics.bytesRead, bytesRead, lastBytes)
        add(metrics.samplesDropped, dropped, lastDropped)
        if waitedNanoseconds > lastWaited { metrics.producerWait.increment(by: Double(waitedNanoseconds - lastWaited) / 1e9) }
        metrics.ringDepth.record(ringDepth)
        metrics.ringHighWater.record(ringHighWater)
        metrics.series.record(series)
        last = stats
        lastBytes = bytesRead
        lastDropped = dropped
        lastWaited = waitedNanoseconds
    }
}
