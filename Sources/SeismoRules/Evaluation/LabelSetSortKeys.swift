import SeismoCore

/// Byte strings whose plain byte order is Prometheus's order of label sets (`labels.Compare`), so large selections
/// sort with `memcmp`-style comparisons instead of walking label arrays.
///
/// Each label set becomes its pairs in Prometheus's order (`__name__` among the labels), every name and value
/// followed by a 0 byte; bytes 0 and 1 inside a value are escaped as 1 1 and 1 2, so the terminator still sorts
/// below any content and a shorter name or value sorts first, as in Go. All keys share one buffer.
///
/// Most label sets handed in are in order already (a selection comes out sorted and most operations keep its
/// order), so `init` first compares neighbours in place and builds no keys when they are.
struct LabelSetSortKeys {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ labelSets: [SeriesLabels]) {
        if Self.isInOrder(labelSets) { return }
        ends.reserveCapacity(labelSets.count)
        for labels in labelSets { append(labels) }
    }

    /// Whether no label set sorts before the one preceding it, in the order of the keys (not built).
    static func isInOrder(_ labelSets: [SeriesLabels]) -> Bool {
        guard labelSets.count > 1 else { return true }
        for i in 1..<labelSets.count where precedes(labelSets[i], labelSets[i - 1]) { return false }
        return true
    }

    /// The order of the keys without building them: the Prometheus pairs compared name, then value, by UTF-8
    /// bytes (what comparing the escaped, 0-terminated keys byte by byte amounts to).
    static func precedes(_ a: SeriesLabels, _ b: SeriesLabels) -> Bool {
        var x = PrometheusPairWalk(a)
        var y = PrometheusPairWalk(b)
        while true {
            guard let p = x.next() else { return y.next() != nil }
            guard let q = y.next() else { return false }
            if let order = byteOrder(p.name, q.name) { return order }
            if let order = byteOrder(p.value, q.value) { return order }
        }
    }

    /// nil when equal, else whether `a` sorts first by UTF-8 bytes (a prefix first).
    private static func byteOrder(_ a: String, _ b: String) -> Bool? {
        if a == b { return nil }  // often the same storage: one compare
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func append(_ labels: SeriesLabels) {
        var namePending = !labels.metric.isEmpty
        for label in labels.labels {
            if namePending, label.name > SeriesLabels.metricNameLabel {
                appendPair(SeriesLabels.metricNameLabel, labels.metric)
                namePending = false
            }
            appendPair(label.name, label.value)
        }
        if namePending { appendPair(SeriesLabels.metricNameLabel, labels.metric) }
        ends.append(bytes.count)
    }

    private mutating func appendPair(_ name: String, _ value: String) {
        appendEscaped(name)
        appendEscaped(value)
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            if byte <= 1 {
                bytes.append(1)
                bytes.append(byte + 1)
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(0)
    }

    /// The permutation that sorts the label sets (stable), or nil when they are in order already.
    func ordering() -> [Int]? {
        guard ends.count > 1 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [Int]? in
            let base = buffer.baseAddress!
            func less(_ i: Int, _ j: Int) -> Bool {
                let iStart = i == 0 ? 0 : ends[i - 1]
                let jStart = j == 0 ? 0 : ends[j - 1]
                let iCount = ends[i] - iStart
                let jCount = ends[j] - jStart
                var k = 0
                let n = Swift.min(iCount, jCount)
                while k < n {
                    let a = base[iStart + k]
                    let b = base[jStart + k]
                    if a != b { return a < b }
                    k += 1
                }
                return iCount < jCount
            }
            var sorted = true
            for i in 1..<ends.count where less(i, i - 1) {
                sorted = false
                break
            }
            if sorted { return nil }
            var order = Array(ends.indices)
            order.sort(by: less)
            return order
        }
    }
}
