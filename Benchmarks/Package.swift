// swift-tools-version:6.1
//
// Seismo's benchmarks, a package of their own so the main package does not depend on package-benchmark.
// One executable target per suite under Benchmarks/<Suite>/; see README.md for how to run them.
// HistorySize is a measurement, not a package-benchmark suite: it prints bytes per sample.
import PackageDescription

let package = Package(
    name: "SeismoBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name, which differs per checkout.
        .package(name: "Seismo", path: "../"),
        // ordo-one/benchmark, formerly package-benchmark (the old name still resolves but warns).
        // MallocInterposer only: on Linux with Swift 6.3 the default traits would also pull in
        // swift-runtime-interposer for ARC counters, which these suites do not use.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // MARK: Suites, in data-flow order
        .executableTarget(
            name: "IngestBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SeismoIngest", package: "Seismo"),
                .product(name: "SeismoCore", package: "Seismo"),
            ],
            path: "Benchmarks/IngestBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SeismoRing", package: "Seismo"),
                .product(name: "SeismoCore", package: "Seismo"),
            ],
            path: "Benchmarks/RingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DetectorBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SeismoDetect", package: "Seismo"),
                .product(name: "SeismoIngest", package: "Seismo"),
            ],
            path: "Benchmarks/DetectorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RuleBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SeismoRules", package: "Seismo"),
                .product(name: "SeismoCore", package: "Seismo"),
            ],
            path: "Benchmarks/RuleBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),

        // MARK: Labelled evaluation (not a benchmark suite: a report of detection quality)
        .executableTarget(
            name: "DetectorEvaluation",
            dependencies: [
                .product(name: "SeismoDetect", package: "Seismo"),
                .product(name: "SeismoWorkload", package: "Seismo"),
                .product(name: "SeismoIngest", package: "Seismo"),
            ],
            path: "DetectorEvaluation"
        ),

        // MARK: History measurements (plain executables: they print bytes per sample and decode rates)
        .executableTarget(
            name: "HistorySize",
            dependencies: [
                "CZstdText", "SampleText",
                .product(name: "SeismoHistory", package: "Seismo"),
                .product(name: "SeismoWorkload", package: "Seismo"),
                .product(name: "SeismoIngest", package: "Seismo"),
            ],
            path: "Benchmarks/HistorySize"
        ),
        .executableTarget(
            name: "HistoryThroughput",
            dependencies: [
                "SampleText",
                .product(name: "SeismoHistory", package: "Seismo"),
                .product(name: "SeismoWorkload", package: "Seismo"),
                .product(name: "SeismoIngest", package: "Seismo"),
            ],
            path: "Benchmarks/HistoryThroughput"
        ),

        // MARK: Measurement support
        // Text parsed into samples as the engine parses it, for the history measurements.
        .target(
            name: "SampleText",
            dependencies: [.product(name: "SeismoCore", package: "Seismo"), .product(name: "SeismoIngest", package: "Seismo")],
            path: "Benchmarks/SampleText"
        ),
        // zstd for HistorySize's zstd-of-text baseline (Debian: libzstd-dev, as for the main package).
        .systemLibrary(name: "CZstdText", path: "Benchmarks/CZstdText", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    ]
)
