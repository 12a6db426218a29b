/// Generates random, well-typed PromQL text from a seed, for property tests of the parser and printer.
///
/// Infix chains mix only operands of one type (instant vectors, or scalars with `bool` on comparisons), so
/// however precedence regroups them the result stays well-typed; everything else nests inside calls,
/// aggregations or parentheses. Spacing varies, including none and newlines, wherever PromQL allows it.
struct RandomPromQL {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

    /// Optional space around punctuation.
    private mutating func gap() -> String { pick(["", "", " ", " ", "  ", "\n", " # note\n"]) }
    /// Required space between words.
    private mutating func space() -> String { pick([" ", " ", "  ", "\n\t"]) }

    private let metrics = ["up", "http_requests_total", "job:errors:rate5m", "node_load1", "sum", "by", "offset"]
    private let labels = ["job", "instance", "code", "le", "on", "bool", "by"]

    mutating func instantVector(depth: Int = 3) -> String {
        let count = depth > 0 && chance(40) ? 2 + below(3) : 1
        var text = instantAtom(depth: depth - 1)
        for _ in 1..<count {
            let op = pick(["+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">", "<", ">=", "<=", "and", "or", "unless"])
            let isComparison = ["==", "!=", ">", "<", ">=", "<="].contains(op)
            let isSet = ["and", "or", "unless"].contains(op)
            let isWord = op.first!.isLetter
            let operand = instantAtom(depth: depth - 1)
            var modifiers = ""
            if isComparison, chance(40) { modifiers += space() + "bool" }
            if chance(35) {
                let matchOn = chance(50)
                let chosen = Array(labels.prefix(1 + below(3)))
                modifiers += space() + (matchOn ? "on" : "ignoring") + gap() + "(" + list(chosen) + ")"
                if !isSet, chance(50) {
                    modifiers += space() + pick(["group_left", "group_right"])
                    // Without a list, a parenthesised operand would be read as the list (in Prometheus too).
                    if operand.hasPrefix("(") || chance(60) {
                        modifiers += gap() + "(" + list(chance(50) ? [] : ["team", "owner"]) + ")"
                    }
                }
            }
            let before = isWord || !modifiers.isEmpty ? space() : gap()
            let after = isWord || !modifiers.isEmpty ? space() : gap()
            text += before + op + modifiers + after + operand
        }
        return text
    }

    mutating func scalar(depth: Int = 2) -> String {
        let count = depth > 0 && chance(30) ? 2 + below(2) : 1
        var text = scalarAtom(depth: depth - 1)
        for _ in 1..<count {
            let op = pick(["+", "-", "*", "/", "%", "^", "atan2", "== bool", "> bool", "<= bool"])
            text += (op.first!.isLetter || op.contains(" ") ? space() : gap()) + op + space() + scalarAtom(depth: depth - 1)
        }
        return text
    }

    private mutating func list(_ items: [String]) -> String {
        items.joined(separator: "," + gap()) + (items.isEmpty || chance(80) ? "" : ",")
    }

    private mutating func selector(modifiers: Bool) -> String {
        var text = ""
        let braces = chance(50)
        if !braces || chance(70) { text = pick(metrics) }
        if braces || text.isEmpty {
            var matchers = [String]()
            let needsNonEmpty = text.isEmpty
            for index in 0..<(needsNonEmpty ? 1 + below(2) : below(3)) {
                let op = index == 0 && needsNonEmpty ? "=" : pick(["=", "!=", "=~", "!~"])
                let value = pick([#""api""#, "'w\\'eb'", "`5..`", #""a|b""#, #""x\n\"y\"""#, #""é""#])
                matchers.append(pick(labels) + gap() + op + gap() + value)
            }
            text += "{" + gap() + list(matchers) + gap() + "}"
        }
        if modifiers { text += self.modifiers() }
        return text
    }

    private mutating func duration() -> String { pick(["5m", "1h30m", "30s", "250ms", "1d", "90", "1.5", "2w"]) }

    private mutating func modifiers() -> String {
        var text = ""
        if chance(25) { text += space() + "offset" + space() + (chance(30) ? "-" : "") + duration() }
        if chance(15) { text += gap() + "@" + gap() + pick(["1700000000", "-5.25", "start()", "end()", "+12"]) }
        return text
    }

    mutating func rangeVector(depth: Int) -> String {
        if depth <= 0 || chance(75) { return selector(modifiers: false) + gap() + "[" + duration() + "]" + modifiers() }
        var operand = instantAtom(depth: depth - 1)
        if operand.hasPrefix("-") || operand.hasPrefix("+") { operand = "(" + operand + ")" }
        let step = chance(50) ? duration() : ""
        return operand + gap() + "[" + duration() + ":" + step + "]" + modifiers()
    }

    private mutating func instantAtom(depth: Int) -> String {
        guard depth > 0 else { return selector(modifiers: true) }
        switch below(12) {
        case 0, 1: return selector(modifiers: true)
        case 2:
            let function = pick(["rate", "irate", "increase", "delta", "deriv", "changes", "avg_over_time",
                                 "max_over_time", "last_over_time", "present_over_time", "absent_over_time"])
            return function + gap() + "(" + gap() + rangeVector(depth: depth - 1) + gap() + ")"
        case 3:
            return pick(["abs", "ceil", "sqrt", "absent", "sort_desc", "timestamp", "hour"]) + "("
                + instantVector(depth: depth - 1) + ")"
        case 4:
            let op = pick(["sum", "avg", "max", "count", "stddev", "group", "SUM"])
            let grouping = pick(["", "by", "without"])
            let clause = grouping.isEmpty ? "" : space() + grouping + gap() + "(" + list(Array(labels.prefix(below(3)))) + ")"
            let body = "(" + instantVector(depth: depth - 1) + ")"
            return chance(50) ? op + clause + gap() + body : op + gap() + body + clause
        case 5:
            let op = pick(["topk", "bottomk", "quantile"])
            return op + "(" + scalar(depth: depth - 1) + "," + gap() + instantVector(depth: depth - 1) + ")"
        case 6: return "-" + gap() + instantAtom(depth: depth - 1)
        case 7: return "(" + gap() + instantVector(depth: depth - 1) + gap() + ")"
        case 8: return "histogram_quantile(" + scalar(depth: depth - 1) + ", " + instantVector(depth: depth - 1) + ")"
        case 9:
            if chance(50) {
                return "predict_linear(" + rangeVector(depth: depth - 1) + ", " + scalar(depth: depth - 1) + ")"
            }
            return pick(["clamp_min", "clamp_max", "round"]) + "(" + instantVector(depth: depth - 1) + ","
                + gap() + scalar(depth: depth - 1) + ")"
        case 10: return #"label_replace("# + instantVector(depth: depth - 1) + #", "dst", "$1", "src", "(.*)")"#
        default: return "vector(" + scalar(depth: depth - 1) + ")"
        }
    }

    private mutating func scalarAtom(depth: Int) -> String {
        switch below(depth > 0 ? 6 : 3) {
        case 0: return pick(["1", "0.5", "1e3", "0x1F", ".25", "Inf", "NaN", "1_000", "5m", "017"])
        case 1: return "-" + pick(["2", "1.5e-3", "inf"])
        case 2: return "time()"
        case 3: return "(" + scalar(depth: depth - 1) + ")"
        case 4: return "scalar(" + instantVector(depth: depth - 1) + ")"
        default: return "-" + gap() + "(" + scalar(depth: depth - 1) + ")"
        }
    }
}
