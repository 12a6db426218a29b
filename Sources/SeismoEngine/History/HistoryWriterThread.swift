import Foundation
import SeismoCore
import SeismoHistory
import SeismoIngest
import SeismoRing

/// The thread that appends to history: the evaluation thread hands it batches through a lock-free ring, and it
/// journals, encodes and compresses them with a `HistoryWriter`, so that this work runs beside evaluation rather
/// than in its way. With `--fsync always` a backlog is appended (and synced) as one batch: group commit.
///
/// `@unchecked Sendable`: `writer`, `failure` and the ack file are touched only by the thread between `start()`
/// and the semaphore signal, and by the caller after `join()` waited on it, which orders the two. The producer
/// side (`push`) is the evaluation thread only.
final class HistoryWriterThread: @unchecked Sendable {
    let writer: HistoryWriter
    private let ring: SPSCRing<Sample>
    private let labels: @Sendable (SeriesID) -> SeriesLabels
    private let acknowledgement: HistoryAcknowledgement?
    /// Self-metrics of the writer (`--metrics-listen`), updated after each append and idle flush.
    var metrics: HistoryMetrics?
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    /// The error that stopped appending; later batches are taken from the ring and dropped.
    private(set) var failure: HistoryError?
    /// Records pushed so far (samples and markers), on the producer's side.
    private(set) var pushed: UInt64 = 0

    init(
        writer: HistoryWriter, capacity: Int, acknowledgement: HistoryAcknowledgement?,
        labels: @escaping @Sendable (SeriesID) -> SeriesLabels
    ) {
        self.writer = writer
        ring = SPSCRing(capacity: capacity)
        self.acknowledgement = acknowledgement
        self.labels = labels
    }

    func start() {
        started = true
        let thread = Thread { [self] in
            var mask = sigset_t()
            sigemptyset(&mask)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&mask, signal) }
            pthread_sigmask(SIG_BLOCK, &mask, nil)
            let buffer = UnsafeMutableBufferPointer<Sample>.allocate(capacity: 1 << 16)
            defer { buffer.deallocate() }
            var pause: UInt32 = 20  // µs, doubling to 1 ms while the ring stays empty
            while true {
                var n = ring.pop(into: buffer)
                if n == 0 {
                    if ring.isClosed {
                        n = ring.pop(into: buffer)
                        if n == 0 { break }
                    } else {
                        attempt { () throws(HistoryError) in try writer.flushIfDue() }
                        acknowledgement?.update(writer.durableSequence)
                        metrics?.record(writer.statistics)
                        usleep(pause)
                        pause = min(pause * 2, 1000)
                        continue
                    }
                }
                pause = 20
                let batch = UnsafeBufferPointer(rebasing: buffer[0..<n])
                attempt { () throws(HistoryError) in try writer.append(batch, labels: labels) }
                acknowledgement?.update(writer.durableSequence)
                metrics?.record(writer.statistics)
            }
            finished.signal()
        }
        thread.name = "seismo-history"
        thread.start()
    }

    /// Hands `batch` (history ids) to the thread, waiting while the ring is full: history never drops samples.
    func push(_ batch: UnsafeBufferPointer<Sample>) {
        ring.pushAll(batch)
        pushed &+= UInt64(batch.count)
    }

    /// Closes the ring and waits until everything pushed has been appended.
    func join() {
        ring.close()
        if started { finished.wait() }
    }

    private func attempt(_ body: () throws(HistoryError) -> Void) {
        guard failure == nil else { return }
        do throws(HistoryError) {
            try body()
        } catch {
            failure = error
        }
    }
}
