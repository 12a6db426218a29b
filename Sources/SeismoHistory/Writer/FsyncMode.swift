/// When the writer forces what it wrote to stable storage (`fdatasync`), and so what a crash can lose.
///
/// Whatever the mode, every `append` writes its samples to the journal before it returns, and every sealed
/// block goes to its segment in one `pwrite`: a crash of the *process* alone (kill -9, a trap) loses nothing
/// `append` returned for. The modes differ in what a crash of the *machine* (power loss, kernel panic) can lose;
/// the torn tail it may leave in the last segment or the journal is cut and counted when the writer reopens.
public enum FsyncMode: Sendable, Equatable {
    /// The journal is synced before every `append` returns: a machine crash loses nothing `append` returned
    /// for (`durableSequence` is always `nextSequence`). One `fdatasync` per `append` call, and a few more per
    /// block (segment, new journal, directory).
    case always
    /// Synced on the first `append` (or `flushIfDue`, `flush`) at least `nanoseconds` after the previous sync,
    /// and on `sync` and `close`: a machine crash can lose what was appended since the last sync, about one
    /// interval when appends are steady (up to `durableSequence` is safe).
    case interval(nanoseconds: Int64)
    /// Never synced by the writer (not even on `close`); the kernel writes back when it chooses (on Linux
    /// typically within 30 s). A machine crash can lose anything not yet written back.
    case never
}
