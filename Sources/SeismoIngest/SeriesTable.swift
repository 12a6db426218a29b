import SeismoCore

/// Interns series for the ingest thread: maps the raw bytes of a series key, exactly as they appear on a line,
/// to a dense `SeriesID`, and canonical label sets to ids for keys seen for the first time.
///
/// The hot path (`lookup`) hashes the raw key bytes and compares them with the stored copy: no unescaping, no
/// sorting, no allocation. Only a raw form never seen before goes through the parser's canonicalization and
/// `intern`, where label limits and the series cap are enforced. Two raw forms of the same series (labels in
/// another order, say) both end up at the id of the canonical label set.
///
/// Not thread-safe: owned by the ingest thread. New series are published through `SeriesRegistry`.
public final class SeriesTable {
    @usableFromInline
    struct Slot {
        @usableFromInline var hash: UInt64 = 0  // 0 marks an empty slot
        @usableFromInline var keyOffset: Int = 0
        @usableFromInline var prefixLength: Int32 = 0
        @usableFromInline var suffixLength: Int32 = 0
        @usableFromInline var id: UInt32 = 0
    }

    // The open-addressing table and the key arena live in raw allocations owned by this class: the lookup is
    // the hottest path of ingest, and plain arrays here cost a retain and an exclusivity check per probe.
    // This class is the only place that touches them.
    @usableFromInline @exclusivity(unchecked) var slots: UnsafeMutablePointer<Slot>
    @usableFromInline @exclusivity(unchecked) var mask: Int
    @usableFromInline var used = 0
    /// The raw key bytes of every slot, back to back.
    @usableFromInline @exclusivity(unchecked) var arena: UnsafeMutablePointer<UInt8>
    @usableFromInline var arenaCount = 0
    @usableFromInline var arenaCapacity: Int
    private var canonical: [SeriesLabels: SeriesID] = [:]

    public let registry: SeriesRegistry
    public let limits: IngestLimits

    public init(limits: IngestLimits, registry: SeriesRegistry = SeriesRegistry()) {
        self.limits = limits
        self.registry = registry
        slots = .allocate(capacity: 1 << 12)
        slots.initialize(repeating: Slot(), count: 1 << 12)
        mask = (1 << 12) - 1
        arenaCapacity = 1 << 16
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// Number of distinct series interned.
    public var seriesCount: Int { canonical.count }

    /// The hash `lookup` and `remember` expect for a key made of `prefix` followed by `suffix`.
    @inlinable @inline(__always)
    public static func hash(prefix: UnsafeRawBufferPointer, suffix: UnsafeRawBufferPointer) -> UInt64 {
        hash(prefixHash: prefixHash(prefix), suffix: suffix)
    }

    /// The first half of `hash(prefix:suffix:)`: the prefix's hash, which seeds the suffix's. The Influx parser
    /// works both halves out in the scans that find the keys' ends (`HashingScan`).
    @inlinable @inline(__always)
    public static func prefixHash(_ prefix: UnsafeRawBufferPointer) -> UInt64 { ByteHash.hash(prefix) }

    /// The second half of `hash(prefix:suffix:)`.
    @inlinable @inline(__always)
    public static func hash(prefixHash: UInt64, suffix: UnsafeRawBufferPointer) -> UInt64 {
        let combined = suffix.isEmpty ? prefixHash : ByteHash.hash(suffix, seed: prefixHash)
        return combined == 0 ? 1 : combined
    }

    /// The id remembered for this exact raw key, or nil if this raw form was never seen.
    ///
    /// - Complexity: O(key length), expected one probe.
    @inlinable
    public func lookup(prefix: UnsafeRawBufferPointer, suffix: UnsafeRawBufferPointer, hash: UInt64) -> SeriesID? {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.hash == 0 { return nil }
            if slot.hash == hash, Int(slot.prefixLength) == prefix.count, Int(slot.suffixLength) == suffix.count,
                Self.equal(arena + slot.keyOffset, prefix),
                Self.equal(arena + slot.keyOffset + prefix.count, suffix)
            {
                return SeriesID(slot.id)
            }
            i = (i &+ 1) & mask
        }
    }

