import AsyncHTTPClient
import CoreMetrics
import Dispatch
import Logging
import NIOCore
import SeismoCore
import SeismoEngine
import SeismoRules
import Synchronization

/// Delivers alert state changes to one or more Alertmanagers (`seismo run --alertmanager URL`).
///
/// The evaluation thread only appends to an in-memory inbox (`receive` never waits for the network); one task
/// owns an `AlertmanagerDelivery` state machine, makes the requests it asks for with AsyncHTTPClient, and sleeps
/// until its next deadline (a re-send or a retry). Call `finish()` once the engine has stopped: it flushes what
/// is pending, bounded by the configuration's `flushTimeout`, and returns the counts per Alertmanager.
public final class AlertmanagerSink: AlertSink {
    private enum Message: Sendable {
        case event(AlertEvent)
        /// A request ended; `problem` says what went wrong when it failed.
        case completed(AlertmanagerDelivery.Request, AlertmanagerDelivery.Outcome, problem: String?)
        case tick
        case finish
    }

    public let configuration: AlertmanagerConfiguration
    // Unbounded on purpose: the one consumer never waits for I/O, it only moves events into the state machine,
    // whose queues hold the bound (and deduplicate by alert, which a bounded inbox could not).
    private let inbox: AsyncStream<Message>.Continuation
    private let worker: Task<[DeliveryCounts], Never>
    private let finished = Mutex<[DeliveryCounts]?>(nil)

    /// Starts the delivery task.
    ///
    /// - Parameters:
    ///   - logger: failures, recoveries and drops are logged here.
    ///   - metricsFactory: where the `seismo_alertmanager_*` metrics are recorded.
    ///   - seed: seeds the retry jitter.
    public init(
        configuration: AlertmanagerConfiguration, logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory, seed: UInt64 = UInt64.random(in: 0...UInt64.max)
    ) {
        self.configuration = configuration
        let (stream, inbox) = AsyncStream<Message>.makeStream()
        self.inbox = inbox
        let metrics = configuration.urls.map { AlertmanagerMetrics(url: $0, factory: metricsFactory) }
        worker = Task {
            await Self.deliver(
                stream, inbox: inbox, machine: AlertmanagerDelivery(configuration: configuration, seed: seed),
                logger: logger, metrics: metrics
            )
        }
    }

    public func receive(_ event: AlertEvent) {
        guard event.state == .firing || event.state == .resolved else { return }
        inbox.yield(.event(event))
    }

    /// Nothing is held back here: events go to the delivery task as they arrive, and a request starts as soon as
    /// the previous one to the same Alertmanager ends (so what arrives meanwhile goes in one batch).
    public func flush() {}

    /// Sends what is pending (for at most `flushTimeout`), stops the delivery task and returns what happened per
    /// Alertmanager, in the order of `configuration.urls`. Calling it again returns the same counts.
    public func finish() async -> [DeliveryCounts] {
        inbox.yield(.finish)
        let counts = await worker.value
        inbox.finish()
        return counts
    }

    /// `finish()` for synchronous callers (the command line); blocks the calling thread, so never call it from
    /// a Swift concurrency task.
    public func finishBlocking() -> [DeliveryCounts] {
        let done = DispatchSemaphore(value: 0)
        Task {
            let counts = await self.finish()
            self.finished.withLock { $0 = counts }
            done.signal()
        }
        done.wait()
        return finished.withLock { $0! }
    }

    // MARK: The delivery task

