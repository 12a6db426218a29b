import SeismoCore
import SeismoRing
import Testing

/// Single-threaded behaviour of the ring, checked against an array as the reference model.
@Suite struct SPSCRingTests {
    @Test(arguments: [(1, 1), (2, 2), (3, 4), (5, 8), (8, 8), (1000, 1024), (1024, 1024), (1025, 2048)])
    func capacityRoundsUpToAPowerOfTwo(requested: Int, expected: Int) {
        #expect(SPSCRing<UInt64>(capacity: requested).capacity == expected)
    }

    @Test func popReturnsElementsInFIFOOrder() {
        let ring = SPSCRing<UInt64>(capacity: 4)
        #expect(ring.pop() == nil)
        #expect(ring.push(1))
        #expect(ring.push(2))
        #expect(ring.push(3))
        #expect(ring.pop() == 1)
        #expect(ring.pop() == 2)
        #expect(ring.push(4))
        #expect(ring.pop() == 3)
        #expect(ring.pop() == 4)
        #expect(ring.pop() == nil)
    }

    /// Random push, pop and lend batches, sized up to twice the capacity so they hit full, empty and the wrap-around
    /// seam, against an array model: counts returned, contents, `count` and the high-water mark must agree.
    @Test(arguments: [(1, UInt64(1)), (2, 2), (8, 3), (8, 4), (64, 5), (1000, 6)])
    func randomBatchesMatchAnArrayModel(capacity: Int, seed: UInt64) {
        let ring = SPSCRing<UInt64>(capacity: capacity)
        let capacity = ring.capacity
        var random = SplitMix64(seed: seed)
        var model: [UInt64] = []
        var next: UInt64 = 0
        var deepest = 0
        var input = [UInt64](repeating: 0, count: 2 * capacity)
        var output = [UInt64](repeating: 0, count: 2 * capacity)

        for step in 0..<4000 {
            let size = Int(random.next() % UInt64(2 * capacity + 1))
            if random.next() % 2 == 0 {
                for i in 0..<size { input[i] = next &+ UInt64(i) }
                let pushed = input.withUnsafeBufferPointer {
                    ring.push(contentsOf: UnsafeBufferPointer(rebasing: $0[..<size]))
                }
                let expected = min(size, capacity - model.count)
                #expect(pushed == expected, "step \(step): pushed \(pushed) of \(size) with \(model.count) queued")
                model += input[..<pushed]
                next &+= UInt64(pushed)
                if pushed > 0 { deepest = max(deepest, model.count) }
            } else if random.next() % 2 == 0 {
                // Lent in place: one contiguous run, cut short at the wrap-around seam; part of it released.
                let lent = ring.lend(upTo: size)
                let seam = capacity - Int(next &- UInt64(model.count)) % capacity
                #expect(lent.count == min(size, model.count, seam), "step \(step): lent \(lent.count) of \(size)")
                #expect(Array(lent) == Array(model.prefix(lent.count)), "step \(step)")
                let released = lent.isEmpty ? 0 : Int(random.next() % UInt64(lent.count + 1))
                ring.release(released)
                model.removeFirst(released)
            } else {
                let popped = output.withUnsafeMutableBufferPointer {
                    ring.pop(into: UnsafeMutableBufferPointer(rebasing: $0[..<size]))
                }
                let expected = min(size, model.count)
                #expect(popped == expected, "step \(step): popped \(popped) of \(size) with \(model.count) queued")
                #expect(Array(output[..<popped]) == Array(model.prefix(popped)), "step \(step)")
                model.removeFirst(min(popped, model.count))
            }
            #expect(ring.count == model.count, "step \(step)")
            #expect(ring.highWaterMark == deepest, "step \(step)")
        }
        #expect(next > UInt64(4 * capacity), "the run should wrap around the ring several times")
    }

    /// Drop mode: a non-blocking push reports how many leading elements it took; the caller counts the rest as
    /// dropped, and exactly the taken ones come out.
    @Test func pushReportsHowManyFitForDropAccounting() {
        let ring = SPSCRing<UInt64>(capacity: 8)
        var dropped = 0
        func offer(_ values: [UInt64]) -> Int {
            let taken = values.withUnsafeBufferPointer { ring.push(contentsOf: $0) }
            dropped += values.count - taken
            return taken
        }
        #expect(offer([0, 1, 2, 3, 4]) == 5)
        #expect(offer([5, 6, 7, 8, 9]) == 3)
        #expect(offer([10]) == 0)
        #expect(offer([]) == 0)
        #expect(dropped == 3)
        #expect(ring.count == 8)
        #expect(ring.highWaterMark == 8)

        var out = [UInt64](repeating: 0, count: 16)
        let popped = out.withUnsafeMutableBufferPointer { ring.pop(into: $0) }
        #expect(Array(out[..<popped]) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(offer([11, 12]) == 2)
        #expect(ring.pop() == 11)
    }

    @Test func closedRingDrainsThenReportsEnd() {
        let ring = SPSCRing<UInt64>(capacity: 8)
        #expect(ring.pushAll([1, 2, 3, 4, 5]) == 0)
        #expect(!ring.isClosed)
        ring.close()
        #expect(ring.isClosed)
        var out = [UInt64](repeating: 0, count: 3)
        let first = out.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
        #expect(first == 3)
        #expect(out == [1, 2, 3])
        let second = out.withUnsafeMutableBufferPointer { ring.popWait(into: $0) }
        #expect(second == 2)
        #expect(out[..<2] == [4, 5])
        #expect(out.withUnsafeMutableBufferPointer { ring.popWait(into: $0) } == 0)
        #expect(out.withUnsafeMutableBufferPointer { ring.popWait(into: $0) } == 0)
    }

    @Test func lendWaitLendsWhatIsLeftThenReportsEnd() {
        let ring = SPSCRing<UInt64>(capacity: 8)
        #expect(ring.pushAll([1, 2, 3]) == 0)
        ring.close()
        #expect(Array(ring.lendWait(upTo: 2)) == [1, 2])
        ring.release(2)
        #expect(Array(ring.lendWait(upTo: 8)) == [3])
        ring.release(1)
        #expect(ring.lendWait(upTo: 8).isEmpty)
    }

    @Test func pushAllWithRoomDoesNotWait() {
        let ring = SPSCRing<UInt64>(capacity: 16)
        #expect(ring.pushAll(Array(0..<16)) == 0)
        #expect(ring.count == 16)
    }

    @Test func carriesMultiWordStructs() {
        struct Triple: BitwiseCopyable, Equatable {
            var a: Int64
            var b: Double
            var c: UInt32
        }
        let ring = SPSCRing<Triple>(capacity: 4)
        let values = (0..<6).map { Triple(a: Int64($0), b: Double($0) / 2, c: UInt32($0 * 3)) }
        #expect(values.withUnsafeBufferPointer { ring.push(contentsOf: $0) } == 4)
        #expect(ring.pop() == values[0])
        #expect(ring.pop() == values[1])
        #expect(values.withUnsafeBufferPointer { ring.push(contentsOf: UnsafeBufferPointer(rebasing: $0[4...])) } == 2)
        let rest = [ring.pop(), ring.pop(), ring.pop(), ring.pop(), ring.pop()]
        #expect(rest == [values[2], values[3], values[4], values[5], nil])
    }
}

