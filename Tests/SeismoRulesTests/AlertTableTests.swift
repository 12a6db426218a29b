import SeismoCore
@testable import SeismoRules
import Testing

/// The live alerts of a rule (`RuleEngine.AlertTable`) against a dictionary doing the same: after random appends,
/// in-place changes and removals, every alert is found at its index, the table holds exactly the dictionary's
/// alerts, and the fingerprint order is ascending.
@Suite struct AlertTableTests {
    private static func instance(_ tag: Double) -> RuleEngine.Instance {
        var instance = RuleEngine.Instance(lifecycle: AlertLifecycle(timing: AlertTiming()), labels: [])
        instance.value = tag
        return instance
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func agreesWithADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var table = RuleEngine.AlertTable()
        var model: [UInt64: Double] = [:]
        for step in 0..<3_000 {
            // Few distinct fingerprints, so removals and changes hit live alerts often.
            let fingerprint = random.next() % 64
            switch random.next() % 3 {
            case 0:
                if let index = table.index(of: fingerprint) {
                    table[index].value += 1
                    model[fingerprint]! += 1
                } else {
                    table.append(Self.instance(Double(step)), fingerprint: fingerprint)
                    model[fingerprint] = Double(step)
                }
            case 1:
                if let index = table.index(of: fingerprint) {
                    table.remove(at: index)
                    model[fingerprint] = nil
                }
            default:
                #expect(table.index(of: fingerprint) == nil ? model[fingerprint] == nil : model[fingerprint] != nil)
            }
            #expect(table.count == model.count)
        }
        for (fingerprint, value) in model {
            let index = table.index(of: fingerprint)
            #expect(index.map { table.fingerprints[$0] } == fingerprint)
            #expect(index.map { table[$0].value } == value)
        }
        let order = table.fingerprintOrder.map { table.fingerprints[$0] }
        #expect(order == model.keys.sorted())
        #expect(table.sortedByFingerprint.map(\.value) == model.keys.sorted().map { model[$0]! })
    }

    @Test func buildsFromADictionaryAndMapsInPlace() {
        let alerts: [UInt64: RuleEngine.Instance] = [9: Self.instance(1), 3: Self.instance(2), 5: Self.instance(3)]
        let table = RuleEngine.AlertTable(alerts)
        #expect(table.sortedByFingerprint.map(\.value) == [2, 3, 1])
        let doubled = table.mapInstances { instance in
            var instance = instance
            instance.value *= 2
            return instance
        }
        #expect(doubled.sortedByFingerprint.map(\.value) == [4, 6, 2])
        #expect(doubled.index(of: 5).map { doubled[$0].value } == 6)
    }
}
