import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running `seismo` fed through a pipe, for tests that pace their input, stop in the middle, or kill it.
///
/// Stdout and stderr go to files in a scratch directory (so a chatty process never blocks on a full pipe);
/// `wait()` returns them once the process has ended. `@unchecked Sendable`: only `killNow` (a signal to a fixed
/// pid) may be called from another thread.
public final class PipedSeismo: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let scratch: URL
    private var inputOpen = true

    /// Starts `seismo ARGS` with its stdin on a pipe.
    public init(_ arguments: [String]) throws {
        // A write to a process that was killed must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-piped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = SeismoProcess.executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Writes `data` to the process's stdin; false once the process has gone (broken pipe).
    @discardableResult
    public func write(_ data: Data) -> Bool {
        guard inputOpen else { return false }
        return data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(input.fileHandleForWriting.fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Ends the input: the process drains, prints its summary and exits.
    public func closeInput() {
        guard inputOpen else { return }
        inputOpen = false
        try? input.fileHandleForWriting.close()
    }

    /// Kills the process with SIGKILL: no cleanup of any kind runs. Safe to call from another thread while one
    /// is blocked in `write` (which then fails).
    public func killNow() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process to end and returns its status and output.
    public func wait() throws -> SeismoProcess.Result {
        closeInput()
        process.waitUntilExit()
        return SeismoProcess.Result(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: scratch.appendingPathComponent("out")),
            stderr: String(decoding: try Data(contentsOf: scratch.appendingPathComponent("err")), as: UTF8.self)
        )
    }
}
