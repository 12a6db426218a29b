// swift-tools-version:6.1
//
// Seismo: streaming anomaly detection and alerting.
//
// The targets read in the order data flows through the engine:
//   stdin → SeismoIngest (line parsers, series interning, rejects)
//         → SeismoRing (lock-free SPSC hand-off between threads)
//         → SeismoDetect (windowed statistics, anomaly detectors)
//         → SeismoRules (rule files, expressions, alert lifecycle)
//   and SeismoHistory (segment files) beside them; SeismoEngine wires the stages,
//   SeismoOps serves what an operator watches (metrics over HTTP, logs, status view),
//   SeismoDelivery hands alerts on (Alertmanager), `seismo` is the thin command line on top.
import PackageDescription

let package = Package(
    name: "Seismo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "seismo", targets: ["seismo"]),
        .library(name: "SeismoEngine", targets: ["SeismoEngine"]),
        .library(name: "SeismoCore", targets: ["SeismoCore"]),
        .library(name: "SeismoIngest", targets: ["SeismoIngest"]),
        .library(name: "SeismoRing", targets: ["SeismoRing"]),
        .library(name: "SeismoDetect", targets: ["SeismoDetect"]),
        .library(name: "SeismoRules", targets: ["SeismoRules"]),
        .library(name: "SeismoHistory", targets: ["SeismoHistory"]),
        .library(name: "SeismoDelivery", targets: ["SeismoDelivery"]),
        .library(name: "SeismoWorkload", targets: ["SeismoWorkload"]),
        .library(name: "SeismoReport", targets: ["SeismoReport"]),
        .library(name: "SeismoOps", targets: ["SeismoOps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // MARK: Shared vocabulary
        .target(name: "SeismoCore"),

        // MARK: Pipeline stages, in data-flow order
        .target(name: "SeismoIngest", dependencies: ["SeismoCore"]),
        .target(
            name: "SeismoRing",
            dependencies: [.product(name: "Atomics", package: "swift-atomics")]
        ),
        .target(name: "SeismoDetect", dependencies: ["SeismoCore"]),
        .target(
            name: "SeismoRules",
            dependencies: ["SeismoCore", "SeismoDetect", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SeismoHistory", dependencies: ["SeismoCore", "CZstd"]),
        // zstd from the system (Debian: libzstd-dev; `.ci/setup` installs it).
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),

        // MARK: Workloads
        .target(name: "SeismoWorkload", dependencies: ["SeismoCore", "SeismoIngest"]),

        // MARK: Wiring and command line
        .target(
            name: "SeismoEngine",
            dependencies: [
                "SeismoCore", "SeismoIngest", "SeismoRing", "SeismoDetect", "SeismoRules", "SeismoHistory",
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // Operating a run: self-metrics over HTTP, structured logs, the live status view. The one target with NIO.
        .target(
            name: "SeismoOps",
            dependencies: [
                "SeismoEngine", "SeismoCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Backtest reports: alert spans and sampled series of a run, rendered as one HTML file.
        .target(name: "SeismoReport", dependencies: ["SeismoCore", "SeismoRules", "SeismoEngine"]),
        // Alert destinations on top of the engine's AlertSink: Alertmanager over HTTP.
        .target(
            name: "SeismoDelivery",
            dependencies: [
                "SeismoCore", "SeismoRules", "SeismoEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(
            name: "seismo",
            dependencies: [
                "SeismoEngine", "SeismoIngest", "SeismoCore", "SeismoDetect", "SeismoRules", "SeismoWorkload", "SeismoHistory",
                "SeismoReport", "SeismoOps", "SeismoDelivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The release binary is linked at a fixed address (not position-independent): the dynamic loader then
            // has no relocations to apply at start-up. A position-independent build carries ~130k of them, which
            // touch (and copy) every page of type metadata and witness tables before `main`: 1.9 ms of every run,
            // a sixth of `seismo run`'s start-up (Benchmarks/README.md, fourteenth round). The price is that the
            // executable's own code and data sit at the same address in every run (libraries, heap and stacks
            // are still randomized); for a command that reads a stream and writes alerts, we take the speed.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),

        // MARK: Tests
        .target(name: "SeismoTestSupport", dependencies: ["SeismoCore", "SeismoIngest"], path: "Tests/SeismoTestSupport"),
        .testTarget(name: "SeismoIngestTests", dependencies: ["SeismoIngest", "SeismoTestSupport"]),
        .testTarget(name: "SeismoRingTests", dependencies: ["SeismoRing", "SeismoCore"]),
        .testTarget(name: "SeismoDetectTests", dependencies: ["SeismoDetect", "SeismoTestSupport"]),
        .testTarget(
            name: "SeismoRulesTests",
            dependencies: ["SeismoRules", "SeismoCore", "SeismoDetect", "SeismoTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SeismoEngineTests",
            dependencies: [
                "SeismoEngine", "SeismoRules", "SeismoDetect", "SeismoCore", "SeismoWorkload", "SeismoHistory",
                "SeismoTestSupport",
            ]
        ),
        .testTarget(
            name: "SeismoReportTests",
            dependencies: ["SeismoReport", "SeismoEngine", "SeismoRules", "SeismoCore", "SeismoTestSupport"]
        ),
        .testTarget(
            name: "SeismoOpsTests",
            dependencies: ["SeismoOps", "SeismoEngine", "SeismoRules", "SeismoCore", "SeismoTestSupport"]
        ),
        .testTarget(name: "SeismoHistoryTests", dependencies: ["SeismoHistory", "SeismoCore", "SeismoIngest", "SeismoTestSupport"]),
        .testTarget(
            name: "SeismoDeliveryTests",
            dependencies: [
                "SeismoDelivery", "SeismoRules", "SeismoCore", "SeismoTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(name: "SeismoWorkloadTests", dependencies: ["SeismoWorkload", "SeismoIngest", "SeismoTestSupport"]),
    ]
)

// Shared settings, applied once.
for target in package.targets where target.type != .plugin && target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // Release builds let the optimizer see across Seismo's own modules (inline and specialize the store, detector and
    // window calls the engine makes into SeismoRules and SeismoDetect): about 7% less wall time with the bundled
    // rules (Benchmarks/README.md, seventh round). Only this package's targets; dependencies build as they ship.
    if !target.isTest { settings.append(.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))) }
    target.swiftSettings = settings
}
