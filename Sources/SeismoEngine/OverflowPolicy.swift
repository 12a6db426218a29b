/// What the reader does when the ring to the evaluation thread is full (`--on-overflow`).
public enum OverflowPolicy: String, CaseIterable, Sendable {
    /// Wait until the evaluator catches up: nothing is lost, reading slows down (the default).
    case block
    /// Drop the samples that do not fit and count every one of them.
    case drop
}
