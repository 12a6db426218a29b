import SeismoCore

/// How each kind of series is spelled in the formats: names, labels, field layout, number of decimals.
extension WorkloadSeries.Kind {
    /// Influx measurement and field of the primary value; the series the parser forms is
    /// `measurement_field`, which is `metric`.
    var influxMeasurement: String {
        switch self {
        case .latency: "http_request"
        case .cpu: "system"
        case .queueDepth: "queue"
        case .counter: "http"
        case .requestOutcome: "upstream"
        }
    }

    var influxField: String { String(metric.dropFirst(influxMeasurement.count + 1)) }

    /// Influx only: the second field of the line.
    var secondaryField: String? {
        switch self {
        case .cpu: "load1"
        case .requestOutcome: "latency_ms"
        default: nil
        }
    }

    /// Whether the primary value is an integer (written with an `i` suffix in influx).
    var isInteger: Bool {
        switch self {
        case .latency, .cpu: false
        case .queueDepth, .counter, .requestOutcome: true
        }
    }

    /// Decimals written for the primary value (the secondary value always gets 2).
    var places: Int { isInteger ? 0 : 2 }

    var statsdType: StaticString {
        switch self {
        case .latency: "ms"
        case .cpu, .queueDepth, .requestOutcome: "g"
        case .counter: "c"
        }
    }

    /// Graphite: tagged (`metric;k=v`) or a plain dotted path.
    var graphiteTagged: Bool {
        switch self {
        case .latency, .queueDepth, .requestOutcome: true
        case .cpu, .counter: false
        }
    }

    var prometheusType: String { self == .counter ? "counter" : "gauge" }

    var help: String {
        switch self {
        case .latency: "HTTP request latency in milliseconds."
        case .cpu: "CPU usage in percent."
        case .queueDepth: "Messages waiting in the queue."
        case .counter: "HTTP requests served."
        case .requestOutcome: "Outcome of one call to a dependency: 1 success, 0 failure."
        }
    }

    /// The labels of the `ordinal`-th series of this kind, in written order. Every ordinal gets a distinct set:
    /// once the value lists are used up, names repeat with a round suffix (`checkout-2`).
    func labels(ordinal j: Int) -> [Label] {
        switch self {
        case .latency:
            return [
                Label(name: "host", value: Self.host(j / Self.endpoints.count)),
                Label(name: "endpoint", value: Self.endpoints[j % Self.endpoints.count]),
            ]
        case .cpu:
            return [
                Label(name: "host", value: Self.host(j)),
                Label(name: "region", value: Self.regions[j % Self.regions.count]),
            ]
        case .queueDepth:
            let (service, queue) = Self.pair(j, Self.services, Self.queues)
            return [Label(name: "service", value: service), Label(name: "queue", value: queue)]
        case .counter:
            let (service, endpoint) = Self.pair(j, Self.services, Self.endpoints)
            return [Label(name: "service", value: service), Label(name: "endpoint", value: endpoint)]
        case .requestOutcome:
            let (service, dependency) = Self.pair(j, Self.services, Self.dependencies)
            return [Label(name: "service", value: service), Label(name: "dependency", value: dependency)]
        }
    }

    /// The dotted Graphite/CSV name: metric, then label values made path-safe.
    func dottedName(_ labels: [Label]) -> String {
        var out = metric
        for label in labels {
            var part = ""
            for scalar in label.value.unicodeScalars {
                let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                part.unicodeScalars.append(keep ? scalar : "_")
            }
            while part.hasPrefix("_") { part.removeFirst() }
            out += "." + part
        }
        return out
    }

    private static let endpoints = ["/api/orders", "/api/cart", "/api/search", "/api/login", "/api/products", "/api/checkout"]
    private static let regions = ["us-east-1", "eu-west-1", "ap-south-1"]
    private static let services = ["checkout", "search", "catalog", "accounts", "payments", "shipping"]
    private static let queues = ["orders", "emails", "invoices", "webhooks"]
    private static let dependencies = ["postgres", "redis", "kafka", "payments-api", "s3", "auth-api"]

    private static func host(_ j: Int) -> String { j < 9 ? "web-0\(j + 1)" : "web-\(j + 1)" }

    private static func pair(_ j: Int, _ first: [String], _ second: [String]) -> (String, String) {
        let q = j / second.count
        let round = q / first.count
        let a = first[q % first.count]
        return (round == 0 ? a : "\(a)-\(round + 1)", second[j % second.count])
    }
}
