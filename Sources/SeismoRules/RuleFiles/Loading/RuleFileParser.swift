import Yams

/// Reads one rule file's text into a `RuleFile`, collecting every problem with its `file:line:column`.
///
/// Checks what Prometheus checks when it loads rules (YAML syntax, unknown fields, types, durations, group names
/// unique in the file, exactly one of `record`/`alert`, `expr` set and parsing, no `for`/`keep_firing_for`/
/// `annotations` on recording rules, valid metric, label and annotation names, alert templates that parse), what
/// promtool lints (duplicate rules, as warnings), and Seismo's extension blocks.
public struct RuleFileParser: Sendable {
    public init() {}

    /// The model and the problems of one file's text.
    ///
    /// The model holds whatever could be read; it is fit to evaluate only when `diagnostics` holds no error.
    /// A YAML syntax error stops the reading: the model is then empty, with the one error.
    public func parse(_ text: String, path: String) -> (file: RuleFile, diagnostics: [RuleFileDiagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (RuleFile(path: path), [Self.diagnostic(for: error, text: text, path: path)])
        }
        var reader = RuleFileReader(path: path, text: text)
        let file = reader.ruleFile(root)
        return (file, reader.diagnostics.sorted { ($0.position ?? .init(line: 0, column: 0)) < ($1.position ?? .init(line: 0, column: 0)) })
    }

    /// A Yams error as a diagnostic at its mark.
    static func diagnostic(for error: any Error, text: String, path: String) -> RuleFileDiagnostic {
        func at(_ mark: Mark, _ message: String) -> RuleFileDiagnostic {
            RuleFileDiagnostic(file: path, position: RuleFilePosition(line: mark.line, column: mark.column), message: message)
        }
        func described(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return "yaml: \(problem)" }
            return "yaml: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        guard let error = error as? YamlError else {
            return RuleFileDiagnostic(file: path, position: nil, message: "yaml: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return at(mark, described(context, problem))
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.position(ofCharacter: $0, in: text) }
            return RuleFileDiagnostic(file: path, position: position, message: "yaml: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = RuleFilePosition(line: context.mark.line, column: context.mark.column)
            let second = Self.repeatedKey(key, after: first, in: text)
            return RuleFileDiagnostic(
                file: path, position: second ?? first,
                message: "yaml: mapping key \"\(key)\" already defined"
                    + (second != nil ? " at line \(first.line)" : " again later in this mapping")
            )
        default:
            return RuleFileDiagnostic(file: path, position: nil, message: "yaml: \(error)")
        }
    }

    /// The position of the `offset`-th character of `text`.
    private static func position(ofCharacter offset: Int, in text: String) -> RuleFilePosition {
        var line = 1
        var column = 1
        for (index, character) in text.enumerated() {
            if index == offset { break }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return RuleFilePosition(line: line, column: column)
    }

    /// Where `key` is written a second time in the block mapping whose earlier `key` is at `first`: the next line
    /// with the same key at the same column, before a line that ends the mapping (a shallower indentation).
    /// Yams reports only the first occurrence; the second is the one to fix. nil when not found (e.g. flow style).
    private static func repeatedKey(_ key: String, after first: RuleFilePosition, in text: String) -> RuleFilePosition? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let column = first.column - 1
        var index = first.line
        while index < lines.count {
            let line = lines[index]
            let indent = line.firstIndex(where: { $0 != " " }) ?? line.count
            if indent < line.count, line[indent] != "#" {
                // `- ` of a list item at a shallower indentation, or any shallower content, ends the mapping.
                if indent < column { return nil }
                if indent == column {
                    let rest = String(String.UnicodeScalarView(line[column...]))
                    for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                        let after = rest.dropFirst(candidate.count).drop(while: { $0 == " " })
                        if after.hasPrefix(":") { return RuleFilePosition(line: index + 1, column: first.column) }
                    }
                }
            }
            index += 1
        }
        return nil
    }
}
