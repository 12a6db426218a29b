import ArgumentParser
import Logging
import SeismoOps

/// `--log-level` and `--log-format`, shared by the commands that read streams; `bootstrap` installs the handler.
struct LoggingOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .notice

    @Option(help: "Log records on stderr as text (seismo: message) or json (one object per line).")
    var logFormat: LogFormat = .text

    /// Installs the process's log handler (once, from the command); `write` receives each finished line.
    func bootstrap(write: @escaping @Sendable (String) -> Void = StandardErrorLines.write) {
        let format = logFormat
        let level = logLevel
        LoggingSystem.bootstrap { label in format.handler(label: label, level: level, write: write) }
    }
}

extension LogFormat: ExpressibleByArgument {}
