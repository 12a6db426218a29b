import Logging
import SeismoIngest

extension InputFormat {
    /// The concrete format to read: this one, or for `.auto` the one `FormatDetector` sees in the first lines
    /// the reader buffers (nothing is consumed), falling back to influx with a warning when it cannot tell.
    func resolved(reading reader: LineReader, logger: Logger) -> InputFormat {
        guard self == .auto else { return self }
        let head = reader.prefetch(lines: FormatDetector.sampleLines)
        if let detected = FormatDetector.detect(head) {
            logger.debug("detected input format", metadata: ["format": "\(detected.rawValue)"])
            return detected
        }
        if !head.isEmpty {
            logger.warning("could not detect the input format from the first lines; reading it as influx line protocol (use --format)")
        }
        return .influx
    }
}
