import ArgumentParser
import SeismoCore
import SeismoEngine
import SeismoHistory

/// `seismo run`'s history options: `--data DIR` and how it is written.
struct HistoryWriteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write every accepted sample to history in this directory, and resume from it.", valueName: "dir"))
    var data: String?

    @Option(help: "When history is synced to disk: always (before each batch is acknowledged), interval, or never.")
    var fsync: FsyncChoice = .interval

    @Option(help: "Sync interval for --fsync interval (e.g. 1s, 500ms).")
    var fsyncInterval = "1s"

    @Option(help: "Delete sealed segments whose newest sample is older than this (event time, e.g. 7d).")
    var retentionTime: String?

    @Option(help: "Delete the oldest sealed segments while history takes more than this (e.g. 10GiB).")
    var retentionSize: String?

    @Option(help: "Start a new segment before one would pass this size (e.g. 64MiB).")
    var segmentSize = "64MiB"

    @Option(help: "Start a new segment before one would span more event time than this.")
    var segmentSpan = "2h"

    @Option(help: "Wall time between alert-state checkpoints (one is also written at the end).")
    var checkpointInterval = "10s"

    @Option(help: "On restart with rules, replay only this much history (back from its newest sample) to warm up; default: all.")
    var warmUp: String?

    @Option(help: ArgumentHelp("After each write, put the durable sample count (a sequence number) in this file.", valueName: "file"))
    var ackFile: String?

    func validate() throws {
        guard data != nil || (ackFile == nil && retentionTime == nil && retentionSize == nil) else {
            throw ValidationError("--ack-file, --retention-time and --retention-size need --data")
        }
        _ = try options(directory: "")
    }

    /// The history options these flags describe; nil without `--data`.
    var historyOptions: HistoryOptions? {
        get throws { try data.map { try options(directory: $0) } }
    }

    private func options(directory: String) throws -> HistoryOptions {
        var options = HistoryOptions(directory: directory)
        switch fsync {
        case .always: options.storage.fsync = .always
        case .interval: options.storage.fsync = .interval(nanoseconds: try Self.duration(fsyncInterval, "--fsync-interval"))
        case .never: options.storage.fsync = .never
        }
        options.storage.retention = RetentionPolicy(
            maxAge: try retentionTime.map { try Self.duration($0, "--retention-time") },
            maxBytes: try retentionSize.map { try Self.bytes($0, "--retention-size") }
        )
        options.storage.maxSegmentBytes = try Self.bytes(segmentSize, "--segment-size")
        guard options.storage.maxSegmentBytes >= 4096 else { throw ValidationError("--segment-size must be at least 4KiB") }
        options.storage.maxSegmentSpan = try Self.duration(segmentSpan, "--segment-span")
        options.checkpointInterval = try Self.duration(checkpointInterval, "--checkpoint-interval")
        options.ackFile = ackFile
        options.warmUp = try warmUp.map { try Self.duration($0, "--warm-up") }
        return options
    }

    private static func duration(_ text: String, _ option: String) throws -> Int64 {
        do {
            let ns = try PromDuration.nanoseconds(text)
            guard ns > 0 else { throw ValidationError("\(option) must be positive") }
            return ns
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    /// `123`, `64KiB`, `64MiB`, `10GiB`, `1TiB` (also `KB`, `MB`, `GB`, `TB` as powers of 1000).
    static func bytes(_ text: String, _ option: String) throws -> Int64 {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
            ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
        ]
        var number = Substring(text)
        var scale: Int64 = 1
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Int64(number), value > 0 else {
            throw ValidationError("\(option): expected a positive size like 512MiB, got '\(text)'")
        }
        let (total, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw ValidationError("\(option): '\(text)' is too large") }
        return total
    }
}

/// `--fsync`'s values.
enum FsyncChoice: String, ExpressibleByArgument, CaseIterable {
    case always, interval, never
}
