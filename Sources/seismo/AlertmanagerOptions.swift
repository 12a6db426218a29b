import ArgumentParser
import SeismoCore
import SeismoDelivery

/// `seismo run`'s options for delivering alerts to Alertmanager.
struct AlertmanagerOptions: ParsableArguments {
    @Option(
        name: .customLong("alertmanager"),
        help: ArgumentHelp(
            "Send firing and resolved alerts to this Alertmanager (base URL, e.g. http://127.0.0.1:9093); "
                + "repeatable, every one gets every alert.",
            valueName: "url"
        )
    )
    var urls: [String] = []

    @Option(
        name: .customLong("alertmanager-resend"),
        help: ArgumentHelp("How often firing alerts are sent again (endsAt is 4 of these ahead).", valueName: "duration")
    )
    var resend = "1m"

    @Option(
        name: .customLong("alertmanager-timeout"),
        help: ArgumentHelp("Time allowed for one request to Alertmanager, and for pending sends at exit.", valueName: "duration")
    )
    var timeout = "10s"

    @Option(
        name: .customLong("external-url"),
        help: ArgumentHelp(
            "The URL Seismo is reached at: alert templates' externalURL, pathPrefix and $externalURL (default none, "
                + "as promtool), and the prefix of the generatorURL of alerts sent to Alertmanager "
                + "(default seismo://<host name>).",
            valueName: "url"
        )
    )
    var externalURL: String?

    func validate() throws {
        for url in urls {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.count > 8 else {
                throw ValidationError("--alertmanager \(url): expected an http:// or https:// URL")
            }
        }
        guard try duration(resend, "--alertmanager-resend") > 0 else {
            throw ValidationError("--alertmanager-resend must be positive")
        }
        guard try duration(timeout, "--alertmanager-timeout") > 0 else {
            throw ValidationError("--alertmanager-timeout must be positive")
        }
    }

    /// The delivery configuration, nil without `--alertmanager`.
    func configuration() throws -> AlertmanagerConfiguration? {
        guard !urls.isEmpty else { return nil }
        var configuration = AlertmanagerConfiguration(
            urls: urls, externalURL: externalURL ?? AlertmanagerConfiguration.defaultExternalURL()
        )
        configuration.resendInterval = try duration(resend, "--alertmanager-resend")
        configuration.requestTimeout = try duration(timeout, "--alertmanager-timeout")
        configuration.flushTimeout = configuration.requestTimeout
        return configuration
    }

    private func duration(_ text: String, _ option: String) throws -> Int64 {
        do { return try PromDuration.nanoseconds(text) } catch { throw ValidationError("\(option): \(error)") }
    }
}
