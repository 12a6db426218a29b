import Foundation

/// Loads and validates rule files as `seismo check` and `--rules` need them: every file the paths name, every
/// problem with its position, nothing evaluated.
///
/// Besides each file's own checks (`RuleFileParser`), names of extension declarations must be unique across all
/// the files loaded together, since they label the series the declarations publish.
public struct RuleChecker: Sendable {
    public init() {}

    /// Checks the files and directories `paths` name (see `RulePaths`).
    public func check(paths: [String]) -> RuleCheckReport {
        let (files, pathDiagnostics) = RulePaths.expand(paths)
        let sources = files.map { path -> (String, Result<String, RuleFileDiagnostic>) in
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                guard let text = String(data: data, encoding: .utf8) else {
                    return (path, .failure(RuleFileDiagnostic(file: path, position: nil, message: "not UTF-8 text")))
                }
                return (path, .success(text))
            } catch {
                return (path, .failure(RuleFileDiagnostic(file: path, position: nil, message: "cannot read file: \(error.localizedDescription)")))
            }
        }
        var report = check(sources: sources)
        report.pathDiagnostics = pathDiagnostics
        return report
    }

    /// Checks rule files given as text, keyed by the path to report them under.
    public func check(texts: [(path: String, text: String)]) -> RuleCheckReport {
        check(sources: texts.map { ($0.path, .success($0.text)) })
    }

    private func check(sources: [(String, Result<String, RuleFileDiagnostic>)]) -> RuleCheckReport {
        let parser = RuleFileParser()
        var entries = sources.map { path, source -> RuleCheckReport.Entry in
            switch source {
            case .success(let text):
                let (file, diagnostics) = parser.parse(text, path: path)
                return RuleCheckReport.Entry(file: file, diagnostics: diagnostics)
            case .failure(let problem):
                return RuleCheckReport.Entry(file: RuleFile(path: path), diagnostics: [problem])
            }
        }
        Self.checkUniqueNames(&entries)
        return RuleCheckReport(entries: entries, pathDiagnostics: [])
    }

    /// Each kind of extension declaration must have names unique across all files: the later one is the error.
    private static func checkUniqueNames(_ entries: inout [RuleCheckReport.Entry]) {
        var seen: [String: (path: String, position: RuleFilePosition)] = [:]
        for index in entries.indices {
            var found: [RuleFileDiagnostic] = []
            for group in entries[index].file.groups {
                let declared: [(kind: String, name: String, position: RuleFilePosition)] =
                    group.detectors.map { ("detector", $0.name, $0.position) }
                    + group.health.map { ("health classifier", $0.name, $0.position) }
                    + group.slos.map { ("SLO", $0.name, $0.position) }
                    + group.invariants.map { ("invariant", $0.name, $0.position) }
                for item in declared {
                    let key = item.kind + "\u{0}" + item.name
                    if let first = seen[key] {
                        found.append(RuleFileDiagnostic(
                            file: entries[index].path, position: item.position,
                            message: "group \"\(group.name)\": \(item.kind) \"\(item.name)\" is already declared at "
                                + "\(first.path):\(first.position.line):\(first.position.column); names must be unique "
                                + "across all rule files"
                        ))
                    } else {
                        seen[key] = (entries[index].path, item.position)
                    }
                }
            }
            if !found.isEmpty {
                entries[index].diagnostics = (entries[index].diagnostics + found).sorted {
                    ($0.position ?? RuleFilePosition(line: 0, column: 0)) < ($1.position ?? RuleFilePosition(line: 0, column: 0))
                }
            }
        }
    }
}
