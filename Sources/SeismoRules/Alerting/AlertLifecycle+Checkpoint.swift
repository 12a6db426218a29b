extension AlertLifecycle {
    /// Everything one alert's state machine remembers, so a restarted engine can carry on where it stopped:
    /// state, `activeAt`, the `keep_firing_for` start, the last value and the flap history.
    ///
    /// The timing is not part of it: it comes from the rule as loaded when restoring.
    public struct Snapshot: Codable, Sendable, Equatable {
        public var state: String
        public var activeAt: Int64
        public var keepFiringSince: Int64?
        /// Bit pattern of the last value (NaN and ±Inf survive JSON).
        public var lastValueBits: UInt64
        public var flapping: Bool
        public var changes: UInt64
        public var evaluations: Int
        public var previousCondition: Bool
    }

    /// The lifecycle's memory as it stands.
    public var snapshot: Snapshot {
        Snapshot(
            state: state.rawValue, activeAt: activeAt, keepFiringSince: keepFiringSince,
            lastValueBits: lastValue.bitPattern, flapping: flapping, changes: changes, evaluations: evaluations,
            previousCondition: previousCondition
        )
    }

    /// A lifecycle with `timing` that remembers what `snapshot` recorded; nil when the snapshot names no state.
    public init?(timing: AlertTiming, restoring snapshot: Snapshot) {
        guard let state = AlertState(rawValue: snapshot.state) else { return nil }
        self.init(timing: timing)
        self.state = state
        activeAt = snapshot.activeAt
        keepFiringSince = snapshot.keepFiringSince
        lastValue = Double(bitPattern: snapshot.lastValueBits)
        flapping = snapshot.flapping
        changes = snapshot.changes
        evaluations = snapshot.evaluations
        previousCondition = snapshot.previousCondition
    }
}
