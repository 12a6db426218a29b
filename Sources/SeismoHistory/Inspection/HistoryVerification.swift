/// The result of checking a whole history: what was read and every problem found, in file order.
public struct HistoryVerification: Equatable, Sendable {
    public var segments = 0
    /// Blocks whose checksums held and which decoded.
    public var blocks = 0
    public var samples = 0
    /// Complete records in the journal (the samples of the block being filled when the writer stopped).
    public var journalRecords = 0
    public var journalSamples = 0
    /// Every problem: damaged or undecodable blocks, unreadable tails, bad segment headers, a damaged journal
    /// tail, files that could not be opened.
    public var damage: [HistoryError] = []

    public init() {}

    /// Whether nothing is damaged.
    public var isSound: Bool { damage.isEmpty }
}
