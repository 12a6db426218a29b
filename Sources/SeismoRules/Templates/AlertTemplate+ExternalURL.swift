extension AlertTemplate {
    /// The URL Seismo is reached at, as Prometheus's `--web.external-url`: what templates' `externalURL` returns,
    /// and its path what `pathPrefix` returns.
    ///
    /// As Prometheus does with its external URL, the path loses its trailing slashes and gains a leading one:
    /// `http://host/prom/` gives `http://host/prom` and `/prom`.
    public struct ExternalURL: Sendable, Equatable {
        /// What `externalURL` returns.
        public let text: String
        /// What `pathPrefix` returns: the URL's path, percent-decoded, "" when it has none.
        public let path: String

        public init(_ url: String) {
            // scheme://authority, then the path up to a query or fragment.
            var rest = Substring(url)
            var head = Substring("")
            if let scheme = rest.range(of: "://") {
                let authorityEnd = rest[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? rest.endIndex
                head = rest[..<authorityEnd]
                rest = rest[authorityEnd...]
            }
            let pathEnd = rest.firstIndex { "?#".contains($0) } ?? rest.endIndex
            var rawPath = rest[..<pathEnd]
            while rawPath.hasSuffix("/") { rawPath = rawPath.dropLast() }
            let prefixed = rawPath.isEmpty || rawPath.hasPrefix("/") ? String(rawPath) : "/" + rawPath
            text = head + prefixed + rest[pathEnd...]
            path = Self.percentDecoded(prefixed)
        }

        /// `%XX` decoded; a `%` without two hex digits after it is kept as it is.
        private static func percentDecoded(_ text: String) -> String {
            let bytes = Array(text.utf8)
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                let digits = i + 2 < bytes.count ? bytes[i + 1...i + 2] : []
                if bytes[i] == UInt8(ascii: "%"), digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                    let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16)
                {
                    out.append(value)
                    i += 3
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
