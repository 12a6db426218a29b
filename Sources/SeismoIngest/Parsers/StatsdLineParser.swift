import SeismoCore

/// StatsD and DogStatsD: `name:value[:value...]|type[|@rate][|#tag:value,tag2,...][|T<seconds>][|...]`.
///
/// - Types: `c` counter, `g` gauge, `ms` timer, `h` histogram, `d` distribution, `s` set. The type shapes the value
///   but is not part of the series: the series is the name as written plus the DogStatsD tags.
/// - Counters emit the increment of each line, scaled by `1/rate` when sampled (`|@0.1`), not a running total.
/// - Gauges: `name:5|g` sets the gauge; a value written with a sign (`+3`, `-2`) changes it relative to the
///   current value, as in StatsD (a gauge never seen starts at 0). The parser keeps each gauge's value and emits
///   the result. As in StatsD, a negative absolute value needs a `0` first: `name:-5|g` is a decrement.
/// - Timers, histograms and distributions emit each value as written; a sample rate does not scale them.
/// - Sets emit `1` for every member seen (their value is the member, which need not be a number): Seismo sees
///   the arrival of members, not distinct counts per flush interval.
/// - Several values per line (`name:1:2:3|ms`, DogStatsD 1.1) are several samples of one series.
/// - Tags: `key:value` becomes a label (split at the first `:`, so values may hold colons); a bare tag `key` becomes
///   `key="true"`. Empty items between commas are skipped; a tag given twice keeps its last value.
/// - `|T<unix seconds>` sets the timestamp (a fraction is allowed); otherwise arrival time. Other sections
///   (`|c:<container>`, `|e:...`, future ones) are ignored. DogStatsD events (`_e{...}`) and service checks
///   (`_sc|...`) carry no metric: they are skipped and counted as ignored values. Lines starting with `#` are
///   comments.
///
/// The whole line is validated before any series is resolved, so a rejected line never creates a series.
public struct StatsdLineParser: LineParser {
    /// The kind of metric a line reports.
    @usableFromInline
    enum Kind {
        case counter, gauge, timer, histogram, distribution, set
    }

    /// One value of the line: the number, and for gauges whether it was written with a sign.
    @usableFromInline
    struct Value {
        @usableFromInline var number: Double
        @usableFromInline var relative: Bool
        @usableFromInline init(number: Double, relative: Bool) {
            self.number = number
            self.relative = relative
        }
    }

    @usableFromInline var values: [Value] = []
    /// Current value of each gauge, indexed by `SeriesID.index`; nil before the gauge's first line.
    @usableFromInline var gauges: [Double?] = []
    /// Newest timestamp the parser has accepted per series, indexed by `SeriesID.index`: the same record the
    /// `Ingestor` keeps, so a gauge line the `Ingestor` would refuse as out of order is refused here, before it
    /// can change the gauge's value.
    @usableFromInline var newest: [Int64] = []

    public init() { values.reserveCapacity(8) }

    @inlinable
    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        var n = line.count
        guard n > 0, let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        while n > i, Self.isBlank(p[n &- 1]) { n &-= 1 }
        if i == n || p[i] == UInt8(ascii: "#") { return }
        if Self.isEventOrServiceCheck(p + i, count: n &- i) {
            context.ignoredValues &+= 1
            return
        }

        // Name, up to the first ':'.
        let nameStart = i
        while i < n, p[i] != UInt8(ascii: ":"), p[i] != UInt8(ascii: "|") { i &+= 1 }
        guard i < n, p[i] == UInt8(ascii: ":") else { throw LineRejection(.syntax, "no ':' after the metric name") }
        guard i > nameStart else { throw LineRejection(.syntax, "empty metric name") }
        let nameEnd = i
        i &+= 1

        // Values, up to the first '|'.
        let valuesStart = i
        while i < n, p[i] != UInt8(ascii: "|") { i &+= 1 }
        guard i < n else { throw LineRejection(.syntax, "no '|type' after the value") }
        let valuesEnd = i
        i &+= 1

        // Type.
        let typeStart = i
        while i < n, p[i] != UInt8(ascii: "|") { i &+= 1 }
        let kind = try Self.kind(UnsafeRawBufferPointer(start: p + typeStart, count: i &- typeStart))

        // Optional sections.
        var rate = 1.0
        var sawRate = false
        var tagsStart = 0
        var tagsEnd = 0
        var sawTags = false
        var timestamp = context.arrivalTime
        var sawTimestamp = false
        while i < n {
            i &+= 1  // the '|'
            let sectionStart = i
            while i < n, p[i] != UInt8(ascii: "|") { i &+= 1 }
            guard i > sectionStart else { throw LineRejection(.syntax, "empty '|' section") }
            let body = UnsafeRawBufferPointer(start: p + (sectionStart &+ 1), count: i &- sectionStart &- 1)
            switch p[sectionStart] {
            case UInt8(ascii: "@"):
                guard !sawRate else { throw LineRejection(.syntax, "two sample rates") }
                sawRate = true
                guard let r = NumberParser.double(body), r > 0, r <= 1 else {
                    throw LineRejection(.badNumber, "sample rate is not a number in (0, 1]")
                }
                rate = r
            case UInt8(ascii: "#"):
                guard !sawTags else { throw LineRejection(.syntax, "two tag sections") }
                sawTags = true
                tagsStart = sectionStart &+ 1
                tagsEnd = i
            case UInt8(ascii: "T"):
                guard !sawTimestamp else { throw LineRejection(.syntax, "two timestamps") }
                sawTimestamp = true
                guard let ns = DecimalSeconds.nanoseconds(body) else {
                    throw LineRejection(.badTimestamp, "|T timestamp is not Unix seconds in range")
                }
                timestamp = ns
            default:
                break  // container id (`c:`), external data (`e:`), and sections yet to be invented
            }
        }