    /// Whether the `key.count` bytes at `stored` equal `key`: eight bytes a step and the rest in one overlapping
    /// load, inline (series keys are a few dozen bytes, where a call to `memcmp` costs more than the comparison).
    @inlinable @inline(__always)
    static func equal(_ stored: UnsafeMutablePointer<UInt8>, _ key: UnsafeRawBufferPointer) -> Bool {
        guard let k = key.baseAddress else { return true }
        let n = key.count
        let s = UnsafeRawPointer(stored)
        guard n >= 8 else { return memcmpBytes(s, k, n) }
        var i = 0
        while i &+ 8 <= n {
            if s.loadUnaligned(fromByteOffset: i, as: UInt64.self) != k.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        return i == n
            || s.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == k.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }

    /// Remembers that this raw key names series `id`. Raw forms beyond four per allowed series are not cached
    /// (they keep working, through `intern`), so a stream of ever-new spellings cannot grow memory without bound.
    public func remember(prefix: UnsafeRawBufferPointer, suffix: UnsafeRawBufferPointer, hash: UInt64, id: SeriesID) {
        guard used < limits.maxSeries &* 4 else { return }
        if (used + 1) * 4 > (mask + 1) * 3 { grow() }
        var slot = Slot()
        slot.hash = hash
        let needed = arenaCount + prefix.count + suffix.count
        if needed > arenaCapacity {
            let capacity = max(arenaCapacity * 2, needed)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        slot.keyOffset = arenaCount
        slot.prefixLength = Int32(prefix.count)
        slot.suffixLength = Int32(suffix.count)
        slot.id = id.rawValue
        if let p = prefix.baseAddress { UnsafeMutableRawPointer(arena + arenaCount).copyMemory(from: p, byteCount: prefix.count) }
        if let p = suffix.baseAddress {
            UnsafeMutableRawPointer(arena + arenaCount + prefix.count).copyMemory(from: p, byteCount: suffix.count)
        }
        arenaCount = needed
        insert(slot)
        used += 1
    }

    /// The id of a canonical label set, creating it when new. Enforces the label caps and the series cap.
    public func intern(_ labels: SeriesLabels) throws(LineRejection) -> SeriesID {
        if let id = canonical[labels] { return id }
        if labels.labels.count > limits.maxLabels {
            throw LineRejection(.tooManyLabels, "series has \(labels.labels.count) labels, more than --max-labels \(limits.maxLabels)")
        }
        if labels.metric.utf8.count > limits.maxLabelNameLength {
            throw LineRejection(.labelTooLong, "metric name is longer than \(limits.maxLabelNameLength) bytes")
        }
        for label in labels.labels {
            if label.name.utf8.count > limits.maxLabelNameLength {
                throw LineRejection(.labelTooLong, "label name is longer than \(limits.maxLabelNameLength) bytes")
            }
            if label.value.utf8.count > limits.maxLabelValueLength {
                throw LineRejection(.labelTooLong, "value of label \"\(label.name)\" is longer than \(limits.maxLabelValueLength) bytes")
            }
        }
        guard canonical.count < limits.maxSeries else {
            throw LineRejection(.seriesLimit, "series limit of \(limits.maxSeries) reached")
        }
        let id = registry.append(labels)
        canonical[labels] = id
        return id
    }

    /// The fast path and the slow path in one call: the cached id of the raw key, or the id of the label set
    /// `canonicalize` builds from it (which is then cached under the raw key).
    @inlinable
    public func resolve(
        prefix: UnsafeRawBufferPointer,
        suffix: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        canonicalize: () throws(LineRejection) -> SeriesLabels
    ) throws(LineRejection) -> SeriesID {
        try resolve(prefix: prefix, suffix: suffix, hash: Self.hash(prefix: prefix, suffix: suffix), canonicalize: canonicalize)
    }

    /// `resolve(prefix:suffix:canonicalize:)` with the whole key already hashed: `hash(prefixHash:suffix:)`, or
    /// what a parser's `HashingScan` worked out on its way through the key, the same value before its zero is
    /// replaced (done here).
    @inlinable
    public func resolve(
        prefix: UnsafeRawBufferPointer,
        suffix: UnsafeRawBufferPointer,
        hash rawHash: UInt64,
        canonicalize: () throws(LineRejection) -> SeriesLabels
    ) throws(LineRejection) -> SeriesID {
        let hash = rawHash == 0 ? 1 : rawHash
        if let id = lookup(prefix: prefix, suffix: suffix, hash: hash) { return id }
        let id = try intern(try canonicalize())
        remember(prefix: prefix, suffix: suffix, hash: hash, id: id)
        return id
    }

    private func insert(_ slot: Slot) {
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].hash != 0 { i = (i &+ 1) & mask }
        slots[i] = slot
    }

    private func grow() {
        let old = slots
        let oldCount = mask + 1
        slots = .allocate(capacity: oldCount * 2)
        slots.initialize(repeating: Slot(), count: oldCount * 2)
        mask = oldCount * 2 - 1
        for i in 0..<oldCount where old[i].hash != 0 { insert(old[i]) }
        old.deallocate()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@usableFromInline @inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    memcmp(a, b, n) == 0
}
