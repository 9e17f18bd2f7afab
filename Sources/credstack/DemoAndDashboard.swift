import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
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
            for w in snap.warnings { Output.warn(w) }
            Output.line(Report.status(snap, calendar: StudyCalendar(profile: snap.learner.profile), now: CLIContext.clock.now, fullTitles: !Output.toTerminal))
            Output.warn("showing the plain-text dashboard: \(why)")
            return
        }
        do {
            try DashboardRunner(store: store, clock: CLIContext.clock, themeName: display.theme, mouse: display.mouse).run()
            // The terminal is restored by now; a signal still ends the process the conventional way (128 + n).
            if let sig = TerminalSignals.received { throw ExitCode(128 + sig) }
        } catch let e as CredStackTerminal.TerminalError {
            // Nothing could draw here: the same dashboard as text is still an answer.
            let snap = try store.load()
            Output.line(Report.status(snap, calendar: StudyCalendar(profile: snap.learner.profile), now: CLIContext.clock.now, fullTitles: !Output.toTerminal))
            Output.warn("showing the plain-text dashboard: \(e.description)")
        }
    }
}

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Open the dashboard on your store (the default).")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let store = try storeOptions.context().store
        // Say clearly when there is no store yet, before taking over the screen.
        if !store.exists { _ = try store.load() }
        try DashboardMode.open(store, display: display)
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo",
        abstract: "Open the dashboard on a fresh copy of built-in demo data (never your own store).",
        discussion: "The demo store is a private temporary folder, removed when the demo ends unless --keep is given.")
    @Flag(help: "Print the plain-text dashboard instead of opening it.") var print = false
    @Flag(help: "Keep the demo store folder and print where it is.") var keep = false
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let dir = NSTemporaryDirectory() + "credstack-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let ctx = CLIContext(store: Store(directory: dir))
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        let demo = DemoData.make(now: ctx.now, calendar: StudyCalendar(profile: Profile()))
        // Built the way a learner would build it: through the operations.
        try ctx.store.initialize(profile: demo.learner.profile)
        for course in demo.learner.courses { try ctx.perform(.addCourse(course)) }
        for pathway in demo.learner.pathways { try ctx.perform(.followPathway(pathway)) }
        var history = ImportedHistory(unit: "session")
        for (n, s) in demo.sessions.enumerated() {
            history.add(line: n + 1, start: s.start, seconds: s.durationSeconds, course: s.courseID, note: s.note, id: s.id)
        }
        try ctx.perform(.importHistory(history, source: "the demo", dryRun: false))
        try ctx.perform(.addCatalog(id: Catalogs.demoID, bytes: Catalogs.demoBytes, source: "the demo catalog", replace: false))
        if print {
            Output.line(Report.status(try ctx.snapshot(), calendar: try ctx.calendar(), now: ctx.now, fullTitles: !Output.toTerminal))
        } else {
            try DashboardMode.open(ctx.store, display: display)
        }
        if keep { Output.line("Demo store kept at \(dir)") }
    }
}

struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme: a name from ~/.config/credstack/themes/, or a .toml file (see themes/).", valueName: "NAME"))
    var theme: String?
    @Flag(help: "Click to focus a pane or select a row, wheel to scroll (off by default, so the terminal's text selection works; or set mouse in the profile).")
    var mouse = false
}
