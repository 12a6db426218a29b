/// Which value encodings a writer may use.
public enum ValueEncoding: Sendable, Equatable {
    /// Per series and block: scaled decimal integers when every value is a decimal with at most 12 fraction
    /// digits (`DecimalValueCodec`), Gorilla XOR otherwise. The default.
    case automatic
    /// Gorilla XOR for every column; for comparison in measurements.
    case gorillaXOR
}

/// The tag before each value column in a block body.
enum ValueColumnTag: UInt8 {
    case xor = 0
    case decimal = 1
}
