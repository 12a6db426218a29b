import Foundation
import SeismoCore
import SeismoIngest
import SeismoTestSupport
import SeismoWorkload
import Testing

/// Each format's output is well formed. Influx goes through the real parser; the other formats, whose parsers
/// live elsewhere, are checked line by line against their grammar and against the influx values.
@Suite struct WorkloadFormatTests {
    static let spec = WorkloadSpec(series: 23, lines: 23 * 200 + 7, seed: 9, anomalies: WorkloadFixtures.densePlan)

    static func generator(_ format: InputFormat, series: Int = spec.series) -> WorkloadGenerator {
        var spec = spec
        spec.format = format
        spec.series = series
        return WorkloadGenerator(spec)
    }

    @Test func influxParsesWithoutRejectionsIntoTheAnnouncedSeries() {
        let generator = Self.generator(.influx)
        let (harness, bySeries) = WorkloadFixtures.parsedInflux(generator)
        #expect(harness.stats.rejectedLines == 0, "\(harness.messages.prefix(3))")
        #expect(harness.stats.lines == UInt64(generator.lineCount))
        let secondaries = generator.series.compactMap(\.secondary)
        #expect(!secondaries.isEmpty)
        #expect(harness.seriesCount == generator.series.count + secondaries.count)
        let expectedSamples = generator.series.reduce(0) { $0 + $1.sampleCount * ($1.secondary == nil ? 1 : 2) }
        #expect(harness.rows.count == expectedSamples)
        #expect(harness.stats.samples == UInt64(expectedSamples))
        for (index, series) in generator.series.enumerated() {
            #expect(series.labels == series.canonical)
            #expect(bySeries[series.labels.description]?.count == series.sampleCount, "\(series.labels)")
            if let secondary = series.secondary {
                #expect(bySeries[secondary.description]?.count == series.sampleCount, "\(secondary)")
            }
            let timestamps = harness.rows.filter { $0.series == series.labels.description }.map(\.timestamp)
            #expect(timestamps == (0..<series.sampleCount).map { generator.spec.timestamp(series: index, sample: $0) })
        }
    }

