import SeismoCore
import SeismoRules

extension DetectionStage {
    /// A stage for a reloaded `ruleSet` that takes over the state of `previous` for every declaration the new set
    /// declares unchanged (same name and definition; where it sits in the files does not matter): detectors keep
    /// their learnt baselines, health classifiers and SLO trackers their windows and budgets, counters their last
    /// readings. Changed or new declarations start afresh; removed ones are dropped (their series age out of the
    /// store).
    ///
    /// Every input series `previous` has seen is bound again at once, so the next sample of each goes on where it
    /// left off.
    public init(ruleSet: RuleSet, store: SeriesStore, carryingOver previous: DetectionStage) {
        self.init(ruleSet: ruleSet, store: store)
        anomalies = previous.anomalies
        takeVerdicts(from: previous.feed)
        let detectorIndex = Self.unchanged(previous.detectorDeclarations, in: detectorDeclarations)
        let healthIndex = Self.unchanged(previous.healthDeclarations, in: healthDeclarations)
        let sloIndex = Self.unchanged(previous.sloDeclarations, in: sloDeclarations)

        var state = CarriedState()
        var healthKeys: [Int: UnitKey] = [:]
        for (key, unit) in previous.healthIndex {
            guard let declaration = healthIndex[key.declaration] else { continue }
            var moved = key
            moved.declaration = declaration
            state.health[moved] = previous.healthUnits[unit]
            healthKeys[unit] = moved
        }
        var sloKeys: [Int: UnitKey] = [:]
        for (key, unit) in previous.sloIndex {
            guard let declaration = sloIndex[key.declaration] else { continue }
            var moved = key
            moved.declaration = declaration
            state.slos[moved] = previous.sloUnits[unit]
            sloKeys[unit] = moved
        }
        for (series, slot) in previous.slots.enumerated() where slot > 1 {
            for r in previous.bindings[Int(slot - 2)] {
                let role = previous.roles[r]
                switch role {
                case .detector(let i):
                    let instance = previous.detectors[i]
                    guard let declaration = detectorIndex[instance.declaration] else { continue }
                    state.detectors[CarriedState.DetectorKey(declaration: declaration, series: series)] = instance
                case .healthCounter(let unit, let side, let reading):
                    guard let key = healthKeys[unit] else { continue }
                    state.readings[CarriedState.ReadingKey(kind: .health, unit: key, side: side, series: series)] =
                        previous.readings[reading]
                case .sloCounter(let unit, let side, let reading):
                    guard let key = sloKeys[unit] else { continue }
                    state.readings[CarriedState.ReadingKey(kind: .slo, unit: key, side: side, series: series)] =
                        previous.readings[reading]
                case .healthOutcome, .healthLatency, .sloOutcome, .sloLatency:
                    continue
                }
            }
        }

        carried = state
        slots = Array(repeating: 0, count: previous.slots.count)
        for (series, slot) in previous.slots.enumerated() where slot != 0 {
            let id = SeriesID(UInt32(series))
            guard store.isRegistered(id) else { continue }
            slots[series] = bind(store.labels(of: id), series: series)
        }
        carried = nil
    }

    /// For each declaration of `old` that `new` declares with the same definition, its index in `new`.
    static func unchanged<Declaration: Equatable & PositionedDeclaration>(
        _ old: [Declaration], in new: [Declaration]
    ) -> [Int: Int] {
        var map: [Int: Int] = [:]
        var taken = Set<Int>()
        for (i, declaration) in old.enumerated() {
            guard let j = new.indices.first(where: { !taken.contains($0) && new[$0].sameDefinition(as: declaration) })
            else { continue }
            taken.insert(j)
            map[i] = j
        }
        return map
    }
}

/// What a reloaded `DetectionStage` takes over from the one before, keyed by the new declarations' indexes.
struct CarriedState {
    struct DetectorKey: Hashable {
        var declaration: Int
        var series: Int
    }

    struct ReadingKey: Hashable {
        enum Kind: Hashable {
            case health
            case slo
        }

        var kind: Kind
        var unit: UnitKey
        var side: CounterBatch.Side
        var series: Int
    }

    var detectors: [DetectorKey: DetectorInstance] = [:]
    var health: [UnitKey: HealthUnit] = [:]
    var slos: [UnitKey: SLOUnit] = [:]
    var readings: [ReadingKey: CounterReading] = [:]
}

/// A declaration that records where it sits in its file, which a reload ignores when comparing.
protocol PositionedDeclaration {
    var position: RuleFilePosition { get set }
}

extension PositionedDeclaration where Self: Equatable {
    /// Equal but for the position in the file.
    func sameDefinition(as other: Self) -> Bool {
        var copy = self
        copy.position = other.position
        return copy == other
    }
}

extension DetectorDeclaration: PositionedDeclaration {}
extension HealthDeclaration: PositionedDeclaration {}
extension SLODeclaration: PositionedDeclaration {}
