import SeismoEngine
import SeismoOps
import Testing

@Suite struct StatusRendererTests {
    @Test(arguments: [
        (0.0, "[░░░░░░░░░░]"),
        (0.25, "[███░░░░░░░]"),  // 2.5 cells round to 3
        (0.5, "[█████░░░░░]"),
        (1.0, "[██████████]"),
        (1.7, "[██████████]"),  // overspent: full
        (-0.2, "[░░░░░░░░░░]"),
    ])
    func barFillsTheConsumedShare(consumed: Double, expected: String) {
        #expect(StatusRenderer(barWidth: 10).bar(consumed: consumed) == expected)
    }

    static func snapshot() -> StatusSnapshot {
        var s = StatusSnapshot(monotonic: 3_000_000_000)
        s.lines = 12_000
        s.series = 40
        s.rejected = 3
        s.eventTime = 1_700_000_000_000_000_000
        s.slos = [.init(name: "api", budgetRemaining: 0.7), .init(name: "checkout{region=\"eu\"}", budgetRemaining: -0.5)]
        s.unhealthy = ["db{host=\"a\"}"]
        s.firing = [.init(alert: "HighLatency", labels: "service=\"api\"", since: 1_699_999_940_000_000_000)]
        s.pending = 2
        return s
    }

    @Test func frameShowsRateCountsBarsAndAlerts() {
        var previous = StatusSnapshot(monotonic: 1_000_000_000)
        previous.lines = 10_000
        let frame = StatusRenderer(width: 120, barWidth: 10).frame(Self.snapshot(), previous: previous)
        #expect(frame == [
            "seismo  12000 lines  1000 lines/s  40 series  3 rejected  clock 2023-11-14T22:13:20Z",
            "SLOs (error budget consumed)",
            "  api                    [███░░░░░░░]  30.0%",
            "  checkout{region=\"eu\"}  [██████████]  150.0%",
            "unhealthy (1)",
            "  db{host=\"a\"}",
            "firing (1), pending 2",
            "  since 2023-11-14T22:12:20Z  HighLatency{service=\"api\"}",
        ])
    }

    @Test func frameWithoutRulesHasNoSLOOrHealthSection() {
        var s = StatusSnapshot(monotonic: 5)
        s.lines = 7
        let frame = StatusRenderer().frame(s, previous: nil)
        #expect(frame == ["seismo  7 lines  0 series  0 rejected", "firing (0), pending 0"])
    }

    @Test func longListsAreCutAndCounted() {
        var s = Self.snapshot()
        s.unhealthy = (1...5).map { "dep\($0)" }
        let frame = StatusRenderer(listLimit: 2).frame(s, previous: nil)
        #expect(frame.contains("unhealthy (5)"))
        #expect(frame.contains("  dep2"))
        #expect(!frame.contains("  dep3"))
        #expect(frame.contains("  … and 3 more"))
    }

    @Test func linesAreCutToTheTerminalWidth() {
        let frame = StatusRenderer(width: 40).frame(Self.snapshot(), previous: nil)
        #expect(frame.allSatisfy { $0.count <= 40 })
        #expect(frame[0].hasSuffix("…"))
    }

    @Test func oneLineFormCountsAndNamesTheWorstSLO() {
        var previous = StatusSnapshot(monotonic: 1_000_000_000)
        previous.lines = 11_000
        let line = StatusRenderer().line(Self.snapshot(), previous: previous)
        #expect(line == "status: 12000 lines (500/s), 40 series, 3 rejected, 1 firing, 2 pending, 1 unhealthy, most budget consumed: checkout{region=\"eu\"} 150.0%")
    }
}
