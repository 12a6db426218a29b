/// Maps signed integers to unsigned ones so that small magnitudes of either sign stay small:
/// 0, -1, 1, -2, 2 … become 0, 1, 2, 3, 4 ….
enum ZigZag {
    @inline(__always)
    static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value &<< 1) ^ (value &>> 63))
    }

    @inline(__always)
    static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value &>> 1) ^ (0 &- (value & 1)))
    }
}
