import Foundation
import SeismoTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `seismo run --metrics-listen`: the real binary, a real HTTP server on loopback, a pipe as stdin.
@Suite struct MetricsEndpointTests {
    /// A port nothing listens on right now: bind port 0 on loopback, read what the system chose, close.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: URL) async throws -> (status: Int, body: String, contentType: String?) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), http?.value(forHTTPHeaderField: "Content-Type"))
    }

    /// The value of an unlabelled or exactly labelled series in an exposition.
    static func value(_ series: String, in exposition: String) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test(.timeLimit(.minutes(2)))
    func servesMetricsThatFollowTheInput() async throws {
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = SeismoProcess.executable
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-metrics-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        process.arguments = [
            "run", "--format", "influx", "--metrics-listen", "127.0.0.1:\(port)", "--data", data.path, "--fsync", "always",
        ]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-metrics-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // 1,000 good lines on two series and 3 bad ones, with stdin kept open: the run is live while we scrape.
        var text = ""
        for i in 0..<1000 { text += "cpu,host=h\(i % 2) value=\(i) \(1_700_000_000 + i)000000000\n" }
        text += "cpu,host=a value=abc 1700000000000000000\n" + "cpu,host=a value=1x 1700000000000000000\n" + "garbage\n"
        input.fileHandleForWriting.write(Data(text.utf8))

        let base = URL(string: "http://127.0.0.1:\(port)")!
        var exposition = ""
        for _ in 0..<300 {
            if let page = try? await Self.get(base.appendingPathComponent("metrics")), page.status == 200 {
                exposition = page.body
                if Self.value("seismo_samples_evaluated_total", in: exposition) == 1000,
                    (Self.value("seismo_history_syncs_total", in: exposition) ?? 0) >= 1
                {
                    break
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        #expect(Self.value("seismo_lines_read_total", in: exposition) == 1003, "\(exposition)\n\(errors)")
        #expect(Self.value("seismo_samples_accepted_total", in: exposition) == 1000)
        #expect(Self.value("seismo_samples_evaluated_total", in: exposition) == 1000)
        #expect(Self.value("seismo_series", in: exposition) == 2)
        #expect(Self.value("seismo_lines_rejected_total{reason=\"bad_number\"}", in: exposition) == 2)
        #expect(Self.value("seismo_lines_rejected_total{reason=\"syntax\"}", in: exposition) == 1)
        #expect(Self.value("seismo_bytes_read_total", in: exposition) == Double(text.utf8.count))
        #expect(Self.value("seismo_ring_capacity_samples", in: exposition) == 65536)
        #expect((Self.value("seismo_evaluation_batch_duration_seconds_count", in: exposition) ?? 0) >= 1)
        // History (--data --fsync always): the journal synced on append and each sync timed. Samples count as
        // written once their block is sealed, which 1,000 samples do not fill before the end.
        #expect(Self.value("seismo_history_samples_written_total", in: exposition) == 0)
        let syncs = Self.value("seismo_history_syncs_total", in: exposition) ?? 0
        #expect(syncs >= 1)
        #expect(Self.value("seismo_history_fsync_duration_seconds_count", in: exposition) == syncs)

        let health = try await Self.get(base.appendingPathComponent("healthz"))
        #expect(health.status == 200)
        #expect(health.body == "ok\n")
        let metrics = try await Self.get(base.appendingPathComponent("metrics"))
        #expect(metrics.contentType?.hasPrefix("text/plain; version=0.0.4") == true)

        try #require(Promtool.isAvailable, "promtool is needed (bash .ci/setup)")
        let check = try Promtool.checkMetrics(exposition)
        #expect(check.status == 0, "\(check.output)")

        // End of input: the run drains, stops serving and exits 0 with its summary.
        try input.fileHandleForWriting.close()
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        #expect(stderr.contains("lines     1003"), "\(stderr)")
        #expect(stderr.contains("warning: stdin:1001: rejected (bad number)"), "rejects go through the logger: \(stderr)")
    }

    @Test func refusesAnAddressAlreadyInUseBeforeReading() throws {
        // Our own listener holds the port; seismo must fail with a message, not serve nothing silently.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0 && listen(fd, 1) == 0
            }
        }
        try #require(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let result = try SeismoProcess.run(["run", "--metrics-listen", "127.0.0.1:\(port)"], input: Data("a value=1\n".utf8))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--metrics-listen"), "\(result.stderr)")
        #expect(!result.stderr.contains("lines     "), "nothing is read")
    }
}
