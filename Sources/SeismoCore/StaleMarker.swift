/// Prometheus's staleness marker: a NaN with a reserved bit pattern that ends a series' presence at its
/// timestamp. Seismo's inputs never produce one (ingest rejects NaN); promtool-format unit tests (`stale`) do.
public enum StaleMarker {
    public static let bitPattern: UInt64 = 0x7FF0_0000_0000_0002
    public static let value = Double(bitPattern: bitPattern)

    @inlinable
    public static func isStale(_ v: Double) -> Bool { v.bitPattern == bitPattern }
}
