/// When the writer forces written blocks to stable storage (`fdatasync`), and so what a crash can lose.
///
/// Whatever the mode, a block is handed to the kernel in one `pwrite` as soon as it is sealed, so a crash of the
/// *process* alone (kill -9, a trap) loses only the samples still buffered in the open block: those after
/// `HistoryWriter.writtenSequence`. The modes differ in what a crash of the *machine* (power loss, kernel panic)
/// can lose on top; the torn tail it may leave is truncated and counted when the writer reopens.
public enum FsyncMode: Sendable, Equatable {
    /// Every block is synced before `append`/`flush` returns. A machine crash loses only the open block:
    /// nothing at or below `durableSequence` as reported. Costs one `fdatasync` per block.
    case always
    /// Synced when a block is written at least `nanoseconds` after the previous sync (and on `close`,
    /// `sync`, and `flushIfDue`). A machine crash can also lose the blocks written in the last interval.
    case interval(nanoseconds: Int64)
    /// Never synced by the writer (not even on `close`); the kernel writes back when it chooses (on Linux
    /// typically within 30 s). A machine crash can lose anything not yet written back.
    case never
}
