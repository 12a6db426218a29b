#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output side of `seismo score`: lines are rendered into one reusable block of memory and written to a
/// file descriptor in large chunks, with no `String` per line except for JSON values (see `append(double:)`).
///
/// The one unsafe layer of the scorer: callers `reserve` room for a line, then append without checks.
final class ScoreOutput {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    private let fd: Int32
    private let flushSize: Int
    /// Set when a write failed (e.g. the reader of a pipe went away); nothing more is written.
    private(set) var failed = false

    init(fd: Int32, flushSize: Int = 1 << 20) {
        self.fd = fd
        self.flushSize = flushSize
        capacity = flushSize + 64 * 1024
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `bytes` more: flushes when the block is past the flush size, grows for an oversized line.
    @inline(__always)
    func reserve(_ bytes: Int) {
        if count + bytes > flushSize { flush() }
        if bytes > capacity - count { grow(to: count + bytes) }
    }

    private func grow(to size: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = size
    }

    /// Writes everything rendered so far.
    func flush() {
        var offset = 0
        while offset < count, !failed {
            let n = write(fd, base + offset, count - offset)
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                failed = true
                break
            }
            offset += n
        }
        count = 0
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count &+= bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    @inline(__always)
    func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Decimal digits of `value`, with a `-` when negative.
    @inline(__always)
    func append(integer value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 0
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 20 digits
        withUnsafeMutableBytes(of: &scratch) { s in
            var i = s.count
            repeat {
                i &-= 1
                s[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            digits = s.count &- i
            (base + count).update(from: s.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, count: digits)
        }
        count &+= digits
    }

    /// A score in [0, 1] with six decimals: `0.000000` to `1.000000`.
    @inline(__always)
    func append(score: Double) {
        let micros = Int64((min(max(score, 0), 1) * 1_000_000).rounded())
        append(UInt8(ascii: micros >= 1_000_000 ? "1" : "0"))
        append(UInt8(ascii: "."))
        var fraction = micros % 1_000_000
        var divisor: Int64 = 100_000
        while divisor > 0 {
            append(UInt8(truncatingIfNeeded: fraction / divisor) &+ 0x30)
            fraction %= divisor
            divisor /= 10
        }
    }

    /// The shortest text that reads back as `value` (Swift's `description`: `42.0`, `1e-05`, `-3.5e+20`), which
    /// is also a valid JSON number for every finite value. At most 24 bytes.
    @inline(__always)
    func append(double value: Double) {
        var text = value.description
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }
}
