import Foundation

/// Runs Prometheus's `promtool` (Debian package `prometheus`, which `.ci/setup` installs), so tests can check
/// Seismo's reading of rule files and rule unit tests against Prometheus's own.
public enum Promtool {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// stdout then stderr, for messages.
        public var output: String { stdout + stderr }
    }

    /// Where promtool is looked for, first found wins.
    public static let candidates = ["/usr/bin/promtool", "/usr/local/bin/promtool"]

    /// The promtool executable, or nil when it is not installed.
    public static var executable: URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    public static var isAvailable: Bool { executable != nil }

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        public var description: String { "promtool is not installed (Debian package prometheus; see .ci/setup)" }
    }

    /// Runs `promtool ARGUMENTS` in `directory` (relative paths in the arguments and in test files resolve there)
    /// and waits for it.
    ///
    /// - Throws: `Failure.notInstalled`, or an error starting the process.
    public static func run(_ arguments: [String], in directory: URL? = nil, input: Data? = nil) throws -> Result {
        guard let executable else { throw Failure.notInstalled }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: a chatty run cannot fill a pipe and block.
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let input {
            let inURL = scratch.appendingPathComponent("in")
            try input.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// `promtool test rules FILES...`, run from `directory`.
    public static func testRules(_ files: [String], in directory: URL? = nil) throws -> Result {
        try run(["test", "rules"] + files, in: directory)
    }

    /// `promtool check metrics` on an exposition in the Prometheus text format (it lints names, types and HELP).
    public static func checkMetrics(_ exposition: String) throws -> Result {
        try run(["check", "metrics"], input: Data(exposition.utf8))
    }
}
