extension RuleEngine {
    /// The live alerts of one alerting rule or invariant, by fingerprint.
    ///
    /// Alerts sit in an array and are changed in place by index; a dictionary maps fingerprints to indices. A rule
    /// evaluation touches every live alert it returns, and keeping them as the values of a `[UInt64: Instance]`
    /// meant taking each out and putting it back (its many fields copied, retained and released twice) at every
    /// evaluation. Removal moves the last alert into the gap, so the array's order means nothing: anything
    /// ordered goes through `fingerprintOrder`.
    struct AlertTable {
        private(set) var instances: [Instance] = []
        /// `fingerprints[i]` is the fingerprint of `instances[i]`.
        private(set) var fingerprints: [UInt64] = []
        private var positions: [UInt64: Int] = [:]

        init() {}

        init(_ alerts: [UInt64: Instance]) {
            for (fingerprint, instance) in alerts.sorted(by: { $0.key < $1.key }) { append(instance, fingerprint: fingerprint) }
        }

        var count: Int { instances.count }
        var isEmpty: Bool { instances.isEmpty }

        /// Where the alert of `fingerprint` is, nil when it is not live.
        func index(of fingerprint: UInt64) -> Int? { positions[fingerprint] }

        /// The alert at `index`, changed in place.
        subscript(index: Int) -> Instance {
            get { instances[index] }
            _modify { yield &instances[index] }
        }

        /// Adds the alert of a fingerprint not in the table; returns its index.
        @discardableResult
        mutating func append(_ instance: Instance, fingerprint: UInt64) -> Int {
            precondition(positions[fingerprint] == nil, "AlertTable: fingerprint \(fingerprint) is already live")
            positions[fingerprint] = instances.count
            instances.append(instance)
            fingerprints.append(fingerprint)
            return instances.count - 1
        }

        /// Removes the alert at `index`; the last alert takes its index.
        mutating func remove(at index: Int) {
            positions[fingerprints[index]] = nil
            let last = instances.count - 1
            if index != last {
                instances.swapAt(index, last)
                fingerprints.swapAt(index, last)
                positions[fingerprints[index]] = index
            }
            instances.removeLast()
            fingerprints.removeLast()
        }

        /// The indices of the alerts in ascending fingerprint order.
        var fingerprintOrder: [Int] { fingerprints.indices.sorted { fingerprints[$0] < fingerprints[$1] } }

        /// The alerts in ascending fingerprint order.
        var sortedByFingerprint: [Instance] { fingerprintOrder.map { instances[$0] } }

        /// Every alert with `change` applied.
        func mapInstances(_ change: (Instance) -> Instance) -> AlertTable {
            var table = self
            for i in table.instances.indices { table.instances[i] = change(table.instances[i]) }
            return table
        }
    }
}
