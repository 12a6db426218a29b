/// Where a block sits in its segment file, with its header: enough to choose blocks by time or sequence
/// without reading their bodies.
public struct BlockLocation: Equatable, Sendable {
    /// Offset of the block's frame header in the segment file.
    public var offset: Int64
    /// Frame header plus payload, in bytes.
    public var length: Int
    public var header: BlockHeader

    public init(offset: Int64, length: Int, header: BlockHeader) {
        self.offset = offset
        self.length = length
        self.header = header
    }

    /// Offset just past the block.
    public var end: Int64 { offset + Int64(length) }
}
