import ArgumentParser
import SeismoHistory

/// `seismo history ls`: one line per segment with its time range, series, samples and size.
struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the segments of a history: time range, series, samples, bytes and bytes per sample.",
        discussion: """
            Times are UTC. Series are distinct label sets within the segment. Bytes count the segment and its \
            index. Blocks that cannot be read are left out of the counts and reported on stderr (exit status 1). \
            Samples that a run still going (or killed) holds in its journal, not yet in a block, get a row of \
            their own after the total.
            """
    )

    @OptionGroup var history: HistoryDirectoryOptions

    @Flag(help: "Print a JSON object (segments and totals) instead of a table.")
    var json = false

    func run() throws {
        let reader = try HistoryReader(directory: history.directory)
        let summaries = reader.summaries()
        let journal = try reader.journalTail()
        let listing = json ? HistoryListing.json(summaries, journal: journal) : HistoryListing.table(summaries, journal: journal)
        print(listing, terminator: "")
        let damage = summaries.flatMap(\.damage)
        for problem in damage { StandardError.line("seismo: " + problem.description) }
        if !damage.isEmpty { throw ExitCode(1) }
    }
}
