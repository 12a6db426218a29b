import Atomics

/// A bounded, lock-free queue that hands elements from exactly one producer thread to exactly one consumer thread.
///
/// The ring moves elements in batches with plain memory copies: `push(contentsOf:)` and `pop(into:)` copy as many
/// elements as fit or are available and never block. `pushAll(_:)` and `popWait(into:)` wait on top of them,
/// with bounded latency (see `Backoff`): the producer under backpressure, the consumer until elements arrive or
/// the producer has called `close()` and the ring is drained.
///
/// Roles: push methods and `close()` may be called from one thread at a time (the producer), pop methods from one
/// thread at a time (the consumer). Handing a role to another thread needs a happens-before edge of its own
/// (starting or joining a thread, a lock). Two concurrent producers or two concurrent consumers corrupt the ring.
///
/// Layout: the producer's position (`tail`) and the consumer's position (`head`) are monotonically increasing
/// counters, each on its own 128-byte line, next to a line of private state for the side that writes it. The
/// producer remembers the last `head` it read and only reads `head` again when that stale value says the ring
/// is too full; the consumer does the same with `tail`. So a push or pop that fits writes one shared line (its
/// own position) and reads none of the other side's.
///
/// - Complexity: `push(contentsOf:)` and `pop(into:)` are O(n) in the elements copied, at most two `memcpy`s.
public final class SPSCRing<Element: BitwiseCopyable> {
    /// How many elements fit; a power of two.
    public let capacity: Int
    private let mask: Int
    private let storage: UnsafeMutablePointer<Element>
    /// One allocation holding the padded lines below.
    private let lines: UnsafeMutableRawPointer

    /// Index of the next slot the producer fills. Written by the producer only.
    private let tail: UnsafeAtomic<Int>
    /// Index of the next slot the consumer reads. Written by the consumer only.
    private let head: UnsafeAtomic<Int>
    /// Set once by `close()`.
    private let closed: UnsafeAtomic<Bool>
    /// Deepest the ring has been seen, written by the producer only.
    private let highWater: UnsafeAtomic<Int>
    /// Producer-private: `[0]` last `head` read, `[1]` last published high-water mark.
    private let producerState: UnsafeMutablePointer<Int>
    /// Consumer-private: `[0]` last `tail` read.
    private let consumerState: UnsafeMutablePointer<Int>

    /// 128 bytes rather than 64: x86 prefetches cache lines in adjacent pairs, so 64-byte padding still lets
    /// the two sides contend; Apple silicon's lines are 128 bytes.
    private static var lineSize: Int { 128 }

    /// Creates an empty ring holding at least `capacity` elements (rounded up to a power of two).
    ///
    /// Allocates once here; the ring never allocates again.
    public init(capacity requested: Int) {
        precondition(requested > 0, "SPSCRing capacity must be positive, got \(requested)")
        precondition(requested <= 1 << 40, "SPSCRing capacity \(requested) is unreasonably large")
        capacity = requested == 1 ? 1 : 1 << (Int.bitWidth - (requested - 1).leadingZeroBitCount)
        mask = capacity - 1

        let line = Self.lineSize
        let elementBytes = MemoryLayout<Element>.stride * capacity
        storage = UnsafeMutableRawPointer
            .allocate(byteCount: max(elementBytes, 1), alignment: max(line, MemoryLayout<Element>.alignment))
            .bindMemory(to: Element.self, capacity: capacity)

        // Line 0: tail. Line 1: producer-private. Line 2: head. Line 3: consumer-private.
        // Line 4: rarely written (closed, high-water mark).
        lines = UnsafeMutableRawPointer.allocate(byteCount: 5 * line, alignment: line)
        tail = UnsafeAtomic(at: lines.initializeMemory(as: Int.AtomicRepresentation.self, repeating: .init(0), count: 1))
        producerState = (lines + line).initializeMemory(as: Int.self, repeating: 0, count: 2)
        head = UnsafeAtomic(
            at: (lines + 2 * line).initializeMemory(as: Int.AtomicRepresentation.self, repeating: .init(0), count: 1)
        )
        consumerState = (lines + 3 * line).initializeMemory(as: Int.self, repeating: 0, count: 1)
        highWater = UnsafeAtomic(
            at: (lines + 4 * line).initializeMemory(as: Int.AtomicRepresentation.self, repeating: .init(0), count: 1)
        )
        closed = UnsafeAtomic(
            at: (lines + 4 * line + MemoryLayout<Int>.stride)
                .initializeMemory(as: Bool.AtomicRepresentation.self, repeating: .init(false), count: 1)
        )
    }

