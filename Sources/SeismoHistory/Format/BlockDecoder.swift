import SeismoCore

/// Turns a block's payload (block header and compressed body, checksum already verified) back into samples.
///
/// Reusable: keeps its zstd context and scratch arrays between blocks. Every count and length read from the body
/// is checked, so a payload that passed its checksum but does not decode throws `MalformedData`, never traps.
struct BlockDecoder {
    private let decompressor = ZstdDecompressor()
    private var body: [UInt8] = []
    private var timestamps: [Int64] = []
    private var values: [Double] = []
    private var scratch: [UInt64] = []
    private var pairs: [TimedValue] = []
    /// A finished block's sample array, handed back by a reader that is done with it (`recycle`), so the next
    /// block decodes into memory already mapped instead of a fresh allocation (page faults and zeroing cost
    /// more than decoding). A caller that kept the block keeps its samples: the array is then shared and
    /// `removeAll(keepingCapacity:)` allocates anew.
    private var recycled: [Sample] = []
    /// The frame buffer readers fill before checking and decoding it; see `takeFrameBuffer`.
    private var frameBuffer: [UInt8] = []

    /// Gives back the samples of a decoded block the caller has finished with.
    mutating func recycle(_ samples: inout [Sample]) {
        swap(&samples, &recycled)
    }

    /// Lends the reusable frame buffer; the caller returns it with `returnFrameBuffer`.
    mutating func takeFrameBuffer() -> [UInt8] {
        var buffer: [UInt8] = []
        swap(&buffer, &frameBuffer)
        return buffer
    }

    mutating func returnFrameBuffer(_ buffer: consuming [UInt8]) {
        frameBuffer = buffer
    }

    /// A sample without its series: the columns interleaved, so that rebuilding the arrival order (a gather
    /// across every series' column) touches one cache line per series and round instead of two.
    struct TimedValue {
        var timestamp: Int64
        var value: Double
    }

    init() {}

    /// Reads only the fixed header.
    static func header(of payload: UnsafeRawBufferPointer) throws(MalformedData) -> BlockHeader {
        var reader = ByteReader(payload)
        return try BlockHeader(from: &reader)
    }

    mutating func decode(_ payload: UnsafeRawBufferPointer) throws(MalformedData) -> DecodedBlock {
        var headerReader = ByteReader(payload)
        let header = try BlockHeader(from: &headerReader)
        try decompressor.decompress(
            UnsafeRawBufferPointer(rebasing: payload[headerReader.position...]), size: header.bodyLength, into: &body
        )
        // Move the scratch arrays out (no copy: `self` keeps empty ones) so they can be mutated while `body`
        // is borrowed, and put them back with their capacity afterwards.
        var timestamps: [Int64] = []
        var values: [Double] = []
        var scratch: [UInt64] = []
        var pairs: [TimedValue] = []
        swap(&timestamps, &self.timestamps)
        swap(&values, &self.values)
        swap(&scratch, &self.scratch)
        swap(&pairs, &self.pairs)
        var samples: [Sample] = []
        swap(&samples, &recycled)
        samples.removeAll(keepingCapacity: true)
        defer {
            self.timestamps = timestamps
            self.values = values
            self.scratch = scratch
            self.pairs = pairs
        }
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)

