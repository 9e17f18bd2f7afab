import CredStackCore
import CredStackOperations

public enum Event: Sendable {
    case key(Key)
    /// Only when the learner opted in (`--mouse` or `mouse = true` in the profile).
    case mouse(MouseEvent)
    /// The clock moved (once a second): refreshes the timer and expires messages.
    case tick(now: Int64)
    /// The terminal has this size now.
    case resized(Size)
    case loaded(DashboardData)
    case loadFailed(String)
    case effectSucceeded(String)
    case effectFailed(String)
    /// An operation was refused because what it was based on changed on disk: the data is reloaded with it.
    case changedElsewhere(String)
    /// Stopping the timer "now" was refused (it ran past the learner's limit, or its session would overlap
    /// another): the dashboard asks when it really stopped, saying why when there is more to say.
    case askTimerEnd(problem: String?)
    /// The planner's routes for a pathway (`Effect.plan`), with where its weekly hours came from.
    case planned(pathwayID: String, outcomes: [PlanObjective: PlanOutcome], hoursSource: String)
    /// A course's sessions, oldest first, read for a window that lists them (`Effect.loadSessions`); `then`
    /// is the action that waited for them.
    case sessionsLoaded(courseID: String, sessions: [StudySession], then: Action?)
    /// A course's latest sessions, oldest first, for its detail window (`Effect.loadRecentSessions`).
    case recentSessionsLoaded(courseID: String, sessions: [StudySession])
}

/// A click or wheel step at a cell, with the screen size it was on (to find the pane under it).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public var screen: Size

    public init(_ kind: Kind, x: Int, y: Int, screen: Size) {
        self.kind = kind
        self.x = x
        self.y = y
        self.screen = screen
    }
}

/// Work `update` asks for; the program runs it and reports back with events.
public enum Effect: Equatable, Sendable {
    case quit
    case reload
    /// A change to the store: the program hands it to the operations layer, which checks that what the
    /// dashboard showed is still so.
    case perform(StoreOperation)
    /// Changes one after another (a credential, then its redemption); the first refused stops the rest.
    case performAll([StoreOperation])
    /// Switch to the next built-in colour theme (the view does not know colours; the backend does).
    case cycleTheme
    /// Plan routes to a pathway's award for these objectives (seconds of work on a big catalog: the program
    /// runs it in the background and reports with `Event.planned`).
    case plan(pathwayID: String, objectives: [PlanObjective])
    /// Read one course's sessions (the dashboard keeps only day totals), then do `then` with them.
    case loadSessions(courseID: String, then: Action?)
    /// Read a course's latest sessions (`DashboardData.recentCount`), for its detail window.
    case loadRecentSessions(courseID: String)
}
