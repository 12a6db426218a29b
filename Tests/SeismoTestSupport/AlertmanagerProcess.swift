import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real Alertmanager (Debian package `prometheus-alertmanager`, which `.ci/setup` installs) started on
/// 127.0.0.1 with a free port, a minimal configuration (one receiver that notifies nobody, no clustering) and a
/// scratch storage directory. `stop()` (also run on deinit) ends it and removes the directory.
public final class AlertmanagerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched through `stop()`, which a lock guards.

    /// Where Alertmanager is looked for, first found wins.
    public static let candidates = ["/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager"]

    public static var executable: URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    public static var isAvailable: Bool { executable != nil }

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case notReady(String)
        case badResponse(String)
        public var description: String {
            switch self {
            case .notInstalled: "Alertmanager is not installed (Debian package prometheus-alertmanager; see .ci/setup)"
            case .notReady(let log): "Alertmanager did not become ready; its log:\n\(log)"
            case .badResponse(let what): "unexpected answer from Alertmanager: \(what)"
            }
        }
    }

    public let port: Int
    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let directory: URL
    private let lock = NSLock()
    private var stopped = false

    /// Starts Alertmanager and waits (at most `readyTimeout` seconds) until `/-/ready` answers 200.
    ///
    /// The default allows for a loaded machine: with the whole suite running in parallel on two cores and a release
    /// build beside it, Alertmanager once took longer than 30 s to answer (its log held nothing).
    ///
    /// - Throws: `Failure.notInstalled`, `Failure.notReady` with its log, or an error starting the process.
    public init(readyTimeout: Double = 90) async throws {
        guard let executable = Self.executable else { throw Failure.notInstalled }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("alertmanager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("alertmanager.yml")
        try """
        route:
          receiver: "null"
          group_wait: 1s
        receivers:
          - name: "null"

        """.write(to: config, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        port = try Self.freePort()
        process = Process()
        process.executableURL = executable
        process.arguments = [
            "--config.file=\(config.path)",
            "--storage.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--cluster.listen-address=",  // no gossip port: nothing but the API listens
            "--log.level=warn",
        ]
        process.standardInput = FileHandle.nullDevice
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let deadline = Date().addingTimeInterval(readyTimeout)
        while Date() < deadline, process.isRunning {
            if (try? await get("/-/ready").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw Failure.notReady(text)
    }

    deinit { stop() }

    /// Ends Alertmanager (SIGTERM, then SIGKILL if it has not gone within 5 s) and removes its directory.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The alerts `GET /api/v2/alerts` lists: active ones (resolved alerts are left out by Alertmanager).
    public func alerts() async throws -> [[String: Any]] {
        let (status, body) = try await get("/api/v2/alerts")
        guard status == 200, let alerts = try JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
            throw Failure.badResponse("HTTP \(status): \(String(decoding: body, as: UTF8.self))")
        }
        return alerts
    }

    private func get(_ path: String) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: url + path)!)
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// A TCP port on 127.0.0.1 that nothing listened on a moment ago (the kernel's pick for port 0). Also good as
    /// a closed port to send to.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
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
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
