import CredStackCore
import CredStackOperations
import CredStackStore
import Foundation

/// Runs what `update` asks for against the store and reports back through `update`: the program's loop and
/// the tests use the same one. `update` and `view` stay pure; this is the part that reads and writes, and it
/// only ever changes the store through the operations layer.
public final class EffectRunner {
    public let store: Store
    public let clock: any WallClock
    public let operations: Operations
    /// When the store was first found busy (nil: it is not).
    private var busySince: Int64?

    /// Where shared templates are looked up (`SharedData`): the program's environment.
    let environment: [String: String]
    /// Plans run on a thread of their own (the program, so the screen keeps answering keys), or at once
    /// (tests, which then see the window filled in as soon as `run` returns).
    public var plansInBackground = false
    private let finished = FinishedWork()

    public init(store: Store, clock: any WallClock, environment: [String: String] = [:]) {
        self.store = store
        self.clock = clock
        self.environment = environment
        operations = Operations(store: store, clock: clock)
    }

    /// A reload is owed: the store was busy when last tried.
    public var isWaitingForStore: Bool { busySince != nil }

    /// Loads the store without waiting for its lock: another process writing (or stopped with Ctrl-Z while
    /// holding it) must never freeze the dashboard. A busy store is tried again on the next tick, and said
    /// after a few seconds.
    public func reload(_ state: AppState) -> AppState {
        do {
            let overview = try store.overview(wait: false)
            let (templates, problems) = PathwayTemplates.available(environment: environment)
            let (catalogs, catalogProblems) = Catalogs.available(store: store, environment: environment)
            var data = DashboardData(overview, now: clock.now, warnings: problems + catalogProblems, templates: templates)
            data.catalog = catalogs.map(\.catalog).mergedCourses
            // The course a window lists (or comes back to) is read again with the rest.
            for (id, all) in state.listedCourses where data.learner.course(id) != nil {
                if all {
                    data.courseSessions[id] = Array(try store.sessions(of: id, learner: data.learner, wait: false).reversed())
                } else {
                    data.recentSessions[id] = Array(try store.latestSessions(DashboardData.recentCount, courseID: id, of: data.learner, wait: false).sessions.reversed())
                }
            }
            busySince = nil
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

    /// Runs one effect (quitting and themes are the terminal's, not this runner's).
    public func run(_ effect: Effect, on state: AppState) -> AppState {
        switch effect {
        case .reload: return reload(state)
        case .quit, .cycleTheme: return state
        case .plan(let id, let objectives):
            guard let data = state.data, let today = state.today else { return state }
            let work = { @Sendable () -> Event? in
                PlanWindow.plan(data, pathwayID: id, objectives: objectives, today: today)
                    .map { .planned(pathwayID: id, outcomes: $0.outcomes, hoursSource: $0.hoursSource) }
            }
            guard plansInBackground else { return work().map { update(state, $0).0 } ?? state }
            finished.started()
            let finished = finished
            Thread.detachNewThread { finished.add(work()) }
            return state
        case .loadSessions(let id, let then):
            return readForWindow(state, courseID: id, actionWaits: then != nil) { learner throws(StoreError) in
                .sessionsLoaded(courseID: id, sessions: try store.sessions(of: id, learner: learner, wait: false), then: then)
            }
        case .loadRecentSessions(let id):
            return readForWindow(state, courseID: id, actionWaits: false) { learner throws(StoreError) in
                .recentSessionsLoaded(courseID: id, sessions: try store.latestSessions(DashboardData.recentCount, courseID: id, of: learner, wait: false).sessions)
            }
        case .perform(let operation): return run(.performAll([operation]), on: state)
        case .performAll(let list):
            do {
                var summaries: [String] = []
                for operation in list { summaries.append(try operations.perform(operation, wait: false).summary) }
                return update(reload(state), .effectSucceeded(summaries.joined(separator: " "))).0
            } catch let e where e.kind == .timerOverLimit {
                // It crossed the limit while the dashboard looked: ask when it stopped, as `t` would have.
                return update(reload(state), .askTimerEnd(problem: nil)).0
            } catch let e where e.field == "when" && list.contains(where: { if case .stopTimer(nil, _) = $0 { return true } else { return false } }) {
                // "Now" does not work as the end (an overlap): the same question, with the reason beside it.
                return update(reload(state), .askTimerEnd(problem: e.message)).0
            } catch let e where e.kind == .changedElsewhere {
                return update(reload(state), .changedElsewhere(e.message)).0
            } catch {
                // A busy store cannot be read either: the next tick reloads it.
                let current = error.isBusy ? state : reload(state)
                return update(current, .effectFailed("Not saved: " + error.message + (error.message.hasSuffix(".") ? "" : "."))).0
            }
        }
    }
}

extension EffectRunner {
    /// Reads what a window lists without waiting for the lock. A busy store is read by the next tick's
    /// reload, which reads the open window's sessions too; an action that waited for them is told to try again.
    private func readForWindow(_ state: AppState, courseID id: String, actionWaits: Bool,
                               _ read: (Learner) throws(StoreError) -> Event) -> AppState {
        guard let learner = state.data?.learner else { return state }
        do {
            return update(state, try read(learner)).0
        } catch .busy(let message) {
            if actionWaits { return update(state, .effectFailed(message + "; try again in a moment")).0 }
            busySince = busySince ?? clock.now
            return state
        } catch {
            return update(state, .effectFailed("Could not read \(id)'s sessions: \(error)")).0
        }
    }

    /// Events from background work finished since the last call: the program's loop applies them each turn.
    public func finishedEvents() -> [Event] { finished.take() }

    /// Background work is under way: the loop then wakes often to show its result promptly.
    public var isWorking: Bool { finished.running > 0 }
}

/// What background threads hand back to the loop, under a lock.
private final class FinishedWork: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    private var count = 0

    var running: Int { lock.withLock { count } }

    func started() { lock.withLock { count += 1 } }

    func add(_ event: Event?) {
        lock.withLock {
            count -= 1
            if let event { events.append(event) }
        }
    }

    func take() -> [Event] {
        lock.withLock {
            defer { events = [] }
            return events
        }
    }
}
