import Foundation
import Hummingbird
import Logging
import Prometheus
import SeismoEngine

/// Serves the engine's own metrics over HTTP while a run goes on: `GET /metrics` in the Prometheus text format,
/// `GET /healthz` answering `ok` (200) while the evaluator makes progress, else 503 with what is wrong.
///
/// Runs on Hummingbird's (SwiftNIO's) own threads, never on the reader's or the evaluator's: a scrape renders the
/// registry under its lock and costs the pipeline nothing else.
public final class MetricsServer: Sendable {
    /// The address bound (with the real port when 0 was asked for).
    public let address: ListenAddress
    private let task: Task<Void, Never>
    private let stopped: DispatchSemaphore

    /// The Prometheus text format version `promtool` and Prometheus expect from this content type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private init(address: ListenAddress, task: Task<Void, Never>, stopped: DispatchSemaphore) {
        self.address = address
        self.task = task
        self.stopped = stopped
    }

    /// Binds `listen` and starts serving `registry`; returns once the socket is bound.
    ///
    /// - Throws: `MetricsServerError` when the address cannot be bound (in use, not local, bad host) within 10 s.
    public static func start(
        listen: ListenAddress, registry: PrometheusCollectorRegistry, liveness: Liveness? = nil, logger: Logger
    ) throws(MetricsServerError) -> MetricsServer {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = contentType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("/healthz") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            if let problem = liveness?.problem() {
                return Response(status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: problem + "\n")))
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }

        let outcome = StartOutcome()
        let stopped = DispatchSemaphore(value: 0)
        var serverLogger = logger
        // Hummingbird reports every connection at info and below; the engine's log level is for the engine.
        serverLogger.logLevel = max(logger.logLevel, .warning)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in
                outcome.finish(.success(channel.localAddress?.port ?? listen.port))
            },
            logger: serverLogger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                outcome.finish(.failure(MetricsServerError(address: listen, reason: "\(error)")))
            }
            outcome.finish(.failure(MetricsServerError(address: listen, reason: "server stopped before it started")))
            stopped.signal()
        }
        guard let result = outcome.wait(timeout: 10) else {
            task.cancel()
            throw MetricsServerError(address: listen, reason: "not bound within 10 s")
        }
        switch result {
        case .success(let port):
            let server = MetricsServer(address: ListenAddress(host: listen.host, port: port), task: task, stopped: stopped)
            logger.info("serving metrics", metadata: ["address": "\(server.address)"])
            return server
        case .failure(let error):
            throw error
        }
    }

    /// Stops serving and waits (at most 5 s) for the server to close its socket.
    public func stop() {
        task.cancel()
        _ = stopped.wait(timeout: .now() + 5)
    }

    /// The first result of starting, handed from the server's task to the caller waiting in `start`.
    private final class StartOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private let ready = DispatchSemaphore(value: 0)
        /// Guarded by `lock`.
        private var result: Result<Int, MetricsServerError>?

        func finish(_ outcome: Result<Int, MetricsServerError>) {
            lock.lock()
            defer { lock.unlock() }
            guard result == nil else { return }
            result = outcome
            ready.signal()
        }

        func wait(timeout seconds: Double) -> Result<Int, MetricsServerError>? {
            guard ready.wait(timeout: .now() + seconds) == .success else { return nil }
            lock.lock()
            defer { lock.unlock() }
            return result
        }
    }
}

/// The metrics server could not start.
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    public var address: ListenAddress
    public var reason: String
    public var description: String { "cannot serve metrics on \(address): \(reason)" }
}
