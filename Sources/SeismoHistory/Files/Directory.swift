#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory operations history needs: create, list, remove, rename, and `fsync` of the directory itself
/// (which makes a created, renamed or removed entry survive a power loss).
struct Directory: Sendable {
    let path: String

    /// `path/name`.
    func file(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// Creates the directory and its missing parents.
    func create() throws(HistoryError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw .io(operation: "mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// The names of the directory's entries, without `.` and `..`, unsorted.
    func list() throws(HistoryError) -> [String] {
        guard let handle = opendir(path) else { throw .io(operation: "opendir", path: path, errno: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the file `name`; a missing file is not an error.
    func remove(_ name: String) throws(HistoryError) {
        if unlink(file(name)) != 0, errno != ENOENT {
            throw .io(operation: "unlink", path: file(name), errno: errno)
        }
    }

    /// Renames `from` to `to` within the directory, replacing `to`.
    func rename(_ from: String, to: String) throws(HistoryError) {
        if renameEntry(file(from), file(to)) != 0 {
            throw .io(operation: "rename", path: file(from), errno: errno)
        }
    }

    /// Size of the file `name` in bytes, or nil when it does not exist.
    func size(of name: String) -> Int64? {
        var info = stat()
        guard stat(file(name), &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Makes the directory's entries durable.
    func sync() throws(HistoryError) {
        let fd = try FileDescriptor(opening: path, flags: O_RDONLY | O_DIRECTORY)
        guard fsync(fd.raw) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
    }
}

/// `rename(2)`, out of reach of `Directory.rename`'s name.
private func renameEntry(_ from: String, _ to: String) -> Int32 {
    rename(from, to)
}
