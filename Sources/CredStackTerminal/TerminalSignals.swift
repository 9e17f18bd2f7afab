#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP only set a flag: the main loop notices within its wait, restores the terminal
/// once, saves what is pending and exits. The handlers do nothing else, so they are safe at any moment.
public enum TerminalSignals {
    nonisolated(unsafe) private static var pending: sig_atomic_t = 0

    public static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in TerminalSignals.pending = sig }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // no SA_RESTART: interrupt the wait for a key
            sigaction(sig, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The signal that asked us to stop, if one did.
    public static var received: Int32? { pending == 0 ? nil : pending }

    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(sig)"
        }
    }
}
