import SeismoReport
import Testing

@Suite struct ProgressBarTests {
    @Test(arguments: [
        (0.0, "\r[..........]   0%"), (0.42, "\r[####......]  42%"), (1.0, "\r[##########] 100%"),
        (1.7, "\r[##########] 100%"), (-1, "\r[..........]   0%"), (Double.nan, "\r[..........]   0%"),
    ])
    func rendersFractionClamped(fraction: Double, text: String) {
        #expect(ProgressBar(width: 10).render(fraction: fraction) == text)
    }
}