        // Every value is checked before the series is resolved.
        values.removeAll(keepingCapacity: true)
        var j = valuesStart
        while true {
            let valueStart = j
            while j < valuesEnd, p[j] != UInt8(ascii: ":") { j &+= 1 }
            guard j > valueStart else { throw LineRejection(.syntax, "empty value") }
            if kind == .set {
                values.append(Value(number: 1, relative: false))
            } else {
                let token = UnsafeRawBufferPointer(start: p + valueStart, count: j &- valueStart)
                guard let v = NumberParser.double(token) else { throw LineRejection(.badNumber, "value is not a number") }
                guard v.isFinite else { throw LineRejection(.nonFinite, "value is NaN or infinite") }
                let signed = p[valueStart] == UInt8(ascii: "+") || p[valueStart] == UInt8(ascii: "-")
                let scaled = kind == .counter ? v / rate : v
                guard scaled.isFinite else { throw LineRejection(.nonFinite, "scaled counter value is infinite") }
                values.append(Value(number: scaled, relative: kind == .gauge && signed))
            }
            if j == valuesEnd { break }
            j &+= 1
        }

        let name = UnsafeRawBufferPointer(start: p + nameStart, count: nameEnd &- nameStart)
        let tags = UnsafeRawBufferPointer(start: p + tagsStart, count: tagsEnd &- tagsStart)
        let id = try context.series.resolve(prefix: name, suffix: tags) { () throws(LineRejection) in
            try Self.canonicalLabels(name: name, tags: tags)
        }

        let index = id.index
        if index >= newest.count {
            newest.append(contentsOf: repeatElement(Int64.min, count: index &- newest.count &+ 1))
        }
        let last = newest[index]
        if kind == .gauge, last != Int64.min, timestamp < last, last &- timestamp > context.limits.outOfOrderWindow {
            throw LineRejection(.outOfOrder, "timestamp is older than the series' newest by more than --ooo-window")
        }
        if kind == .gauge {
            if index >= gauges.count { gauges.append(contentsOf: repeatElement(nil, count: index &- gauges.count &+ 1)) }
            var current = gauges[index] ?? 0
            for k in values.indices {
                current = values[k].relative ? current + values[k].number : values[k].number
                guard current.isFinite else { throw LineRejection(.nonFinite, "gauge value overflows") }
                values[k].number = current
            }
            gauges[index] = current
        }
        for value in values {
            try context.emit(series: id, timestamp: timestamp, value: value.number)
        }
        if timestamp > last { newest[index] = timestamp }
    }

    @inlinable
    static func kind(_ token: UnsafeRawBufferPointer) throws(LineRejection) -> Kind {
        if token.count == 1 {
            switch token[0] {
            case UInt8(ascii: "c"): return .counter
            case UInt8(ascii: "g"): return .gauge
            case UInt8(ascii: "h"): return .histogram
            case UInt8(ascii: "d"): return .distribution
            case UInt8(ascii: "s"): return .set
            default: break
            }
        } else if token.count == 2, token[0] == UInt8(ascii: "m"), token[1] == UInt8(ascii: "s") {
            return .timer
        }
        throw LineRejection(.syntax, "unknown metric type (expected c, g, ms, h, d or s)")
    }

    /// DogStatsD events (`_e{title_length,text_length}:...`) and service checks (`_sc|...`).
    @inlinable
    static func isEventOrServiceCheck(_ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard n >= 3, p[0] == UInt8(ascii: "_") else { return false }
        return (p[1] == UInt8(ascii: "e") && p[2] == UInt8(ascii: "{"))
            || (n >= 4 && p[1] == UInt8(ascii: "s") && p[2] == UInt8(ascii: "c") && p[3] == UInt8(ascii: "|"))
    }

    /// The slow path for a name and tag section never seen in this spelling: check the name, split the tags.
    @usableFromInline
    static func canonicalLabels(name: UnsafeRawBufferPointer, tags: UnsafeRawBufferPointer) throws(LineRejection) -> SeriesLabels {
        guard !name.contains(where: isBlank) else { throw LineRejection(.syntax, "metric name holds a blank") }
        var labels: [Label] = []
        for tag in tags.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            let label: Label
            if let colon = tag.firstIndex(of: UInt8(ascii: ":")) {
                let key = tag[tag.startIndex..<colon]
                let value = tag[(colon + 1)...]
                guard !key.isEmpty else { throw LineRejection(.syntax, "tag with an empty name") }
                guard !value.isEmpty else { throw LineRejection(.syntax, "tag with ':' but no value") }
                label = Label(name: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
            } else {
                label = Label(name: String(decoding: tag, as: UTF8.self), value: "true")
            }
            labels.append(label)  // SeriesLabels keeps the last of a repeated name
        }
        return SeriesLabels(metric: String(decoding: name, as: UTF8.self), labels: labels)
    }

    @inlinable @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
}