    private static func deliver(
        _ stream: AsyncStream<Message>, inbox: AsyncStream<Message>.Continuation, machine initial: AlertmanagerDelivery,
        logger: Logger, metrics: [AlertmanagerMetrics]
    ) async -> [DeliveryCounts] {
        var machine = initial
        let configuration = machine.configuration
        let endpoints = configuration.urls.map(AlertmanagerConfiguration.endpoint(for:))
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = .init(connect: .nanoseconds(configuration.requestTimeout))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        var log = Log(logger: logger, urls: configuration.urls)
        /// The earliest wake-up already scheduled.
        var wakeAt: Int64?

        await withDiscardingTaskGroup { group in
            func perform(_ actions: [AlertmanagerDelivery.Action]) {
                for action in actions {
                    switch action {
                    case .send(let request):
                        metrics[request.target].sends.increment()
                        let endpoint = endpoints[request.target]
                        let timeout = configuration.requestTimeout
                        group.addTask {
                            let start = Timestamp.monotonic()
                            let (outcome, problem) = await post(request, to: endpoint, client: client, timeout: timeout)
                            metrics[request.target].duration.recordNanoseconds(Int64(Timestamp.monotonic() - start))
                            inbox.yield(.completed(request, outcome, problem: problem))
                        }
                    case .drop(let target, let count, let reason):
                        metrics[target].dropped[reason]?.increment(by: Int64(count))
                        log.dropped(count, target: target, reason: reason, total: machine.counts(target: target))
                    }
                }
            }

            perform(machine.tick(now: Timestamp.now()))
            for await message in stream {
                let now = Timestamp.now()
                switch message {
                case .event(let event):
                    perform(machine.receive(event, now: now))
                case .completed(let request, let outcome, let problem):
                    switch outcome {
                    case .delivered:
                        metrics[request.target].alertsSent.increment(by: Int64(request.alerts.count))
                        log.delivered(target: request.target)
                    case .failed:
                        metrics[request.target].failures.increment()
                        log.failed(target: request.target, alerts: request.alerts.count, problem: problem ?? "")
                    }
                    perform(machine.completed(request, outcome: outcome, now: now))
                case .tick:
                    if let scheduled = wakeAt, scheduled <= now { wakeAt = nil }
                    perform(machine.tick(now: now))
                case .finish:
                    perform(machine.beginDrain(now: now))
                }
                for target in configuration.urls.indices {
                    metrics[target].queueLength.record(machine.pendingCount(target: target))
                }
                if machine.isFinished { break }
                if let due = machine.nextDeadline, wakeAt.map({ due < $0 }) ?? true {
                    wakeAt = due
                    group.addTask {
                        let delay = due - Timestamp.now()
                        if delay > 0 { try? await Task.sleep(for: .nanoseconds(delay)) }
                        inbox.yield(.tick)
                    }
                }
            }
            // Requests still in flight were given up at the drain deadline; sleeping wake-ups are not needed.
            group.cancelAll()
        }
        try? await client.shutdown()
        return configuration.urls.indices.map { machine.counts(target: $0) }
    }

    /// Posts one batch and classifies the result: 2xx delivered; 4xx (except 408 and 429) refused for good;
    /// anything else (5xx, timeouts, connection errors) worth retrying. The second value says what went wrong.
    private static func post(
        _ request: AlertmanagerDelivery.Request, to endpoint: String, client: HTTPClient, timeout: Int64
    ) async -> (AlertmanagerDelivery.Outcome, String?) {
        var http = HTTPClientRequest(url: endpoint)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        http.headers.add(name: "User-Agent", value: "seismo")
        http.body = .bytes(ByteBuffer(bytes: AlertmanagerAlert.renderBatch(request.alerts)))
        do {
            let response = try await client.execute(http, timeout: .nanoseconds(timeout))
            let body = try await response.body.collect(upTo: 64 * 1024)
            let code = response.status.code
            if (200..<300).contains(code) { return (.delivered, nil) }
            let problem = "HTTP \(code): \(String(buffer: body).prefix(200))"
            let retryable = !(400..<500).contains(code) || code == 408 || code == 429
            return (.failed(retryable: retryable), problem)
        } catch {
            return (.failed(retryable: true), "\(error)")
        }
    }
}

extension AlertmanagerSink {
    /// Log lines about delivery, kept few: the first failure of an outage and the recovery, and drops when the
    /// running total reaches 1, 2, 4, 8, … per target (a long outage logs a handful of lines, not one per alert).
    struct Log {
        let logger: Logger
        let urls: [String]
        private var failing: Set<Int> = []

        init(logger: Logger, urls: [String]) {
            self.logger = logger
            self.urls = urls
        }

        mutating func failed(target: Int, alerts: Int, problem: String) {
            let metadata: Logger.Metadata = [
                "alertmanager": "\(urls[target])", "alerts": "\(alerts)", "problem": "\(problem)",
            ]
            if failing.insert(target).inserted {
                logger.warning("alertmanager request failed; retrying with backoff", metadata: metadata)
            } else {
                logger.debug("alertmanager request failed again", metadata: metadata)
            }
        }

        mutating func delivered(target: Int) {
            if failing.remove(target) != nil {
                logger.notice("alertmanager reachable again", metadata: ["alertmanager": "\(urls[target])"])
            }
        }

        func dropped(_ count: Int, target: Int, reason: DeliveryCounts.DropReason, total counts: DeliveryCounts) {
            let total = counts.droppedTotal
            let before = total - UInt64(count)
            // Log when the total crosses a power of two.
            guard before == 0 || (UInt64.bitWidth - before.leadingZeroBitCount) != (UInt64.bitWidth - total.leadingZeroBitCount)
            else { return }
            logger.warning(
                "alerts dropped",
                metadata: [
                    "alertmanager": "\(urls[target])", "reason": "\(reason.rawValue)", "count": "\(count)",
                    "dropped_total": "\(total)",
                ]
            )
        }
    }
}
