import CredStackCore
import CredStackStore
import CredStackTUI
import CredStackTerminal
import Foundation

/// Runs the dashboard: the loop that feeds key presses, ticks and store changes to `update`, runs the
/// effects it returns against the store, and draws `view` through the terminal backend.
struct DashboardRunner {
    let store: Store
    let clock: any WallClock
    let themeName: String?
    let mouse: Bool

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
            case .resize: needsDraw = true; continue
            case .key(let key): event = .key(key)
            case .mouse(let mouse): event = .mouse(mouse)
            case .timeout:
                // Real seconds pace the polling; the domain clock (pinned in tests and demos) is for the model.
                let second = Int64(Date().timeIntervalSince1970)
                if second == lastTick { continue }
                lastTick = second
                // Once a second: move the clock, and pick up what another terminal wrote.
                let now = store.currentSignature()
                if now != signature {
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

    private func reload(_ state: AppState) -> AppState {
        do {
            let snap = try store.load()
            let data = DashboardData(learner: snap.learner, sessions: snap.sessions, timer: snap.timer,
                                     calendar: StudyCalendar(profile: snap.learner.profile), now: clock.now, warnings: snap.warnings)
            return update(state, .loaded(data)).0
        } catch {
            return update(state, .loadFailed("\(error)")).0
        }
    }

    /// Runs one effect against the store; the result comes back to `update` as events.
    private func perform(_ effect: Effect, on state: AppState) -> AppState {
        if effect == .reload { return reload(state) }
        let message: String
        do {
            message = try apply(effect, now: clock.now)
        } catch {
            return update(reload(state), .effectFailed("Not saved: \(error)")).0
        }
        return update(reload(state), .effectSucceeded(message)).0
    }

    private func apply(_ effect: Effect, now: Int64) throws -> String {
        switch effect {
        case .quit, .reload, .cycleTheme:
            return ""
        case .addCourse(let course):
            try store.updateLearner { learner in
                if learner.course(course.id) != nil { throw StoreError.rejected("a course \(course.id) exists already") }
                learner.courses.append(course)
            }
            return "Added \(course.id)."
        case .updateCourse(let original, let updated):
            try store.updateLearner { learner in
                guard let i = learner.courseIndex(original.id) else { throw StoreError.rejected("\(original.id) was removed elsewhere") }
                guard learner.courses[i] == original else {
                    throw StoreError.rejected("\(original.id) was changed elsewhere meanwhile; reloaded it, make your edit again")
                }
                learner.courses[i] = updated
            }
            return "Saved \(updated.id)."
        case .deleteCourse(let id, let withSessions):
            if withSessions { _ = try store.removeSessions { $0.courseID == id } }
            try store.updateLearner { learner in learner.courses.removeAll { $0.id == id } }
            return "Deleted \(id)."
        case .logSession(let session):
            try store.append([session])
            return "Logged \(StudyDuration.label(seconds: session.durationSeconds)) on \(session.courseID)."
        case .recordCredential(let id, let credential):
            try store.updateLearner { learner in
                guard let i = learner.courseIndex(id) else { throw StoreError.rejected("\(id) was removed elsewhere") }
                learner.courses[i].credential = credential
                learner.courses[i].status = .completed
            }
            return "Recorded the credential for \(id)."
        case .startTimer(let timer):
            try store.startTimer(timer)
            return "Timer started on \(timer.courseID). t stops and logs it; it keeps running if you quit."
        case .stopTimer:
            let session = try store.stopTimer(now: now)
            return "Logged \(StudyDuration.label(seconds: session.durationSeconds)) on \(session.courseID)."
        }
    }
}
