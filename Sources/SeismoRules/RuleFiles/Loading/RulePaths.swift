import Foundation

/// The rule files a list of paths names: each file as given, each directory as its `*.yml` and `*.yaml` files.
///
/// Directories are read one level deep (not recursively), hidden files are skipped, and the files of a directory
/// come in byte order of their names, so a directory loads the same way on every machine. Other files in it (a
/// README, backups) are ignored; a file named explicitly is read whatever its extension.
public enum RulePaths {
    /// The extensions a directory's rule files have.
    public static let extensions: Set<String> = ["yml", "yaml"]

    /// The files `paths` name, in order and without repeats, and a problem for each path that names nothing
    /// loadable: a missing path, a directory that cannot be read or holds no rule file.
    public static func expand(_ paths: [String]) -> (files: [String], diagnostics: [RuleFileDiagnostic]) {
        var files: [String] = []
        var diagnostics: [RuleFileDiagnostic] = []
        var seen = Set<String>()
        func add(_ file: String) {
            if seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted { files.append(file) }
        }
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(RuleFileDiagnostic(file: path, position: nil, message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: path)
            } catch {
                diagnostics.append(RuleFileDiagnostic(file: path, position: nil, message: "cannot read directory: \(error.localizedDescription)"))
                continue
            }
            let ruleFiles = names.filter { name in
                guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
                let joined = join(path, name)
                var nested: ObjCBool = false
                return extensions.contains(String(name[name.index(after: dot)...]))
                    && manager.fileExists(atPath: joined, isDirectory: &nested) && !nested.boolValue
            }
            guard !ruleFiles.isEmpty else {
                diagnostics.append(RuleFileDiagnostic(file: path, position: nil, message: "no *.yml or *.yaml rule files in this directory"))
                continue
            }
            for name in ruleFiles.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                add(join(path, name))
            }
        }
        return (files, diagnostics)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
