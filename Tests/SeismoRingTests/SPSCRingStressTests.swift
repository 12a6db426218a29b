import SeismoCore
import Foundation
import SeismoRing
import Testing

/// Two threads, one ring: sequence numbers must arrive exactly once, in order, whatever the batch sizes and
/// however often the ring runs full or empty. Run under the thread sanitizer as well (see README).
@Suite struct SPSCRingStressTests {
    /// Producer batch sizes, cycled: single elements, odd sizes that straddle the wrap-around seam, and batches
    /// larger than the ring that `pushAll` must split.
    static let producerBatches = [1, 3, 64, 500, 1024, 4000, 17]
    /// Consumer buffer sizes, cycled.
    static let consumerBatches = [1, 7, 256, 1024, 5000, 33]

    /// Moves `total` sequence numbers through `ring` with `pushAll` and `popWait`; returns what the consumer saw:
    /// how many arrived and the first out-of-order position, if any.
    static func transfer(total: Int, through ring: SPSCRing<UInt64>, producerBatches: [Int], consumerBatches: [Int])
        -> (received: Int, firstMismatch: (index: Int, value: UInt64)?)
    {
        let consumer = JoinableThread(name: "ring-consumer") { () -> (Int, Int, UInt64) in
            var buffer = [UInt64](repeating: 0, count: consumerBatches.max()!)
            var expected: UInt64 = 0
            var mismatchIndex = -1
            var mismatchValue: UInt64 = 0
            var round = 0
            while true {
                let size = consumerBatches[round % consumerBatches.count]
                round &+= 1
                let popped = buffer.withUnsafeMutableBufferPointer { all in
                    let slice = UnsafeMutableBufferPointer(rebasing: all[..<size])
                    let popped = ring.popWait(into: slice)
                    for i in 0..<popped where mismatchIndex < 0 && slice[i] != expected &+ UInt64(i) {
                        mismatchIndex = Int(expected) + i
                        mismatchValue = slice[i]
                    }
                    return popped
                }
                if popped == 0 { break }
                expected &+= UInt64(popped)
            }
            return (Int(expected), mismatchIndex, mismatchValue)
        }

        var batch = [UInt64](repeating: 0, count: producerBatches.max()!)
        var next = 0
        var round = 0
        while next < total {
            let size = min(producerBatches[round % producerBatches.count], total - next)
            round &+= 1
            batch.withUnsafeMutableBufferPointer { all in
                for i in 0..<size { all[i] = UInt64(next + i) }
                _ = ring.pushAll(UnsafeBufferPointer(rebasing: all[..<size]))
            }
            next += size
        }
        ring.close()

        let (received, mismatchIndex, mismatchValue) = consumer.join()
        return (received, mismatchIndex < 0 ? nil : (mismatchIndex, mismatchValue))
    }

    @Test func twentyMillionSequenceNumbersArriveInOrder() {
        let total = 20_000_000
        let ring = SPSCRing<UInt64>(capacity: 1024)
        let result = Self.transfer(
            total: total, through: ring, producerBatches: Self.producerBatches, consumerBatches: Self.consumerBatches
        )
        #expect(result.firstMismatch == nil, "first out-of-order element: \(String(describing: result.firstMismatch))")
        #expect(result.received == total)
        #expect(ring.count == 0)
        #expect(ring.highWaterMark <= ring.capacity)
        #expect(ring.highWaterMark > 0)
    }

    /// A ring of 8 keeps both sides racing on the full and empty conditions and wraps every few elements.
    @Test(arguments: [(producer: [1, 2, 3, 5, 8, 13], consumer: [1, 2, 3, 5, 8, 13]), (producer: [7], consumer: [1]),
                      (producer: [1], consumer: [9])])
    func tinyRingWrapsUnderContention(producer: [Int], consumer: [Int]) {
        let total = 1_000_000
        let ring = SPSCRing<UInt64>(capacity: 8)
        let result = Self.transfer(total: total, through: ring, producerBatches: producer, consumerBatches: consumer)
        #expect(result.firstMismatch == nil, "first out-of-order element: \(String(describing: result.firstMismatch))")
        #expect(result.received == total)
    }

