#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One number through C's `snprintf`, the formatter Go's `%d %x %e %f %g` verbs agree with on finite values.
///
/// Foundation's `String(format:)` reaches the same `snprintf` after building a format object, which cost about
/// 60,000 instructions per call in an alert template (`printf "%.1f"`, `humanize`); this is a few hundred. The
/// process never calls `setlocale`, so the decimal point is always `.`.
enum CFormat {
    /// `spec` holds exactly one conversion, for a `Double` (`%.4g`, `%8.2f`, ...).
    static func format(_ spec: String, _ value: Double) -> String { render(spec, value) }

    /// `spec` holds exactly one conversion, for an `Int64` (`%lld`, `%05llx`, ...).
    static func format(_ spec: String, _ value: Int64) -> String { render(spec, value) }

    private static func render(_ spec: String, _ argument: some CVarArg) -> String {
        // Most numbers fit the stack buffer; a wide field width or a huge `%f` takes a second pass of the exact size.
        var fitted: String?
        let length = withVaList([argument]) { arguments in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
                let n = Int(vsnprintf(buffer.baseAddress!, 64, spec, arguments))
                if n >= 0, n < 64 { fitted = String(cString: buffer.baseAddress!) }
                return n
            }
        }
        if let fitted { return fitted }
        guard length >= 0 else { return "" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            _ = withVaList([argument]) { vsnprintf(buffer.baseAddress!, length + 1, spec, $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
