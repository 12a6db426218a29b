import ArgumentParser
import SeismoHistory

/// `seismo history verify`: checks every frame, checksum and block of every segment, and the journal.
struct HistoryVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum and block of a history; exit 1 on damage.",
        discussion: """
            Reads every segment in full, ignoring the indexes: each frame header, payload checksum (CRC32C) and \
            block body is checked, and the journal's records too. Each problem is printed on stderr naming its \
            file and byte offset; a summary follows on stdout. Exit status 0 when the history is sound, 1 when \
            anything is damaged.
            """
    )

    @OptionGroup var history: HistoryDirectoryOptions

    func run() throws {
        let reader = try HistoryReader(directory: history.directory)
        let result = reader.verification()
        for problem in result.damage { StandardError.line("seismo: " + problem.description) }
        print(
            "\(result.segments) segments, \(result.blocks) blocks, \(result.samples) samples checked; "
                + "journal: \(result.journalSamples) samples in \(result.journalRecords) records; "
                + (result.isSound ? "no damage" : "\(result.damage.count) problems")
        )
        if !result.isSound { throw ExitCode(1) }
    }
}
