/// Merges a block's per-series timestamp columns into one sequence: repeatedly the series whose next timestamp
/// is smallest, ties to the lower dictionary index.
///
/// Each column keeps its own order, so a series with out-of-order samples is merged by its current head. The
/// writer runs the same merge to decide whether the arrival order can be rebuilt from timestamps alone (then it
/// stores nothing) or must be stored. O(n log s) for n samples over s series, with a binary heap.
struct SeriesMerge {
    private let timestamps: UnsafeBufferPointer<Int64>
    /// Next unread position per series, and the end of its column.
    private var cursor: [Int]
    private var end: [Int]
    /// Series with samples left, as a min-heap on (head timestamp, series index).
    private var heap: [Int32]

    /// `timestamps` holds the columns back to back; column `s` is `starts[s] ..< starts[s] + counts[s]`.
    init(timestamps: UnsafeBufferPointer<Int64>, starts: [Int], counts: [Int]) {
        self.timestamps = timestamps
        cursor = starts
        end = zip(starts, counts).map { $0 + $1 }
        heap = []
        heap.reserveCapacity(starts.count)
        for s in 0..<starts.count where counts[s] > 0 {
            heap.append(Int32(s))
            siftUp(heap.count - 1)
        }
    }

    /// The series of the next sample in merged order, or nil when all are consumed.
    @inline(__always)
    mutating func next() -> Int? {
        guard let top = heap.first else { return nil }
        let s = Int(top)
        cursor[s] &+= 1
        if cursor[s] == end[s] {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
        } else {
            siftDown(0)
        }
        return s
    }

    @inline(__always)
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let ta = timestamps[cursor[Int(a)]]
        let tb = timestamps[cursor[Int(b)]]
        return ta != tb ? ta < tb : a < b
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i &- 1) / 2
            guard precedes(heap[i], heap[parent]) else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let count = heap.count
        while true {
            let left = 2 &* i &+ 1
            guard left < count else { return }
            let right = left &+ 1
            var smallest = left
            if right < count, precedes(heap[right], heap[left]) { smallest = right }
            guard precedes(heap[smallest], heap[i]) else { return }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }
}
