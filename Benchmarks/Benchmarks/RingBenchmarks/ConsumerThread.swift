import Benchmark
import Foundation
import SeismoCore
import SeismoRing

/// The consuming side of a ring transfer on its own thread: pops until the ring is closed and drained and
/// counts what it received; `join()` waits for it.
final class ConsumerThread: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var received = 0
    private var finished = false

    init(ring: SPSCRing<Sample>, batch: Int) {
        let thread = Thread { [self] in
            var count = 0
            var checksum: Int64 = 0
            withUnsafeTemporaryAllocation(of: Sample.self, capacity: batch) { buffer in
                while true {
                    let popped = ring.popWait(into: buffer)
                    if popped == 0 { break }
                    count += popped
                    checksum &+= buffer[popped - 1].timestamp
                }
            }
            blackHole(checksum)
            condition.lock()
            received = count
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Waits until the ring is drained and returns how many samples came out.
    func join() -> Int {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        return received
    }
}
