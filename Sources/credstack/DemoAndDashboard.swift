import ArgumentParser
import CredStackCore
import CredStackStore
import CredStackTerminal
import Foundation

/// The dashboard needs a real terminal; for pipes, `TERM=dumb` and screen readers, print the text dashboard.
enum DashboardMode {
    static func canDraw() -> (ok: Bool, why: String) {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return (false, "TERM is \(term.isEmpty ? "not set" : "dumb")") }
        if isatty(0) == 0 || isatty(1) == 0 { return (false, "not attached to a terminal") }
        return (true, "")
    }

    static func open(_ store: Store, display: DisplayOptions) throws {
        let (ok, why) = canDraw()
        if !ok {
            let snap = try store.load()
            print(Report.status(snap, context: Context(profile: snap.learner.profile)))
            Output.warn("showing the plain-text dashboard: \(why)")
            return
        }
        do {
            try DashboardRunner(store: store, clock: Context.clock, themeName: display.theme, mouse: display.mouse).run()
            // The terminal is restored by now; a signal still ends the process the conventional way (128 + n).
            if let sig = TerminalSignals.received { throw ExitCode(128 + sig) }
        } catch let e as CredStackTerminal.TerminalError {
            throw UserFacingError(message: e.description, code: 1)
        }
    }
}

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Open the dashboard on your store (the default).")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        try guarded {
            let store = storeOptions.resolved
            // Say clearly when there is no store yet, before taking over the screen.
            if !store.exists { throw StoreError.notInitialized(directory: store.directory) }
            try DashboardMode.open(store, display: display)
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the dashboard on a fresh copy of built-in demo data (never your own store).",
        discussion: "The demo store is a private temporary folder, removed when the demo ends unless --keep is given.")
    @Flag(help: "Print the plain-text dashboard instead of opening it.") var print = false
    @Flag(help: "Keep the demo store folder and print where it is.") var keep = false
    @OptionGroup var display: DisplayOptions

    func run() throws {
        try guarded {
            let dir = NSTemporaryDirectory() + "credstack-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let store = Store(directory: dir)
            defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
            let clock = Context.clock
            let demo = DemoData.make(now: clock.now, calendar: StudyCalendar(profile: Profile()))
            try store.initialize(profile: demo.learner.profile)
            try store.updateLearner { $0 = demo.learner }
            try store.append(demo.sessions)
            if print {
                let snap = try store.load()
                Swift.print(Report.status(snap, context: Context(profile: snap.learner.profile)))
            } else {
                try DashboardMode.open(store, display: display)
            }
            if keep { Swift.print("Demo store kept at \(dir)") }
        }
    }
}

struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme: a name from ~/.config/credstack/themes/, or a .toml file (see themes/).", valueName: "NAME"))
    var theme: String?
    @Flag(help: "Click to focus a pane or select a row, wheel to scroll (off by default, so the terminal's text selection works; or set mouse in the profile).")
    var mouse = false
}
