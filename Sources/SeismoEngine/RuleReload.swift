import SeismoRules

/// The outcome of a rule reload request (SIGHUP), as the command line reports it to the engine.
public enum RuleReload: Sendable {
    /// Every file was valid: evaluate these rules from now on.
    case loaded(RuleSet)
    /// Some file had an error: the rules in force stay (the caller has printed the problems).
    case failed
}
