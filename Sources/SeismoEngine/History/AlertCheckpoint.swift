import Foundation
import SeismoRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The alert state of a run with rules, saved beside its history so that a restarted `seismo run --data` resumes
/// its alerts: pending and firing alerts, `for` and `keep_firing_for` timers, flap history, the groups' next
/// evaluation times and the alert event sequence number.
///
/// Tagged with the history position it covers: every sample with a sequence number below `sequence` had been
/// evaluated when it was taken, none after. Stored as JSON in `checkpoint.json`, replaced atomically (written to
/// a temporary file, synced, renamed, directory synced), so a crash leaves either the old or the new one.
public struct AlertCheckpoint: Codable, Sendable, Equatable {
    public static let fileName = "checkpoint.json"
    /// Layout version; a checkpoint of another version is ignored.
    public static let currentVersion = 1

    public var version: Int
    /// Samples below this sequence number were evaluated.
    public var sequence: UInt64
    /// The engine's event clock when it was taken, ns (nil before the first sample).
    public var eventTime: Int64?
    public var rules: RuleEngineCheckpoint

    public init(sequence: UInt64, eventTime: Int64?, rules: RuleEngineCheckpoint) {
        version = Self.currentVersion
        self.sequence = sequence
        self.eventTime = eventTime
        self.rules = rules
    }

    /// Replaces `directory`'s checkpoint with this one; syncs the file and the directory when `sync`.
    public func write(to directory: String, sync: Bool) throws(CheckpointError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw CheckpointError(path: directory, message: "cannot encode: \(error)") }
        let path = directory + "/" + Self.fileName
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError(path: temporary, errno: errno) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard written else { throw CheckpointError(path: temporary, errno: errno) }
        if sync, fdatasync(fd) != 0 { throw CheckpointError(path: temporary, errno: errno) }
        guard rename(temporary, path) == 0 else { throw CheckpointError(path: path, errno: errno) }
        if sync {
            let dir = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dir >= 0 {
                defer { close(dir) }
                if fsync(dir) != 0 { throw CheckpointError(path: directory, errno: errno) }
            }
        }
    }

    /// The checkpoint in `directory`; nil when there is none. A file that does not decode, or of another
    /// version, throws (the caller reports it and starts without).
    public static func read(from directory: String) throws(CheckpointError) -> AlertCheckpoint? {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let checkpoint: AlertCheckpoint
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            checkpoint = try JSONDecoder().decode(AlertCheckpoint.self, from: data)
        } catch {
            throw CheckpointError(path: path, message: "does not decode: \(error)")
        }
        guard checkpoint.version == currentVersion else {
            throw CheckpointError(path: path, message: "version \(checkpoint.version), expected \(currentVersion)")
        }
        return checkpoint
    }
}
