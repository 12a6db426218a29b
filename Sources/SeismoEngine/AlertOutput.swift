import SeismoRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where alert events go: one JSON object per line to a file descriptor (stdout, or `--output FILE`).
///
/// Lines are rendered into one reusable buffer and written when it passes 64 KiB (batched under load) or when
/// the evaluator runs out of input (`flush`), so on a slow live stream an alert appears as soon as its line has
/// been read. Used by the evaluation thread only.
final class AlertOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Events written so far.
    private(set) var events: UInt64 = 0
    /// Set when a write failed (e.g. the reader of stdout went away); later events are counted but dropped.
    private(set) var failed = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ event: AlertEvent) {
        event.render(into: &buffer)
        events += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !failed else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = true
                    return
                }
                offset += n
            }
        }
    }
}
