import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension SeismoProcess {
    /// A `seismo` process fed through a pipe, so a test can write input in steps and look at the world in between
    /// (a live stream). Ended on deinit if still running.
    public final class Running: @unchecked Sendable {
        // @unchecked: a test drives it from one task at a time; the Process is only read after exit.
        private let process: Process
        private let input: Pipe
        private let directory: URL
        private let outURL: URL
        private let errURL: URL

        fileprivate init(_ arguments: [String]) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            outURL = directory.appendingPathComponent("out")
            errURL = directory.appendingPathComponent("err")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            input = Pipe()
            process = Process()
            process.executableURL = SeismoProcess.executable
            process.arguments = arguments
            process.standardInput = input
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: directory)
        }

        /// Writes `text` to the process's stdin.
        public func write(_ text: String) throws {
            try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        }

        /// Closes stdin: end of input.
        public func closeInput() throws {
            try input.fileHandleForWriting.close()
        }

        /// What the process wrote to stdout so far.
        public var stdoutText: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

        /// Waits for the process to exit, at most `timeout` seconds; past that it is killed (SIGKILL, which
        /// `seismo` cannot turn into a clean exit) and its result is returned with status 9.
        public func wait(timeout: Double) async throws -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                stdout: try Data(contentsOf: outURL),
                stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
            )
        }
    }

    /// Starts `seismo ARGS` with a pipe on stdin; write to it with `Running.write` and end it with `closeInput`.
    public static func start(_ arguments: [String]) throws -> Running {
        // A write to a child that already exited must fail, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        return try Running(arguments)
    }
}
