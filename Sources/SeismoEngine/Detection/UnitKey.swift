import SeismoCore

/// Identifies one health classifier or SLO tracker: its declaration and the values of its key labels.
struct UnitKey: Hashable {
    /// Index of the declaration among the stage's health (or SLO) declarations.
    var declaration: Int
    /// The key labels in declaration order, a label the series lacks as the empty string.
    var labels: [Label]

    /// The key of series `series` for a declaration keyed on `names`; nil `names` keys on every label of the
    /// series but its metric name.
    init(declaration: Int, names: [String]?, series: SeriesLabels) {
        self.declaration = declaration
        if let names {
            labels = names.map { Label(name: $0, value: series[$0] ?? "") }
        } else {
            labels = series.labels
        }
    }
}