        let result = body.withUnsafeBytes { bytes in
            Result { () throws(MalformedData) -> DecodedBlock in
                try Self.decodeBody(
                    bytes, header: header, timestamps: &timestamps, values: &values, scratch: &scratch, pairs: &pairs,
                    samples: &samples
                )
            }
        }
        return try result.get()
    }

    /// Decompresses the body and reads only its series dictionary (what listing a history needs).
    mutating func dictionary(_ payload: UnsafeRawBufferPointer) throws(MalformedData) -> (header: BlockHeader, series: [BlockSeries]) {
        var headerReader = ByteReader(payload)
        let header = try BlockHeader(from: &headerReader)
        try decompressor.decompress(
            UnsafeRawBufferPointer(rebasing: payload[headerReader.position...]), size: header.bodyLength, into: &body
        )
        let result = body.withUnsafeBytes { bytes in
            Result { () throws(MalformedData) -> [BlockSeries] in
                var reader = ByteReader(bytes)
                return try Self.readDictionary(&reader, count: header.seriesCount)
            }
        }
        return (header, try result.get())
    }

    private static func readDictionary(_ reader: inout ByteReader, count: Int) throws(MalformedData) -> [BlockSeries] {
        var series: [BlockSeries] = []
        series.reserveCapacity(count)
        for _ in 0..<count {
            let raw = try reader.readVarint()
            guard raw <= UInt64(UInt32.max) else { throw MalformedData("series id \(raw) out of range") }
            series.append(BlockSeries(id: SeriesID(UInt32(raw)), labels: try SeriesLabels(from: &reader)))
        }
        return series
    }

    private static func decodeBody(
        _ bytes: UnsafeRawBufferPointer, header: BlockHeader,
        timestamps: inout [Int64], values: inout [Double], scratch: inout [UInt64], pairs: inout [TimedValue],
        samples: inout [Sample]
    ) throws(MalformedData) -> DecodedBlock {
        var reader = ByteReader(bytes)
        let seriesCount = header.seriesCount
        let series = try readDictionary(&reader, count: seriesCount)
        var counts: [Int] = []
        counts.reserveCapacity(seriesCount)
        var total = 0
        for _ in 0..<seriesCount {
            let count = try reader.readCount(limit: header.sampleCount)
            guard count >= 1 else { throw MalformedData("series without samples") }
            total += count
            counts.append(count)
        }
        guard total == header.sampleCount else {
            throw MalformedData("series counts add up to \(total), header says \(header.sampleCount)")
        }
        var starts: [Int] = []
        starts.reserveCapacity(seriesCount)
        for count in counts {
            starts.append(timestamps.count)
            try TimestampCodec.decode(count: count, base: header.minTime, from: &reader, into: &timestamps)
        }
        for count in counts {
            switch ValueColumnTag(rawValue: try reader.readByte()) {
            case .decimal: try DecimalValueCodec.decode(count: count, from: &reader, scratch: &scratch, into: &values)
            case .xor: try XORValueCodec.decode(count: count, from: &reader, into: &values)
            case nil: throw MalformedData("unknown value column tag")
            }
        }

        samples.reserveCapacity(total)
        var cursor = starts
        // `cursor[s]` may reach `limit[s]` and no further: the arrival column names every sample's series, and
        // must name each series exactly as often as its count says.
        let limit = zip(starts, counts).map { $0 + $1 }
        guard values.count == total else { throw MalformedData("\(values.count) values for \(total) samples") }
        pairs.removeAll(keepingCapacity: true)
        pairs.reserveCapacity(total)
        for i in 0..<total { pairs.append(TimedValue(timestamp: timestamps[i], value: values[i])) }
        try pairs.withUnsafeBufferPointer { (pairs) throws(MalformedData) in
            try cursor.withUnsafeMutableBufferPointer { (cursor) throws(MalformedData) in
                try limit.withUnsafeBufferPointer { (limit) throws(MalformedData) in
                    var s = 0
                    for _ in 0..<total {
                        s &+= Int(truncatingIfNeeded: try reader.readSignedVarint())
                        guard s >= 0, s < seriesCount else { throw MalformedData("arrival order names series \(s) of \(seriesCount)") }
                        let i = cursor[s]
                        guard i < limit[s] else { throw MalformedData("arrival order overruns series \(s)") }
                        cursor[s] = i &+ 1
                        let pair = pairs[i]
                        samples.append(Sample(series: SeriesID(UInt32(truncatingIfNeeded: s)), timestamp: pair.timestamp, value: pair.value))
                    }
                }
            }
        }
        guard reader.isAtEnd else { throw MalformedData("\(reader.remaining) bytes after the block body") }
        for t in timestamps where t < header.minTime || t > header.maxTime {
            throw MalformedData("timestamp \(t) outside the header's range")
        }
        return DecodedBlock(header: header, series: series, samples: samples)
    }
}
