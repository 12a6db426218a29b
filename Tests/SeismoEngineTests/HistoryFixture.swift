import Foundation
import SeismoTestSupport

/// A seeded input and a rule file for the history tests: three hosts' load every 5 s for an hour, with episodes
/// above the alert threshold of every length (shorter than `for`, longer, with dips shorter than
/// `keep_firing_for`), and one host falling silent for a while.
enum HistoryFixture {
    static let rules = """
        groups:
          - name: load
            interval: 10s
            rules:
              - record: load:max
                expr: max(load)
              - alert: HighLoad
                expr: load > 80
                for: 30s
                keep_firing_for: 20s
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.host }} at {{ $value }}"
              - alert: AnyVeryHigh
                expr: load:max > 95
              - alert: HostSilent
                expr: absent_over_time(load{host="c"}[30s])
                for: 10s
        """

    static let start: Int64 = 1_790_000_000 * 1_000_000_000
    static let step: Int64 = 5_000_000_000

    /// Lines in timestamp order; `steps` timestamps, each with a line per host (host c silent for a stretch).
    static func lines(steps: Int = 720, seed: UInt64 = 7) -> [String] {
        var random = SplitMix64(seed: seed)
        var level: [Double] = [40, 50, 60]
        var high = [0, 0, 0]
        var out: [String] = []
        for i in 0..<steps {
            let time = start + Int64(i) * step
            for (h, host) in ["a", "b", "c"].enumerated() {
                if host == "c", (300..<330).contains(i) { continue }
                if high[h] == 0, random.next() % 40 == 0 { high[h] = Int(random.next() % 30) + 1 }
                let noise = Double(random.next() % 1000) / 100
                var value = level[h] + noise
                if high[h] > 0 {
                    high[h] -= 1
                    // Short dips inside an episode exercise keep_firing_for.
                    value = random.next() % 6 == 0 ? 70 : 85 + noise
                }
                level[h] = min(70, max(20, level[h] + Double(Int(random.next() % 5) - 2)))
                out.append("load,host=\(host) value=\(value) \(time)")
            }
        }
        return out
    }

    static func data(_ lines: some Sequence<String>) -> Data {
        Data(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// Alert events of a JSON-lines output, provenance removed (it names the input line live, the history
    /// position in replay).
    static func alerts(_ data: Data) throws -> [NSDictionary] {
        try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            var copy = object
            copy["provenance"] = nil
            return copy as NSDictionary
        }
    }

    static func alerts(file: URL) throws -> [NSDictionary] {
        try alerts(Data(contentsOf: file))
    }
}
