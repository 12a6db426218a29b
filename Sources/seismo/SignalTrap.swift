import Atomics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM set a flag instead of killing the process, so `seismo run` stops reading, drains the ring,
/// prints its summary and exits 0. With rule files, SIGHUP sets another flag: the reader reloads the rules.
///
/// The handlers are installed without `SA_RESTART`, so a `read` blocked on a quiet pipe returns `EINTR` and the
/// reader sees the flag at once. This is the one process-wide state in Seismo, and it lives in the executable.
enum SignalTrap {
    static let stopRequested = UnsafeAtomic<Bool>.create(false)
    static let reloadRequested = UnsafeAtomic<Bool>.create(false)

    /// Traps SIGHUP: a reload request instead of the default (ending the process).
    static func installReload() {
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // Relaxed: as for stopRequested, the flag is all the handler touches.
            SignalTrap.reloadRequested.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGHUP, &action, nil)
    }

    /// Whether SIGHUP arrived since the last call (each signal is answered once; several before a call are one).
    static func takeReloadRequest() -> Bool {
        reloadRequested.exchange(false, ordering: .relaxed)
    }

    static func install() {
        // A parent may have started us with these blocked (Foundation's `Process` does): unblock them, or the
        // handler would never run.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        sigaddset(&mask, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                // Relaxed is enough: the flag is the only state the handler touches, and the reader polls it.
                SignalTrap.stopRequested.store(true, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    static var isStopRequested: Bool { stopRequested.load(ordering: .relaxed) }
}
