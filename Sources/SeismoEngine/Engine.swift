import Foundation
import Logging
import SeismoCore
import SeismoIngest
import SeismoRing
import SeismoRules

/// Runs the pipeline on one input: a reader thread parses lines into samples and hands them through a lock-free
/// ring to an evaluation thread.
///
/// The reader is the calling thread; the evaluator gets a thread of its own. The engine only wires stages:
/// parsing lives in `SeismoIngest`, the hand-off in `SeismoRing`, judgement in `Evaluator`.
public final class Engine {
    public let configuration: EngineConfiguration
    public let registry = SeriesRegistry()
    /// The series store of the last run with a rule set: input series and the outputs the rules' detectors, health
    /// classifiers and SLOs published, as they stood at the end. nil before such a run.
    public private(set) var seriesStore: SeriesStore?
    private let logger: Logger
    /// History of the next run, once `openHistory()` opened it (`--data`).
    var history: HistoryStage?

    public init(configuration: EngineConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads `fd` to its end (or until `shouldStop` turns true), then drains the ring and returns the summary.
    ///
    /// - Parameters:
    ///   - rejectOutput: receives one message per reported rejection (the first few of each reason).
    ///   - shouldStop: polled between reads; a signal handler sets it. Reading stops, everything read is drained.
    ///   - reload: polled between reads (SIGHUP): a new rule set takes effect after every sample read so far and
    ///     before the next, keeping the state of unchanged rules and declarations; a failed reload is counted.
    ///     Ignored without a rule set in the configuration.
    public func run(
        fd: Int32,
        rejectOutput: @escaping (String) -> Void,
        shouldStop: @escaping () -> Bool = { false },
        reload: @escaping () -> RuleReload? = { nil }
    ) -> RunSummary {
        let started = Timestamp.monotonic()
        let input = InputSetup(
            fd: fd, format: configuration.format, precision: configuration.precision, limits: configuration.limits,
            readSize: configuration.readSize, rejectsShownPerReason: configuration.rejectsShownPerReason,
            registry: registry, rejectOutput: rejectOutput, logger: logger
        )
        let format = input.format
        var pump = Pump(engine: self, reader: input.reader, context: input.context, log: input.log, shouldStop: shouldStop, reload: reload)
        var summary = format.withParser(&pump)
        summary.format = format
        summary.elapsedNanoseconds = Timestamp.monotonic() - started
        return summary
    }

    /// Runs the reader loop with the format's concrete parser.
    private struct Pump: ParserVisitor {
        let engine: Engine
        let reader: LineReader
        let context: ParseContext
        let log: RejectLog
        let shouldStop: () -> Bool
        let reload: () -> RuleReload?

        func visit<Parser: LineParser>(_ parser: Parser) -> RunSummary {
            engine.pump(reader, parser, context, log, shouldStop, reload)
        }
    }

    /// The reader loop, specialized per parser so the hot path has no dynamic dispatch.
    private func pump<Parser: LineParser>(
        _ reader: LineReader,
        _ parser: Parser,
        _ context: ParseContext,
        _ log: RejectLog,
        _ shouldStop: () -> Bool,
        _ reload: () -> RuleReload?
    ) -> RunSummary {
        let ring = SPSCRing<Sample>(capacity: configuration.ringCapacity)
        var initial = Evaluator(configuration: configuration, registry: registry)
        let warmUp = warmUpFromHistory(&initial, table: context.series)
        // With rules and without dropping, the declared detectors judge samples on this thread (see `DetectorLane`).
        var handOff: DetectorHandOff? = nil
        if configuration.overflow == .block, let ruleSet = configuration.ruleSet {
            let verdicts = SPSCRing<DetectorVerdict>(capacity: DetectorHandOff.verdictCapacity)
            if let stage = initial.takeVerdicts(from: VerdictFeed(ring: verdicts)) {
                handOff = DetectorHandOff(lane: DetectorLane(ruleSet: ruleSet, continuing: stage), verdicts: verdicts)
            }
        }
        let mailbox = RuleMailbox()
        let evaluation = EvaluationThread(
            ring: ring, evaluator: initial, idleAdvanceAfter: configuration.idleAdvanceAfter, history: history,
            metrics: configuration.metrics, board: configuration.statusBoard, liveness: configuration.liveness,
            mailbox: mailbox
        )
        evaluation.start()
        var progress = ProgressPublisher(configuration: configuration, ringCapacity: ring.capacity)

        var ingestor = Ingestor(parser: parser, context: context, rejectLog: log, source: configuration.source)
        let dropMode = configuration.overflow == .drop
        var dropped: UInt64 = 0
        var pushed: UInt64 = 0
        var reloads: (ok: UInt64, failed: UInt64) = (0, 0)
        var waited: UInt64 = 0
        var interrupted = false
        while true {
            if shouldStop() {
                interrupted = true
                break
            }
            if configuration.ruleSet != nil, let outcome = reload() {
                switch outcome {
                case .loaded(let ruleSet):
                    mailbox.post(ruleSet, after: pushed)
                    handOff?.reload(ruleSet)
                    reloads.ok += 1
                case .failed:
                    reloads.failed += 1
                }
            }
            ingestor.context.arrivalTime = Timestamp.now()
            let result = reader.pump(into: &ingestor)
            ingestor.takeSamples { samples in
                samples.withUnsafeBufferPointer { batch in
                    if dropMode {
                        let accepted = ring.push(contentsOf: batch)
                        dropped &+= UInt64(batch.count - accepted)
                        pushed &+= UInt64(accepted)
                    } else if handOff != nil {
                        waited &+= handOff!.push(batch, into: ring, registry: registry)
                        pushed &+= UInt64(batch.count)
                    } else {
                        waited &+= ring.pushAll(batch)
                        pushed &+= UInt64(batch.count)
                    }
                }
            }
            progress?.publish(
                stats: ingestor.stats, bytesRead: reader.bytesRead, dropped: dropped, waitedNanoseconds: waited,
                ringDepth: ring.count, ringHighWater: ring.highWaterMark, series: registry.count
            )
            if result == .endOfInput { break }
        }
        ring.close()
        let evaluator = evaluation.join()
        seriesStore = evaluator.store
        return RunSummary(
            format: .auto,
            ingest: ingestor.stats,
            series: registry.count,
            bytesRead: reader.bytesRead,
            evaluated: evaluator.evaluated - warmUp.evaluated,
            dropped: dropped,
            producerWaitNanoseconds: waited,
            ringHighWater: ring.highWaterMark,
            anomalies: evaluator.anomalies - warmUp.anomalies,
            derivedSeries: evaluator.derivedSeries,
            alertEvents: configuration.ruleSet == nil ? nil : evaluator.alertEvents,
            ruleErrors: evaluator.ruleErrors - warmUp.ruleErrors,
            ruleReloads: reloads.ok,
            failedRuleReloads: reloads.failed,
            eventTime: evaluator.eventTime,
            elapsedNanoseconds: 0,
            interrupted: interrupted,
            history: history?.report
        )
    }
}
