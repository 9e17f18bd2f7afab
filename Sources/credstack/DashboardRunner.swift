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
    let operations: Operations
    /// When the store was first found busy (nil: it is not).
    private var busySince: Int64?

    init(store: Store, clock: any WallClock, themeName: String?, mouse: Bool) {
        self.store = store
        self.clock = clock
        self.themeName = themeName
        self.mouse = mouse
        operations = Operations(store: store, clock: clock)
    }

    func run() throws {
        TerminalSignals.install()
        var state = AppState(data: nil, now: clock.now, glyphs: Glyphs.forTerminal(environment: ProcessInfo.processInfo.environment))
        var signature = store.currentSignature()
        state = reload(state)
        let environment = ProcessInfo.processInfo.environment
        let profile = state.data?.learner.profile
        let (theme, themeProblem) = Theme.load(themeName ?? profile?.theme, environment: environment)
        if let themeProblem { state.message = StatusMessage(text: themeProblem + "; using the default theme", kind: .error, until: clock.now + 15) }
        let terminal = Terminal()
        try terminal.start(theme: theme, environment: environment, mouse: mouse || profile?.mouse == true)
        defer { terminal.stop() }
        state = update(state, .resized(terminal.size)).0
        var themeIndex = Theme.builtIn.firstIndex { $0.name == theme.name } ?? -1
        var needsDraw = true
        var lastTick = Int64(Date().timeIntervalSince1970)

        loop: while true {
            if TerminalSignals.received != nil { break }
            if needsDraw {
                terminal.draw(view(state, terminal.size))
                needsDraw = false
            }
            // Wake at the next second for the clock, and at least every 250 ms so a hangup or a signal that
            // the wait swallowed ends us promptly (an SSH drop must not leave us running).
            let millisecondsToNextSecond = Int32(1000 - (Date().timeIntervalSince1970 * 1000).truncatingRemainder(dividingBy: 1000))
            let input = terminal.read(timeoutMilliseconds: max(1, min(250, millisecondsToNextSecond)))
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
                if now != signature || busySince != nil {
                    signature = now
                    state = reload(state)
                }
                event = .tick(now: clock.now)
            }
            let (next, effects) = update(state, event)
            state = next
            needsDraw = true
            for effect in effects {
                if effect == .quit { break loop }
                if effect == .cycleTheme {
                    themeIndex = (themeIndex + 1) % Theme.builtIn.count
                    terminal.setStyles(theme: Theme.builtIn[themeIndex])
                    state = update(state, .effectSucceeded("Theme: \(Theme.builtIn[themeIndex].name) (T for the next; --theme NAME to start with it)")).0
                    continue
                }
                state = perform(effect, on: state)
                signature = store.currentSignature()
            }
        }
    }

    /// Loads the store without waiting for its lock: another process writing (or stopped with Ctrl-Z while
    /// holding it) must never freeze the dashboard. A busy store is tried again on the next tick, and said
    /// after a few seconds.
    private func reload(_ state: AppState) -> AppState {
        do {
            let snap = try store.load(wait: false)
            busySince = nil
            let data = DashboardData(learner: snap.learner, sessions: snap.sessions, timer: snap.timer,
                                     calendar: StudyCalendar(profile: snap.learner.profile), now: clock.now, warnings: snap.warnings,
                                     versions: snap.versions)
            return update(state, .loaded(data)).0
        } catch StoreError.busy(let message) {
            let since = busySince ?? clock.now
            busySince = since
            if state.data == nil || clock.now - since >= 3 { return update(state, .effectFailed(message + "; trying again")).0 }
            return state
        } catch {
            busySince = nil
            return update(state, .loadFailed("\(error)")).0
        }
    }

    /// Runs one effect; the result comes back to `update` as events.
    private func perform(_ effect: Effect, on state: AppState) -> AppState {
        switch effect {
        case .reload: return reload(state)
        case .quit, .cycleTheme: return state
        case .perform(let operation):
            do {
                let outcome = try operations.perform(operation, wait: false)
                return update(reload(state), .effectSucceeded(outcome.summary)).0
            } catch let e where e.kind == .changedElsewhere {
                return update(reload(state), .changedElsewhere(e.message)).0
            } catch {
                return update(reload(state), .effectFailed("Not saved: \(error.message)")).0
            }
        }
    }
}
