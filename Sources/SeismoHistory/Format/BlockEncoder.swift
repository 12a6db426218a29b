import SeismoCore

/// Turns a run of samples (in arrival order) into one framed, compressed block.
///
/// Reusable: the scratch arrays keep their capacity between blocks, so a writer allocates only while its blocks
/// still grow. Body layout, before zstd:
///
/// 1. dictionary: per series, its id (varint) and labels (metric, label count, name/value strings);
/// 2. per series, its sample count (varint);
/// 3. per series, its timestamps (`TimestampCodec`, relative to the block's min time);
/// 4. per series, a `ValueColumnTag` and its values (`DecimalValueCodec` or `XORValueCodec`);
/// 5. the arrival order: per sample, its dictionary index minus the previous sample's (zigzag varint; the first
///    sample's is relative to 0). Input where series follow each other in a steady order (the usual scrape or
///    push loop) gives runs of `1` and one negative jump per round, which zstd reduces to almost nothing; any
///    other order is stored just as exactly. Decoding needs no merge of the columns, so its cost does not grow
///    with the series count.
struct BlockEncoder {
    let valueEncoding: ValueEncoding
    private let compressor: ZstdCompressor
    private var body = ByteWriter()
    /// Dictionary index per `SeriesID.index`, -1 when the series is not in the block; reset after each block.
    private var localIndex: [Int32] = []
    private var ids: [SeriesID] = []
    private var counts: [Int] = []
    private var starts: [Int] = []
    private var arrival: [Int32] = []
    private var timestamps: [Int64] = []
    private var values: [Double] = []
    private var integers: [Int64] = []
    private var scratch: [UInt64] = []

    init(valueEncoding: ValueEncoding, compressionLevel: Int32) {
        self.valueEncoding = valueEncoding
        compressor = ZstdCompressor(level: compressionLevel)
    }

    /// The frame (frame header, block header, compressed body) for `samples`, numbered from `firstSequence`.
    /// `labels` gives each series' labels. `samples` must not be empty.
    mutating func encode(
        _ samples: UnsafeBufferPointer<Sample>, firstSequence: UInt64, labels: (SeriesID) -> SeriesLabels
    ) -> (frame: [UInt8], header: BlockHeader) {
        precondition(!samples.isEmpty, "BlockEncoder: a block holds at least one sample")
        precondition(samples.count <= BlockHeader.maxSamples, "BlockEncoder: at most \(BlockHeader.maxSamples) samples per block")
        group(samples)
        let seriesCount = ids.count
        var minTime = Int64.max
        var maxTime = Int64.min
        for t in timestamps {
            minTime = min(minTime, t)
            maxTime = max(maxTime, t)
        }

        body.removeAll()
        for id in ids {
            body.appendVarint(UInt64(id.rawValue))
            labels(id).write(into: &body)
        }
        for count in counts { body.appendVarint(UInt64(count)) }
        timestamps.withUnsafeBufferPointer { all in
            for s in 0..<seriesCount {
                TimestampCodec.encode(UnsafeBufferPointer(rebasing: all[starts[s]..<(starts[s] + counts[s])]), base: minTime, into: &body)
            }
        }
        values.withUnsafeBufferPointer { all in
            for s in 0..<seriesCount {
                let column = UnsafeBufferPointer(rebasing: all[starts[s]..<(starts[s] + counts[s])])
                if valueEncoding == .automatic, let k = DecimalValueCodec.scale(column, integers: &integers) {
                    body.append(ValueColumnTag.decimal.rawValue)
                    DecimalValueCodec.encode(integers, scale: k, scratch: &scratch, into: &body)
                } else {
                    body.append(ValueColumnTag.xor.rawValue)
                    XORValueCodec.encode(column, into: &body)
                }
            }
        }
        var previous: Int32 = 0
        for s in arrival {
            body.appendSignedVarint(Int64(s &- previous))
            previous = s
        }

        let header = BlockHeader(
            seriesCount: seriesCount, sampleCount: samples.count, bodyLength: body.count,
            firstSequence: firstSequence, minTime: minTime, maxTime: maxTime
        )
        var payload = ByteWriter(reservingCapacity: BlockHeader.size + body.count / 2)
        header.write(into: &payload)
        body.bytes.withUnsafeBytes { compressor.compress($0, appendingTo: &payload.bytes) }
        return (FrameHeader.frame(payload.bytes, magic: FrameHeader.blockMagic), header)
    }

    /// Fills the dictionary (order of first appearance), the arrival order and the per-series columns.
    private mutating func group(_ samples: UnsafeBufferPointer<Sample>) {
        ids.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        arrival.removeAll(keepingCapacity: true)
        for sample in samples {
            let index = sample.series.index
            if index >= localIndex.count {
                localIndex.append(contentsOf: repeatElement(-1, count: index - localIndex.count + 1))
            }
            var local = localIndex[index]
            if local < 0 {
                local = Int32(ids.count)
                localIndex[index] = local
                ids.append(sample.series)
                counts.append(0)
            }
            counts[Int(local)] += 1
            arrival.append(local)
        }
        starts.removeAll(keepingCapacity: true)
        var offset = 0
        for count in counts {
            starts.append(offset)
            offset += count
        }
        timestamps.removeAll(keepingCapacity: true)
        timestamps.append(contentsOf: repeatElement(0, count: samples.count))
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: repeatElement(0, count: samples.count))
        var fill = starts
        for (i, sample) in samples.enumerated() {
            let s = Int(arrival[i])
            timestamps[fill[s]] = sample.timestamp
            values[fill[s]] = sample.value
            fill[s] += 1
        }
        for id in ids { localIndex[id.index] = -1 }
    }
}
