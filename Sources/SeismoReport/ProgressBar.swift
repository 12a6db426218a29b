/// A one-line progress bar for a terminal: `[##########··········]  50%`, redrawn in place with `\r`.
public struct ProgressBar: Sendable, Equatable {
    /// Cells between the brackets.
    public var width: Int

    public init(width: Int = 30) {
        precondition(width > 0, "ProgressBar: width must be positive")
        self.width = width
    }

    /// The bar for `fraction` (clamped to 0…1), starting with `\r` and without a newline.
    public func render(fraction: Double) -> String {
        let share = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let filled = Int((share * Double(width)).rounded(.down))
        let percent = Int((share * 100).rounded(.down))
        let number = String(percent)
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(repeating: " ", count: 3 - number.count) + number + "%"
    }
}
