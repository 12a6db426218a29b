/// Segment and index file names: `seg-<first sequence>.sz` and `seg-<first sequence>.idx`, the sequence number
/// zero-padded to 20 digits so that name order is sequence order.
enum SegmentName {
    static let prefix = "seg-"
    static let segmentSuffix = ".sz"
    static let indexSuffix = ".idx"

    static func segment(_ firstSequence: UInt64) -> String {
        prefix + padded(firstSequence) + segmentSuffix
    }

    static func index(_ firstSequence: UInt64) -> String {
        prefix + padded(firstSequence) + indexSuffix
    }

    /// The first sequence number in a segment file's name, or nil for any other name.
    static func sequence(ofSegment name: String) -> UInt64? {
        guard name.hasPrefix(prefix), name.hasSuffix(segmentSuffix) else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(segmentSuffix.count)
        guard digits.count == 20, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return UInt64(digits)
    }

    private static func padded(_ n: UInt64) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
