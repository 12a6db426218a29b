import SeismoCore

/// One `append` call as the journal keeps it: the samples, raw, numbered from `firstSequence`, and the labels of
/// the series the journal has not defined before.
///
/// Payload layout: first sequence (u64), definition count (varint), per definition the series id (varint) and
/// its labels, sample count (varint), then per sample its series id (u32), timestamp (i64) and value bits (u64),
/// little-endian: 20 bytes a sample, no compression (the journal is rewritten at every block; speed matters
/// more than size).
struct JournalRecord: Equatable {
    var firstSequence: UInt64
    var definitions: [BlockSeries]
    var samples: [Sample]

    static func encode(
        firstSequence: UInt64, definitions: [BlockSeries], samples: UnsafeBufferPointer<Sample>
    ) -> [UInt8] {
        var out = ByteWriter(reservingCapacity: 16 + definitions.count * 48 + samples.count * 20)
        out.appendLittleEndian(firstSequence)
        out.appendVarint(UInt64(definitions.count))
        for definition in definitions {
            out.appendVarint(UInt64(definition.id.rawValue))
            definition.labels.write(into: &out)
        }
        out.appendVarint(UInt64(samples.count))
        // One pass of stores into uninitialised memory: this runs on every append, for every sample.
        let raw = [UInt8](unsafeUninitializedCapacity: samples.count * 20) { buffer, count in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            for (i, sample) in samples.enumerated() {
                let at = base + i &* 20
                at.storeBytes(of: sample.series.rawValue.littleEndian, as: UInt32.self)
                (at + 4).storeBytes(of: sample.timestamp.littleEndian, as: Int64.self)
                (at + 12).storeBytes(of: sample.value.bitPattern.littleEndian, as: UInt64.self)
            }
            count = samples.count * 20
        }
        out.append(contentsOf: raw)
        return out.bytes
    }

    init(decoding payload: UnsafeRawBufferPointer) throws(MalformedData) {
        var reader = ByteReader(payload)
        firstSequence = try reader.readLittleEndian(UInt64.self)
        let definitionCount = try reader.readCount(limit: reader.remaining)
        definitions = []
        for _ in 0..<definitionCount {
            let raw = try reader.readVarint()
            guard raw <= UInt64(UInt32.max) else { throw MalformedData("series id \(raw) out of range") }
            definitions.append(BlockSeries(id: SeriesID(UInt32(raw)), labels: try SeriesLabels(from: &reader)))
        }
        let count = try reader.readCount(limit: reader.remaining / 20)
        guard firstSequence <= UInt64.max - UInt64(count) else { throw MalformedData("sequence numbers overflow") }
        samples = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let series = try reader.readLittleEndian(UInt32.self)
            let timestamp = try reader.readLittleEndian(Int64.self)
            let bits = try reader.readLittleEndian(UInt64.self)
            samples.append(Sample(series: SeriesID(series), timestamp: timestamp, value: Double(bitPattern: bits)))
        }
        guard reader.isAtEnd else { throw MalformedData("\(reader.remaining) bytes after the journal record") }
    }

    var endSequence: UInt64 { firstSequence + UInt64(samples.count) }
}
