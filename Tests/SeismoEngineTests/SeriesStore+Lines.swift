import SeismoCore
import SeismoRules

extension SeriesStore {
    /// Each of `ids` as one line, its labels then every sample it holds as `time=value`: what two runs that must end
    /// with the same store compare.
    func lines(_ ids: [SeriesID]) -> [String] {
        ids.map { id in
            "\(labels(of: id)) " + samples(id, from: .min, through: .max).map { "\($0.time)=\($0.value)" }.joined(separator: ",")
        }
    }
}
