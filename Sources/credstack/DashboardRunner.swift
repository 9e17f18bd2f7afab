import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackTUI
import CredStackTerminal
import Foundation

/// Runs the dashboard: the loop that feeds key presses, ticks and store changes to `update`, runs the
/// effects it returns against the store, and draws `view` through the terminal backend.
final class DashboardRunner {
    let store: Store
    let clock: any WallClock
    let themeName: String?
    let mouse: Bool
    let effects: EffectRunner

    init(store: Store, clock: any WallClock, themeName: String?, mouse: Bool) {
        self.store = store
        self.clock = clock
        self.themeName = themeName
        self.mouse = mouse
        effects = EffectRunner(store: store, clock: clock, environment: ProcessInfo.processInfo.environment)
    }

    func run() throws {
        TerminalSignals.install()
        var state = AppState(data: nil, now: clock.now, glyphs: Glyphs.forTerminal(environment: ProcessInfo.processInfo.environment))
        var signature = store.currentSignature()
        state = effects.reload(state)
        let environment = ProcessInfo.processInfo.environment
        let profile = state.data?.learner.profile
        let (theme, themeProblem) = Theme.load(themeName ?? profile?.theme, environment: environment)
        if let themeProblem { state.message = StatusMessage(text: themeProblem + "; using the default theme", kind: .error, until: clock.now + 15) }
        let terminal = Terminal()
        try terminal.start(theme: theme, environment: environment, mouse: mouse || profile?.mouse == true)
        defer { terminal.stop() }
        if let standIn = terminal.standIn {
            // Said after anything already waiting (a theme that did not read), not instead of it.
            let note = "No terminfo here for TERM=\(environment["TERM"] ?? ""): drawing as \(standIn)."
            state.message = StatusMessage(text: state.message.map { $0.text + (($0.text.last == ".") ? " " : ". ") + note } ?? note,
                                          kind: state.message?.kind ?? .info, until: clock.now + 15)
        }
        state = update(state, .resized(terminal.size)).0
        var themeIndex = Theme.builtIn.firstIndex { $0.name == theme.name } ?? -1
        var needsDraw = true
        var lastTick = Int64(Date().timeIntervalSince1970)

        effects.plansInBackground = true

        loop: while true {
            if TerminalSignals.received != nil { break }
            for event in effects.finishedEvents() {
                state = update(state, event).0
                needsDraw = true
            }
            if needsDraw {
                terminal.draw(view(state, terminal.size))
                needsDraw = false
            }
            // Wake at the next second for the clock, and at least every 250 ms so a hangup or a signal that
            // the wait swallowed ends us promptly (an SSH drop must not leave us running).
            let millisecondsToNextSecond = Int32(1000 - (Date().timeIntervalSince1970 * 1000).truncatingRemainder(dividingBy: 1000))
            // While the planner works in the background, every 50 ms, to show its routes as soon as they come.
            let input = terminal.read(timeoutMilliseconds: max(1, min(effects.isWorking ? 50 : 250, millisecondsToNextSecond)))
            if TerminalSignals.received != nil { break }
            let event: Event
            switch input {
            case .hangup: break loop
            case .resize:
                state = update(state, .resized(terminal.size)).0
                needsDraw = true
                continue
            case .key(let key): event = .key(key)
            case .mouse(let mouse): event = .mouse(mouse)
            case .timeout:
                // Real seconds pace the polling; the domain clock (pinned in tests and demos) is for the model.
                let second = Int64(Date().timeIntervalSince1970)
                if second == lastTick { continue }
                lastTick = second
                // Once a second: move the clock, and pick up what another terminal wrote.
                let now = store.currentSignature()
                if now != signature || effects.isWaitingForStore {
                    signature = now
                    state = effects.reload(state)
                }
                event = .tick(now: clock.now)
            }
            let (next, requested) = update(state, event)
            state = next
            needsDraw = true
            for effect in requested {
                if effect == .quit { break loop }
                if effect == .cycleTheme {
                    themeIndex = (themeIndex + 1) % Theme.builtIn.count
                    terminal.setStyles(theme: Theme.builtIn[themeIndex])
                    state = update(state, .effectSucceeded("Theme: \(Theme.builtIn[themeIndex].name) (T for the next; --theme NAME to start with it)")).0
                    continue
                }
                state = effects.run(effect, on: state)
                signature = store.currentSignature()
            }
        }
    }
}