    deinit {
        // Elements are BitwiseCopyable and the atomic representations of Int and Bool are trivial:
        // nothing to deinitialize.
        UnsafeMutableRawPointer(storage).deallocate()
        lines.deallocate()
    }

    // MARK: Producer

    /// Copies as many leading elements of `items` as fit and returns how many that was (0 when full).
    ///
    /// Never blocks, so it is also the drop-mode path: the caller counts `items.count - result` as dropped.
    /// Producer only.
    public func push(contentsOf items: UnsafeBufferPointer<Element>) -> Int {
        let wanted = items.count
        guard wanted > 0, let source = items.baseAddress else { return 0 }
        // relaxed: a debug-only misuse check; only this thread ever sets closed.
        assert(!closed.load(ordering: .relaxed), "SPSCRing: push after close()")
        // relaxed: only this thread writes tail.
        let tail = self.tail.load(ordering: .relaxed)
        var head = producerState[0]
        if capacity &- (tail &- head) < wanted {
            // acquire: the consumer read the slots it released before this store of head, so those reads
            // happen before the writes below that reuse the slots.
            head = self.head.load(ordering: .acquiring)
            producerState[0] = head
        }
        assert(head <= tail && tail &- head <= capacity, "SPSCRing: head \(head) / tail \(tail) out of range")
        let count = min(wanted, capacity &- (tail &- head))
        guard count > 0 else { return 0 }

        let start = tail & mask
        let first = min(count, capacity &- start)
        copy(from: source, to: storage + start, count: first)
        if first < count { copy(from: source + first, to: storage, count: count &- first) }

        let newTail = tail &+ count
        // release: the elements copied above are visible to a consumer that acquires this value of tail.
        self.tail.store(newTail, ordering: .releasing)
        recordDepth(tail: newTail)
        return count
    }

    /// Pushes one element if there is room; returns false when the ring is full. Producer only.
    public func push(_ element: Element) -> Bool {
        withUnsafePointer(to: element) { push(contentsOf: UnsafeBufferPointer(start: $0, count: 1)) } == 1
    }

    /// Pushes every element of `items`, waiting while the ring is full (backpressure), and returns the time
    /// spent waiting in nanoseconds (0 when everything fit at once).
    ///
    /// Waits by spinning briefly, then yielding the core, then sleeping with exponential backoff capped near
    /// 1 ms, so the producer resumes at most about 1 ms after room appears. Producer only; waits for as long as
    /// the consumer does not make room.
    @discardableResult
    public func pushAll(_ items: UnsafeBufferPointer<Element>) -> UInt64 {
        var offset = 0
        var waited: UInt64 = 0
        var backoff = Backoff()
        var waitStart: UInt64 = 0
        while offset < items.count {
            let pushed = push(contentsOf: UnsafeBufferPointer(rebasing: items[offset...]))
            if pushed > 0 {
                offset &+= pushed
                if waitStart != 0 {
                    waited &+= Backoff.monotonicNanoseconds() &- waitStart
                    waitStart = 0
                }
                backoff.reset()
            } else {
                if waitStart == 0 { waitStart = Backoff.monotonicNanoseconds() }
                backoff.wait()
            }
        }
        return waited
    }

    /// `pushAll(_:)` for an array.
    @discardableResult
    public func pushAll(_ items: [Element]) -> UInt64 {
        items.withUnsafeBufferPointer { pushAll($0) }
    }

