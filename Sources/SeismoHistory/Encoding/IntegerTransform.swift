/// How `DecimalValueCodec` turns a column of scaled integers into small unsigned numbers before byte planes.
///
/// Chosen per column by the smallest total bit length: iid noise around a level favours `frameOfReference`
/// (a delta of two noisy values is noisier than either), a random walk favours `delta`, a counter growing at a
/// steady rate favours `deltaOfDelta`.
enum IntegerTransform: UInt8, CaseIterable {
    /// `n - min(n)`.
    case frameOfReference = 0
    /// zigzag(`n[i] - n[i-1]`), after the first value.
    case delta = 1
    /// zigzag(`(n[i] - n[i-1]) - (n[i-1] - n[i-2])`), after the first value and the first delta.
    case deltaOfDelta = 2
}
