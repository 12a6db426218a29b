/// The identity of a series: a metric name and a label set sorted by label name.
///
/// Two inputs that name the same metric with the same labels in any order map to equal `SeriesLabels`,
/// and so to the same `SeriesID`.
public struct SeriesLabels: Hashable, Sendable, CustomStringConvertible {
    public private(set) var metric: String
    /// Sorted by name; names are unique (a later duplicate replaces an earlier one).
    public private(set) var labels: [Label]

    /// Labels known to be sorted by name with no name twice (a label set's own labels, or a subset of them in
    /// order), taken as they are without the check `init(metric:labels:)` makes.
    package init(metric: String, sortedUniqueLabels labels: [Label]) {
        self.metric = metric
        self.labels = labels
    }

    /// Sorts `labels` by name; when a name is given more than once, the one given last wins.
    public init(metric: String, labels: [Label] = []) {
        self.metric = metric
        // Most label sets the evaluator builds are already sorted subsets of sorted sets (dropping the name,
        // keeping or removing labels): take those as they are, with no sort or new array.
        if Self.isSortedUnique(labels) {
            self.labels = labels
            return
        }
        // Sort by name, keeping input order among equal names, so "last wins" means last as written.
        let sorted = labels.enumerated().sorted { a, b in
            a.element.name != b.element.name ? a.element.name < b.element.name : a.offset < b.offset
        }
        var unique: [Label] = []
        unique.reserveCapacity(sorted.count)
        for (_, label) in sorted {
            if let last = unique.last, last.name == label.name {
                unique[unique.count - 1] = label
            } else {
                unique.append(label)
            }
        }
        self.labels = unique
    }

    /// Whether the names strictly increase, so the labels are already in canonical form.
    private static func isSortedUnique(_ labels: [Label]) -> Bool {
        var i = 1
        while i < labels.count {
            guard labels[i - 1].name < labels[i].name else { return false }
            i += 1
        }
        return true
    }

    /// The value of label `name`, or nil.
    public subscript(name: String) -> String? {
        labels.first(where: { $0.name == name })?.value
    }

    /// Prometheus notation: `metric{a="x",b="y"}` with `\\`, `\"` and `\n` escaped in values.
    public var description: String {
        if labels.isEmpty { return metric }
        var out = metric + "{"
        for (i, label) in labels.enumerated() {
            if i > 0 { out += "," }
            out += label.name + "=\""
            for ch in label.value.unicodeScalars {
                switch ch {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(ch)
                }
            }
            out += "\""
        }
        return out + "}"
    }
}
