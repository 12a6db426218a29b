import Foundation

/// Runs the built `seismo` executable, as an end-to-end test would from a shell.
///
/// `swift build --build-tests` puts the executable beside the test bundle, so it is found next to this process.
public enum SeismoProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `seismo` executable built with the tests.
    public static var executable: URL {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        // Inside an .xctest bundle directory (macOS layout), step out of it.
        while dir.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("seismo")
    }

    /// Runs `seismo ARGS` with `input` on stdin (a file is used so large inputs cost no pipe juggling).
    public static func run(_ arguments: [String], input: Data = Data(), workingDirectory: URL? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in")
        let outURL = dir.appendingPathComponent("out")
        let errURL = dir.appendingPathComponent("err")
        try input.write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outURL),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// A scratch directory removed when `body` returns.
    public static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }
}
