import Yams

/// Finds where a character of a YAML scalar's value sits in the file, so that a problem inside an expression or a
/// template can be reported at its own line and column rather than at the start of the value.
///
/// Plain and quoted one-line values and literal (`|`) blocks map character for character; the mapping is verified
/// against the file's text up to the character, so escapes after it do not matter. Folded (`>`) and multi-line
/// plain values, and quoted values with an escape before the character, fold or rewrite their text; for those
/// `position` returns nil and the caller reports the scalar's start.
struct ScalarSourceMap {
    private let lines: [[Unicode.Scalar]]

    init(text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        // libyaml counts a CR LF line break as one; drop the CR so columns agree.
        self.lines = lines.map { $0.last == "\r" ? Array($0.dropLast()) : $0 }
    }

    /// The file position of the character at 0-based `valueLine` and `valueColumn` (in Unicode scalars) of the
    /// scalar's value, or nil when the value's layout in the file cannot be followed.
    func position(in scalar: Node.Scalar, valueLine: Int, valueColumn: Int) -> RuleFilePosition? {
        guard let mark = scalar.mark else { return nil }
        let valueLines = scalar.string.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        guard valueLine < valueLines.count else { return nil }
        let target = valueLines[valueLine]
        // The value's characters up to and including the one wanted (or all, at the end of the line).
        let prefix = Array(target.prefix(valueColumn + 1))
        switch scalar.style {
        case .plain, .singleQuoted, .doubleQuoted, .any:
            guard valueLines.count == 1 else { return nil }
            let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
            let column = mark.column - 1 + quote
            guard matches(prefix, line: mark.line - 1, column: column) else { return nil }
            return RuleFilePosition(line: mark.line, column: column + valueColumn + 1)
        case .literal:
            // The mark is at the `|`; content line k of the value is file line mark.line + 1 + k.
            let firstContent = mark.line
            guard let indent = blockIndent(from: firstContent) else { return nil }
            let lineIndex = firstContent + valueLine
            guard matches(prefix, line: lineIndex, column: indent) else { return nil }
            return RuleFilePosition(line: lineIndex + 1, column: indent + valueColumn + 1)
        case .folded:
            return nil
        }
    }

    private func matches(_ prefix: [Unicode.Scalar], line: Int, column: Int) -> Bool {
        guard line >= 0, line < lines.count, column >= 0, column + prefix.count <= lines[line].count else {
            return prefix.isEmpty && line >= 0 && line < lines.count
        }
        return Array(lines[line][column..<column + prefix.count]) == prefix
    }

    /// The indentation of a block scalar's content: that of its first line with a non-space character.
    private func blockIndent(from line: Int) -> Int? {
        var index = line
        while index < lines.count {
            if let column = lines[index].firstIndex(where: { $0 != " " }) { return column }
            index += 1
        }
        return nil
    }
}
