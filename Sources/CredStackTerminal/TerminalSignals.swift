#if canImport(Glibc)
import Glibc
#endif

/// Every signal that would end the program (Ctrl-C, Ctrl-\, SIGTERM, SIGHUP, SIGUSR1/2, SIGALRM) only sets a
/// flag: the main loop notices within its wait, restores the terminal once, saves what is pending and exits
/// 128 + n. The handlers do nothing else, so they are safe at any moment. SIGPIPE is ignored (a write to a
/// closed terminal fails instead).
public enum TerminalSignals {
    nonisolated(unsafe) private static var pending: sig_atomic_t = 0
    public static let handled = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM]

    public static func install() {
        for sig in handled {
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

}

/// If the program crashes while the dashboard owns the terminal, put the terminal back before the crash
/// report prints: write the terminal's own exit sequences and restore the saved line settings (both safe in
/// a signal handler), then call the previous handler (Swift's backtracer) directly with the same signal
/// information, and end the way the signal would have ended us.
public enum CrashGuard {
    nonisolated(unsafe) private static var restoreBytes = [UInt8](repeating: 0, count: 256)
    nonisolated(unsafe) private static var restoreCount = 0
    nonisolated(unsafe) private static var savedTermios = termios()
    nonisolated(unsafe) private static var haveTermios = false
    /// Indexed by signal number; allocated once, before any handler can run.
    nonisolated(unsafe) private static var previous: [sigaction] = Array(repeating: sigaction(), count: 65)
    nonisolated(unsafe) private static var armed: sig_atomic_t = 0
    static let signals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Before the terminal is taken over: the line settings to put back.
    static func saveTerminalSettings() {
        haveTermios = tcgetattr(0, &savedTermios) == 0
    }

    /// Once terminfo is loaded: the bytes that undo the takeover, and the handlers.
    static func arm(restoreSequence: [UInt8]) {
        let n = min(restoreSequence.count, restoreBytes.count)
        for i in 0..<n { restoreBytes[i] = restoreSequence[i] }
        restoreCount = n
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { sig, info, context in CrashGuard.restoreThenChain(sig, info, context) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            var old = sigaction()
            sigaction(sig, &action, &old)
            previous[Int(sig)] = old
        }
        armed = 1
    }

    /// The terminal was restored normally: crashes from now on need nothing from us.
    static func disarm() {
        guard armed == 1 else { return }
        armed = 0
        for sig in signals { sigaction(sig, &previous[Int(sig)], nil) }
    }

    private static func restoreThenChain(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
        if armed == 1 {
            armed = 0
            _ = restoreBytes.withUnsafeBytes { write(1, $0.baseAddress, restoreCount) }
            if haveTermios { tcsetattr(0, TCSANOW, &savedTermios) }
        }
        // Raising the signal again would only leave it pending (it is blocked while we handle it), so the
        // previous handler is called here, as the kernel would have called it.
        var old = previous[Int(sig)]
        sigaction(sig, &old, nil)
        if old.sa_flags & SA_SIGINFO != 0, let chained = old.__sigaction_handler.sa_sigaction {
            chained(sig, info, context)
        } else if let chained = old.__sigaction_handler.sa_handler,
                  unsafeBitCast(chained, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self),
                  unsafeBitCast(chained, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
            chained(sig)
        }
        // It returned (or there was none): end the way the signal ends a program once we return.
        signal(sig, SIG_DFL)
        raise(sig)
    }
}
