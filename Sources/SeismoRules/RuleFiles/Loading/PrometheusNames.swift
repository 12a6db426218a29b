/// Prometheus's classic character sets for metric and label names.
///
/// Prometheus 3 also accepts any UTF-8 name when quoted; Seismo keeps to the classic sets, which every PromQL
/// expression can select without quoting.
enum PrometheusNames {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        isValid(name, allowsColon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isValidLabelName(_ name: String) -> Bool {
        isValid(name, allowsColon: false)
    }

    private static func isValid(_ name: String, allowsColon: Bool) -> Bool {
        var first = true
        for byte in name.utf8 {
            let letter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
                || (allowsColon && byte == 0x3A)
            let digit = byte >= 0x30 && byte <= 0x39
            guard letter || (!first && digit) else { return false }
            first = false
        }
        return !first
    }
}
