/// Bytes that passed their checksum but do not decode: a bug in an older writer or deliberate tampering.
///
/// Internal to decoding; the segment layer turns it into `HistoryError.corruptBlock` with file and offset.
struct MalformedData: Error, Equatable, CustomStringConvertible {
    var detail: String

    init(_ detail: String) {
        self.detail = detail
    }

    var description: String { detail }
}
