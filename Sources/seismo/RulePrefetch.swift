import Foundation
import SeismoRules

/// `seismo run --rules …` starts loading its rule files on a second thread while the command line is still being
/// parsed: both take a few milliseconds before the first line can be read, and the machine's other core is idle then.
///
/// The paths are picked out of the raw arguments (`run`, then each `--rules PATH` or `--rules=PATH` before a `--`).
/// That reading is only a guess: `RunCommand` takes the loaded rules only when its parsed `--rules` list is the
/// same list, in the same order, and otherwise (or when there was nothing to guess) loads them itself. Either way
/// the rules come from the same files through the same `RuleSet(loading:)`, so a guess can save time but never
/// change what is loaded; a failed load is simply loaded again, for its diagnostics.
final class RulePrefetch: @unchecked Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: RulePrefetch?

    let paths: [String]
    private let done = NSCondition()
    private var result: Result<RuleSet, RuleLoadError>?

    private init(paths: [String]) {
        self.paths = paths
    }

    /// Starts loading the rule files `arguments` (as `CommandLine.arguments`) name, when they are a `run` command's.
    static func start(arguments: [String]) {
        guard let paths = rulePaths(in: arguments) else { return }
        let prefetch = RulePrefetch(paths: paths)
        lock.withLock { started = prefetch }
        let thread = Thread {
            let loaded: Result<RuleSet, RuleLoadError>
            do throws(RuleLoadError) { loaded = .success(try RuleSet(loading: paths)) } catch { loaded = .failure(error) }
            prefetch.done.lock()
            prefetch.result = loaded
            prefetch.done.broadcast()
            prefetch.done.unlock()
        }
        thread.name = "seismo-rules-prefetch"
        thread.start()
    }

    /// The rule set loaded ahead for exactly `paths`, waiting for it if need be; nil when none was started for them
    /// or it failed. Hands it out once.
    static func take(paths: [String]) -> RuleSet? {
        let prefetch = lock.withLock { () -> RulePrefetch? in
            defer { started = nil }
            return started
        }
        guard let prefetch, prefetch.paths == paths else { return nil }
        prefetch.done.lock()
        while prefetch.result == nil { prefetch.done.wait() }
        let result = prefetch.result
        prefetch.done.unlock()
        return try? result?.get()
    }

    /// The `--rules` values of a `seismo run` command line, nil for any other command or without one.
    static func rulePaths(in arguments: [String]) -> [String]? {
        guard arguments.count > 2, arguments[1] == "run" else { return nil }
        var paths: [String] = []
        var i = 2
        while i < arguments.count, arguments[i] != "--" {
            let argument = arguments[i]
            if argument == "--rules", i + 1 < arguments.count {
                paths.append(arguments[i + 1])
                i += 2
                continue
            }
            if argument.hasPrefix("--rules=") { paths.append(String(argument.dropFirst("--rules=".count))) }
            i += 1
        }
        return paths.isEmpty ? nil : paths
    }
}
