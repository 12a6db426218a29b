import ArgumentParser

/// `seismo history`: look into a history directory written by `seismo run --data`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, verify or export the history in a data directory.",
        subcommands: [HistoryListCommand.self, HistoryVerifyCommand.self, HistoryExportCommand.self]
    )
}

/// The history directory, shared by the `history` subcommands.
struct HistoryDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("The history directory (as given to seismo run --data).", valueName: "dir"))
    var directory: String
}
