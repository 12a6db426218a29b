/// How much history to keep: whole segments are deleted, oldest first, once they fall outside either limit.
///
/// The active segment (the one being appended to) is never deleted, so history may exceed `maxBytes` by up to
/// one segment and keep data older than `maxAge` until its segment is sealed.
public struct RetentionPolicy: Sendable, Equatable {
    /// Delete a sealed segment once its newest sample is older than the newest sample written minus this
    /// many nanoseconds (event time, not wall-clock time). nil keeps everything.
    public var maxAge: Int64?
    /// Delete the oldest sealed segments while segments and their indexes take more bytes than this. nil: no limit.
    public var maxBytes: Int64?

    public init(maxAge: Int64? = nil, maxBytes: Int64? = nil) {
        self.maxAge = maxAge
        self.maxBytes = maxBytes
    }
}