    /// Marks the end of the stream: once the consumer has popped what is left, `popWait(into:)` returns 0.
    ///
    /// Producer only, after its last push; pushing after `close()` is a programmer error.
    public func close() {
        // release: every push before close() happens before a consumer's acquiring load that sees `true`.
        closed.store(true, ordering: .releasing)
    }

    // MARK: Consumer

    /// Copies up to `buffer.count` of the oldest elements into `buffer` (from its start) and returns how many
    /// that was (0 when empty). Never blocks. Consumer only.
    public func pop(into buffer: UnsafeMutableBufferPointer<Element>) -> Int {
        let wanted = buffer.count
        guard wanted > 0, let destination = buffer.baseAddress else { return 0 }
        let (head, available) = readable(wanting: wanted)
        let count = min(wanted, available)
        guard count > 0 else { return 0 }

        let start = head & mask
        let first = min(count, capacity &- start)
        copy(from: storage + start, to: destination, count: first)
        if first < count { copy(from: storage, to: destination + first, count: count &- first) }

        // release: the reads above happen before the producer, acquiring this head, overwrites the slots.
        self.head.store(head &+ count, ordering: .releasing)
        return count
    }

    /// Lends the oldest elements in place, without copying: at most `maximum` of them, as one contiguous run (where
    /// the ring wraps, the rest comes at the next call), empty when the ring is. The slots stay the consumer's,
    /// readable and never overwritten, until `release(_:)` hands them back; the next call to `lend` or `pop` starts
    /// at the first one not released. Never blocks. Consumer only.
    ///
    /// A producer waiting for room cannot use lent slots: a pipeline where the consumer holds a run while it waits
    /// for something the producer does after a push must keep the pushes the wait depends on within
    /// `capacity - maximum` elements.
    public func lend(upTo maximum: Int) -> UnsafeBufferPointer<Element> {
        let (head, available) = readable(wanting: maximum)
        let start = head & mask
        let count = max(0, min(maximum, available, capacity &- start))
        return UnsafeBufferPointer(start: storage + start, count: count)
    }

    /// The consumer's position and how many elements lie ahead of it: `tail` is read again (acquiring) only when the
    /// cached value says fewer than `wanted` do. Consumer only.
    @inline(__always)
    private func readable(wanting wanted: Int) -> (head: Int, available: Int) {
        // relaxed: only this thread writes head.
        let head = self.head.load(ordering: .relaxed)
        var tail = consumerState[0]
        if tail &- head < wanted {
            // acquire: pairs with the producer's releasing store, so the elements below tail are visible.
            tail = self.tail.load(ordering: .acquiring)
            consumerState[0] = tail
        }
        assert(head <= tail && tail &- head <= capacity, "SPSCRing: head \(head) / tail \(tail) out of range")
        return (head, tail &- head)
    }

    /// Lends like `lend(upTo:)`, but waits while the ring is empty and open (as `popWait(into:)` does). Returns an
    /// empty run only once the ring is closed and drained. Consumer only; `maximum` must be positive.
    public func lendWait(upTo maximum: Int) -> UnsafeBufferPointer<Element> {
        precondition(maximum > 0, "SPSCRing.lendWait needs a positive maximum")
        return waitWhileEmpty({ lend(upTo: maximum) }, isEmpty: \.isEmpty)
    }

    /// Hands the first `count` elements of the last `lend` back to the producer. Consumer only.
    public func release(_ count: Int) {
        let head = self.head.load(ordering: .relaxed)
        precondition(count >= 0 && count <= consumerState[0] &- head, "SPSCRing: releasing \(count) elements not lent")
        // release: the reads of the lent slots happen before the producer, acquiring this head, overwrites them.
        self.head.store(head &+ count, ordering: .releasing)
    }

    /// Pops the oldest element, or returns nil when the ring is empty. Consumer only.
    public func pop() -> Element? {
        withUnsafeTemporaryAllocation(of: Element.self, capacity: 1) { slot in
            pop(into: slot) == 1 ? slot[0] : nil
        }
    }

