import Foundation

/// The promtool-format test files under `Fixtures/promtool/`, which `promtool test rules` was run on:
/// `api_rules_test.yml` passes, `api_rules_failing_test.yml` fails with the output kept beside it in
/// `api_rules_failing_test.promtool.txt` (promtool 2.42, run from that folder, stdout and stderr together).
enum PromtoolFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/promtool")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
