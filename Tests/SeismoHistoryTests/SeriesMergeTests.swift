@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct SeriesMergeTests {
    /// The definition, step by step: the live column with the smallest (head timestamp, index).
    static func reference(_ columns: [[Int64]]) -> [Int] {
        var cursor = [Int](repeating: 0, count: columns.count)
        var order: [Int] = []
        while true {
            var best: Int?
            for s in columns.indices where cursor[s] < columns[s].count {
                if let b = best, columns[b][cursor[b]] <= columns[s][cursor[s]] { continue }
                best = s
            }
            guard let s = best else { return order }
            order.append(s)
            cursor[s] += 1
        }
    }

    @Test func loserTreeMatchesTheDefinition() {
        var rng = SplitMix64(seed: 19)
        let pool: [Int64] = [.min, -5, 0, 0, 1, 2, 3, .max, .max]
        for trial in 0..<400 {
            let columns = (0..<Int.random(in: 1...37, using: &rng)).map { _ in
                (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                    trial % 2 == 0 ? pool.randomElement(using: &rng)! : Int64.random(in: -50...50, using: &rng)
                }
            }
            let flat = columns.flatMap { $0 }
            var starts: [Int] = []
            var offset = 0
            for column in columns {
                starts.append(offset)
                offset += column.count
            }
            let order = flat.withUnsafeBufferPointer { all in
                var merge = SeriesMerge(timestamps: all, starts: starts, counts: columns.map(\.count))
                var order: [Int] = []
                while let s = merge.next() { order.append(s) }
                return order
            }
            #expect(order == Self.reference(columns), "trial \(trial)")
        }
    }
}