    /// Pops like `pop(into:)`, but waits while the ring is empty and open. Returns 0 only once the ring is
    /// closed and drained. Consumer only; `buffer` must not be empty.
    ///
    /// Waits like `pushAll(_:)`: spin, yield, then sleeps capped near 1 ms.
    public func popWait(into buffer: UnsafeMutableBufferPointer<Element>) -> Int {
        precondition(buffer.count > 0, "SPSCRing.popWait needs a non-empty buffer")
        return waitWhileEmpty({ pop(into: buffer) }, isEmpty: { $0 == 0 })
    }

    /// The consumer's wait behind `popWait` and `lendWait`: `attempt` until it takes something, backing off between
    /// tries, or once more after the ring is seen closed (then possibly empty).
    @inline(__always)
    private func waitWhileEmpty<Result>(_ attempt: () -> Result, isEmpty: (Result) -> Bool) -> Result {
        var backoff = Backoff()
        while true {
            let result = attempt()
            if !isEmpty(result) { return result }
            // acquire: pairs with close()'s release, so the attempt below sees every element pushed before close.
            if closed.load(ordering: .acquiring) { return attempt() }
            backoff.wait()
        }
    }

    // MARK: Monitoring (any thread)

    /// Elements in the ring right now, approximately: the two positions are read one after the other while
    /// both sides may move, so the result is a snapshot from some instant during the call, clamped to
    /// `0...capacity`.
    public var count: Int {
        // relaxed: a monitoring snapshot; no element is read through it, so no ordering is needed.
        // head first: head never passes tail, and tail only grows, so the difference cannot go negative.
        let head = self.head.load(ordering: .relaxed)
        let tail = self.tail.load(ordering: .relaxed)
        return min(max(tail &- head, 0), capacity)
    }

    /// The deepest the ring has been seen by the producer right after a push.
    ///
    /// Exact up to the lag of the producer's view of `head` (the producer re-reads `head` whenever its cached
    /// view suggests a new maximum, so the mark never overstates and rarely understates the depth).
    public var highWaterMark: Int {
        // relaxed: a statistic; nothing else is published through it.
        highWater.load(ordering: .relaxed)
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool {
        // acquire: a consumer that sees `true` also sees every element pushed before close().
        closed.load(ordering: .acquiring)
    }

    // MARK: Internals

    /// Updates the high-water mark after a push that moved tail to `tail`.
    ///
    /// The cached head can only be older than the real one, so `tail - cachedHead` bounds the depth from
    /// above; only when that bound passes the published mark does the producer read the real head, which
    /// keeps the shared line off the fast path.
    @inline(__always)
    private func recordDepth(tail: Int) {
        let published = producerState[1]
        guard tail &- producerState[0] > published else { return }
        // acquire: this value also becomes the cached head that decides which slots are free.
        let head = self.head.load(ordering: .acquiring)
        producerState[0] = head
        let depth = tail &- head
        if depth > published {
            producerState[1] = depth
            // relaxed: a statistic written by the producer alone; readers need no ordering.
            highWater.store(depth, ordering: .relaxed)
        }
    }

    /// Copies `count` elements as bytes: valid because `Element` is `BitwiseCopyable`, and fast even when
    /// this generic code runs unspecialized. The ring's slots and the caller's buffer never overlap.
    ///
    /// The copy is a `memmove` the thread sanitizer checks only with `ignore_interceptors_accesses=0`
    /// (the Swift toolchain turns that check off by default); the TSan run in the README sets it.
    @inline(__always)
    private func copy(from source: UnsafePointer<Element>, to destination: UnsafeMutablePointer<Element>, count: Int) {
        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count &* MemoryLayout<Element>.stride)
    }
}

/// Sound because the ring's mutable state lives in its own allocations and each word of it is either atomic
/// (`head`, `tail`, `closed`, the high-water mark) or private to one role (the cached positions); element slots
/// are handed from producer to consumer and back by the release/acquire pairs on `tail` and `head`, so no slot
/// is ever read and written concurrently. That holds as long as callers keep to one producer and one consumer
/// at a time, as documented on the type. Elements must themselves be `Sendable` since they cross threads.
extension SPSCRing: @unchecked Sendable where Element: Sendable {}