    /// The value token of each data line, per format; counters in StatsD are increments.
    static func valueTokens(_ format: InputFormat) -> [Substring] {
        let generator = generator(format)
        return WorkloadFixtures.lines(generator).dropFirst(generator.headerLineCount).map { line in
            switch format {
            case .influx:
                let field = line.split(separator: " ")[1].split(separator: ",")[0]
                let value = field.split(separator: "=")[1]
                return value.hasSuffix("i") ? value.dropLast() : value
            case .prometheus, .graphite: return line.split(separator: " ")[1]
            case .statsd: return line.split(separator: ":")[1].split(separator: "|")[0]
            case .jsonl: return line.split(separator: #""value":"#)[1].split(separator: ",")[0]
            case .csv: return line.split(separator: ",").last!
            default: preconditionFailure()
            }
        }
    }

    @Test(arguments: [InputFormat.prometheus, .graphite, .statsd, .jsonl, .csv])
    func everyFormatCarriesTheSameValues(format: InputFormat) {
        let influx = Self.valueTokens(.influx)
        let other = Self.valueTokens(format)
        #expect(other.count == Self.spec.lines)
        let series = Self.generator(.influx).series
        var previousTotal: [Int: Int64] = [:]
        for (i, (expected, actual)) in zip(influx, other).enumerated() {
            let s = i % Self.spec.series
            if format == .statsd, series[s].kind == .counter {
                let total = Int64(expected)!
                if let previous = previousTotal[s], total >= previous {
                    #expect(Int64(actual)! == total - previous, "line \(i): a StatsD counter carries the increment")
                }
                previousTotal[s] = total
            } else {
                #expect(actual == expected, "line \(i)")
            }
        }
    }

    @Test func prometheusHasHelpAndTypeOncePerFamilyThenSamplesWithMillisecondTimestamps() throws {
        let generator = Self.generator(.prometheus)
        let lines = WorkloadFixtures.lines(generator)
        let header = lines.prefix(generator.headerLineCount)
        #expect(header.count == 10)
        var families: [String] = []
        for pair in stride(from: 0, to: header.count, by: 2) {
            let help = try #require(header[pair].wholeMatch(of: #/# HELP ([a-z_0-9]+) [A-Z].*\./#))
            let type = try #require(header[pair + 1].wholeMatch(of: #/# TYPE ([a-z_0-9]+) (gauge|counter)/#))
            #expect(help.1 == type.1)
            #expect((type.2 == "counter") == help.1.hasSuffix("_total"))
            families.append(String(help.1))
        }
        #expect(Set(families) == Set(WorkloadSeries.Kind.allCases.map(\.metric)))
        #expect(!lines.dropFirst(header.count).contains { $0.hasPrefix("#") })
        for (i, line) in lines.dropFirst(header.count).enumerated() {
            let match = try #require(line.wholeMatch(of: #/([a-z_0-9]+)\{([a-z]+="[^"]+")(,[a-z]+="[^"]+")*\} (-?[0-9]+(\.[0-9]+)?) ([0-9]+)/#), "\(line)")
            let (k, s) = i.quotientAndRemainder(dividingBy: Self.spec.series)
            #expect(String(match.1) == generator.series[s].kind.metric)
            #expect(Int64(match.6)! == generator.spec.timestamp(series: s, sample: k) / 1_000_000)
        }
    }

    @Test func graphiteMixesTaggedAndDottedPathsWithSecondTimestamps() throws {
        let generator = Self.generator(.graphite)
        var tagged = 0
        var dotted = 0
        for (i, line) in WorkloadFixtures.lines(generator).enumerated() {
            let (k, s) = i.quotientAndRemainder(dividingBy: Self.spec.series)
            let match = try #require(line.wholeMatch(of: #/([^ ]+) (-?[0-9]+(\.[0-9]+)?) ([0-9]+)/#), "\(line)")
            let path = match.1
            let series = generator.series[s]
            if path.contains(";") {
                tagged += 1
                #expect(path.wholeMatch(of: #/[a-z_]+(;[a-z]+=[^;~ ]+){2}/#) != nil, "\(line)")
                let parts = path.split(separator: ";")
                let tags = parts.dropFirst().map { tag in
                    let pair = tag.split(separator: "=", maxSplits: 1)
                    return Label(name: String(pair[0]), value: String(pair[1]))
                }
                #expect(SeriesLabels(metric: String(parts[0]), labels: tags) == series.labels)
            } else {
                dotted += 1
                #expect(path.wholeMatch(of: #/[a-z_]+(\.[A-Za-z0-9_-]+){2}/#) != nil, "\(line)")
                #expect(series.labels == SeriesLabels(metric: String(path)), "the ground truth names the path")
            }
            #expect(Int64(match.4)! == generator.spec.timestamp(series: s, sample: k) / 1_000_000_000)
        }
        #expect(tagged > 0 && dotted > 0)
    }

    @Test func statsdLinesCarryTypeAndDogStatsDTagsButNoTimestamp() throws {
        let generator = Self.generator(.statsd)
        var types = Set<Substring>()
        for (i, line) in WorkloadFixtures.lines(generator).enumerated() {
            let match = try #require(line.wholeMatch(of: #/([a-z_]+):(-?[0-9]+(\.[0-9]+)?)\|(g|ms|c)\|#([a-z]+:[^,|]+(,[a-z]+:[^,|]+)*)/#), "\(line)")
            let series = generator.series[i % Self.spec.series]
            #expect(String(match.1) == series.labels.metric)
            let tags = match.5.split(separator: ",").map { tag in
                let parts = tag.split(separator: ":", maxSplits: 1)
                return Label(name: String(parts[0]), value: String(parts[1]))
            }
            #expect(SeriesLabels(metric: String(match.1), labels: tags) == series.labels)
            types.insert(match.4)
        }
        #expect(types == ["g", "ms", "c"])
    }

    @Test func jsonlLinesAreJSONObjectsWithIntegerMillisecondTimestamps() throws {
        let generator = Self.generator(.jsonl)
        for (i, line) in WorkloadFixtures.lines(generator).enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["name", "labels", "value", "timestamp"])
            let (k, s) = i.quotientAndRemainder(dividingBy: Self.spec.series)
            let labels = try #require(object["labels"] as? [String: String])
            let name = try #require(object["name"] as? String)
            #expect(SeriesLabels(metric: name, labels: labels.map { Label(name: $0.key, value: $0.value) }) == generator.series[s].labels)
            #expect(object["value"] is NSNumber)
            #expect((object["timestamp"] as? NSNumber)?.int64Value == generator.spec.timestamp(series: s, sample: k) / 1_000_000)
            #expect(line.contains(#""timestamp":\#(generator.spec.timestamp(series: s, sample: k) / 1_000_000)}"#))
        }
    }

    @Test(arguments: [23, 1])
    func csvHasAHeaderAndISO8601MillisecondTimestamps(series: Int) throws {
        let generator = Self.generator(.csv, series: series)
        let lines = WorkloadFixtures.lines(generator)
        #expect(lines.first == (series == 1 ? "timestamp,value" : "timestamp,name,value"))
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (i, line) in lines.dropFirst().enumerated() {
            let columns = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(columns.count == (series == 1 ? 2 : 3), "\(line)")
            let (k, s) = i.quotientAndRemainder(dividingBy: series)
            let iso = String(columns[0])
            #expect(iso.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#) != nil, "\(iso)")
            let expectedMilliseconds = generator.spec.timestamp(series: s, sample: k) / 1_000_000
            if i % 97 == 0 {  // Foundation's parser is slow; a spread of lines is enough
                let date = try #require(parser.date(from: iso))
                #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == expectedMilliseconds, "\(iso)")
            }
            if series > 1 { #expect(String(columns[1]) == generator.series[s].labels.metric) }
            #expect(Double(columns.last!) != nil)
        }
        #expect(lines[1].hasPrefix("2026-11-01T00:00:00.000Z,"))
    }
}
