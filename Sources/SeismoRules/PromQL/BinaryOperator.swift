/// An infix operator, with Prometheus's precedence and associativity.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case power = "^"
    case atan2
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case and
    case or
    case unless

    /// Binding strength, higher binds tighter: `or` 1; `and unless` 2; comparisons 3; `+ -` 4;
    /// `* / % atan2` 5; `^` 6.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and, .unless: 2
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: 3
        case .add, .subtract: 4
        case .multiply, .divide, .modulo, .atan2: 5
        case .power: 6
        }
    }

    /// Only `^` groups to the right (`2 ^ 3 ^ 2` is `2 ^ (3 ^ 2)`).
    public var isRightAssociative: Bool { self == .power }

    /// `== != > < >= <=`: filter unless `bool` is given.
    public var isComparison: Bool { precedence == 3 }

    /// `and or unless`: many-to-many set operations on label sets.
    public var isSetOperator: Bool { precedence <= 2 }

    /// How the operator is written.
    public var description: String { rawValue }
}