    /// The consumer reads in place (`lend`) and hands the slots back in two parts while the producer waits for room:
    /// every element arrives once, in order, and nothing the consumer still holds is overwritten.
    @Test(arguments: [8, 1024])
    func lentRunsArriveInOrderAcrossThreads(capacity: Int) {
        let total = 2_000_000
        let ring = SPSCRing<UInt64>(capacity: capacity)
        let consumer = JoinableThread(name: "ring-lender") { () -> (received: Int, mismatch: Int) in
            var expected: UInt64 = 0
            var mismatch = -1
            var round = 0
            while true {
                let lent = ring.lend(upTo: Self.consumerBatches[round % Self.consumerBatches.count])
                round &+= 1
                if lent.isEmpty {
                    if ring.isClosed, ring.lend(upTo: 1).isEmpty { break }
                    continue
                }
                let half = lent.count / 2
                for i in 0..<half where mismatch < 0 && lent[i] != expected &+ UInt64(i) { mismatch = Int(expected) + i }
                ring.release(half)
                // The second half is still held: the producer must not have overwritten it.
                for i in half..<lent.count where mismatch < 0 && lent[i] != expected &+ UInt64(i) { mismatch = Int(expected) + i }
                ring.release(lent.count - half)
                expected &+= UInt64(lent.count)
            }
            return (Int(expected), mismatch)
        }
        var batch = [UInt64](repeating: 0, count: Self.producerBatches.max()!)
        var next = 0
        var round = 0
        while next < total {
            let size = min(Self.producerBatches[round % Self.producerBatches.count], total - next)
            round &+= 1
            for i in 0..<size { batch[i] = UInt64(next + i) }
            batch.withUnsafeBufferPointer { _ = ring.pushAll(UnsafeBufferPointer(rebasing: $0[..<size])) }
            next += size
        }
        ring.close()
        let result = consumer.join()
        #expect(result.mismatch == -1, "first out-of-order element at \(result.mismatch)")
        #expect(result.received == total)
    }

    /// Drop mode across threads: the producer never waits and drops what does not fit; exactly the elements it
    /// was told were taken arrive, in order.
    @Test func dropModeDeliversExactlyTheAcceptedElements() {
        let ring = SPSCRing<UInt64>(capacity: 64)
        let consumer = JoinableThread(name: "ring-consumer") { () -> [UInt64] in
            var received: [UInt64] = []
            var buffer = [UInt64](repeating: 0, count: 50)
            while true {
                let popped = buffer.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
                if popped == 0 { return received }
                received += buffer[..<popped]
            }
        }

        var accepted: [UInt64] = []
        var offered = 0
        var batch = [UInt64](repeating: 0, count: 40)
        var random = SplitMix64(seed: 7)
        var next: UInt64 = 0
        while offered < 1_000_000 {
            let size = 1 + Int(random.next() % 40)
            for i in 0..<size { batch[i] = next &+ UInt64(i) }
            let taken = batch.withUnsafeBufferPointer { ring.push(contentsOf: UnsafeBufferPointer(rebasing: $0[..<size])) }
            accepted += batch[..<taken]
            next &+= UInt64(size)  // the rest of the batch is dropped, never offered again
            offered += size
        }
        ring.close()
        let received = consumer.join()

        #expect(received.count == accepted.count)
        #expect(received == accepted)
        #expect(accepted.count <= offered)
    }

    @Test func popWaitWakesWhenAnElementArrives() {
        let ring = SPSCRing<UInt64>(capacity: 8)
        let consumer = JoinableThread(name: "ring-consumer") { () -> [UInt64] in
            var buffer = [UInt64](repeating: 0, count: 4)
            let popped = buffer.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
            return Array(buffer[..<popped])
        }
        Thread.sleep(forTimeInterval: 0.005)  // likely, not necessarily, lets the consumer start waiting
        #expect(ring.push(42))
        #expect(consumer.join() == [42])
        ring.close()
    }

    @Test func popWaitReturnsZeroWhenClosedEmpty() {
        let ring = SPSCRing<UInt64>(capacity: 8)
        let consumer = JoinableThread(name: "ring-consumer") { () -> Int in
            var buffer = [UInt64](repeating: 0, count: 4)
            return buffer.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
        }
        Thread.sleep(forTimeInterval: 0.005)
        ring.close()
        #expect(consumer.join() == 0)
    }

    /// The consumer pops nothing until the ring is full, so `pushAll` of twice the capacity must wait and must
    /// say so, and still deliver everything in order.
    @Test func pushAllWaitsWhileFullAndReportsTheWait() {
        let ring = SPSCRing<UInt64>(capacity: 4)
        let consumer = JoinableThread(name: "ring-consumer") { () -> [UInt64] in
            while ring.count < ring.capacity { Thread.sleep(forTimeInterval: 0.0001) }
            var received: [UInt64] = []
            var buffer = [UInt64](repeating: 0, count: 3)
            while true {
                let popped = buffer.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
                if popped == 0 { return received }
                received += buffer[..<popped]
            }
        }
        let waited = ring.pushAll(Array(0..<8))
        ring.close()
        #expect(waited > 0)
        #expect(consumer.join() == Array(0..<8))
    }
}
