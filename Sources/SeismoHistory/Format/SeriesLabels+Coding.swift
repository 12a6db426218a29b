import SeismoCore

extension SeriesLabels {
    /// Appends the metric, the label count and each label's name and value (varint-length strings).
    func write(into out: inout ByteWriter) {
        out.appendString(metric)
        out.appendVarint(UInt64(labels.count))
        for label in labels {
            out.appendString(label.name)
            out.appendString(label.value)
        }
    }

    /// Reads what `write(into:)` wrote.
    init(from reader: inout ByteReader) throws(MalformedData) {
        let metric = try reader.readString()
        let count = try reader.readCount(limit: reader.remaining / 2)
        var labels: [Label] = []
        labels.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.readString()
            labels.append(Label(name: name, value: try reader.readString()))
        }
        self.init(metric: metric, labels: labels)
    }
}
