/// Work that needs the concrete parser of a format: `InputFormat.withParser` calls `visit` with it, so the
/// visitor's line loop is specialized per parser, with no dynamic dispatch per line.
///
/// Both `seismo run` (the engine) and `seismo score` go through it, so a new format is wired in one place.
public protocol ParserVisitor {
    associatedtype Result
    mutating func visit<Parser: LineParser>(_ parser: Parser) -> Result
}

extension InputFormat {
    /// Calls `visitor` with a fresh parser of this format. `.auto` is not a concrete format: it reads as
    /// influx, the engine's fallback when `FormatDetector` cannot tell. Inlinable, so that the visitor is
    /// specialized for each parser in the calling module rather than run as unspecialized generic code.
    @inlinable
    public func withParser<Visitor: ParserVisitor>(_ visitor: inout Visitor) -> Visitor.Result {
        switch self {
        case .influx, .auto: visitor.visit(InfluxLineParser())
        case .prometheus: visitor.visit(PrometheusLineParser())
        case .graphite: visitor.visit(GraphiteLineParser())
        case .statsd: visitor.visit(StatsdLineParser())
        case .jsonl: visitor.visit(JSONLineParser())
        case .csv: visitor.visit(CSVLineParser())
        }
    }
}
