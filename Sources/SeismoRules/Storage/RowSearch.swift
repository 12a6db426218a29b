/// The binary search both series buffers run over their time-ordered rows.
enum RowSearch {
    /// The first row in `low..<high` for which `isBefore` is false, given that `isBefore` holds for a prefix of
    /// the rows and not after it (rows ordered by time, `isBefore` a comparison with their time).
    @inline(__always)
    static func partitionPoint(_ low: Int, _ high: Int, isBefore: (Int) -> Bool) -> Int {
        var low = low
        var high = high
        while low < high {
            let mid = (low + high) / 2
            if isBefore(mid) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
