#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How promtool finds the rule files a test file names: relative paths joined with the test file's directory
/// (Go's `filepath.Join`, which cleans the result), then expanded as a glob (Go's `filepath.Glob`).
enum TestFileGlob {
    /// The directory part of `path`, `.` when there is none (Go's `filepath.Dir`).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return clean(dir.isEmpty ? "/" : dir)
    }

    /// `pattern` itself when absolute or empty, else joined with `directory` and cleaned.
    static func resolve(_ pattern: String, relativeTo directory: String) -> String {
        if pattern.isEmpty || pattern.hasPrefix("/") { return pattern }
        return clean(directory + "/" + pattern)
    }

    /// The existing paths `pattern` matches, sorted; a pattern without glob characters matches itself if it
    /// exists. Empty when nothing matches or the pattern is malformed.
    static func matches(_ pattern: String) -> [String] {
        guard !pattern.isEmpty else { return [] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths
    }

    /// Go's `path.Clean`: no `.` components, `..` folded where it can be, no repeated or trailing slashes.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
