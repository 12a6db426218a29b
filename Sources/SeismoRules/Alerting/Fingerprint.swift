import SeismoCore

/// A stable 64-bit fingerprint of a label set, printed as 16 hex digits, computed as Prometheus does
/// (FNV-1a over `name 0xFF value 0xFF` for each label, sorted by name), so the same labels always give the same
/// fingerprint across runs, machines and versions.
public enum Fingerprint {
    public static func of(_ labels: [Label]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for label in labels.sorted(by: { $0.name < $1.name }) {
            for byte in label.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x100_0000_01B3
            for byte in label.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x100_0000_01B3
        }
        return hash
    }

    public static func hex(_ labels: [Label]) -> String {
        let s = String(of(labels), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
