/// The per-window bookkeeping next to the values: where the ring starts, how full it is, and the running moments.
@usableFromInline
struct WindowHeader: Sendable, Equatable {
    /// Ring index of the oldest value.
    @usableFromInline var oldest: Int = 0
    @usableFromInline var count: Int = 0
    @usableFromInline var moments = ShiftedMoments()

    @inlinable init() {}
}
