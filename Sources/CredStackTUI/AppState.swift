import CredStackCore
import CredStackStore

public enum Focus: Int, CaseIterable, Hashable, Sendable {
    case courses, week, credits

    public var title: String { ["Courses", "This week", "Credits"][rawValue] }
}

/// The loaded model plus what is derived from it once per load (not per frame). The study log is kept
/// folded into days (`history`); a course's sessions are read when a window lists them (`courseSessions`),
/// so a history of a million sessions costs the dashboard no more memory than a short one.
public struct DashboardData: Sendable {
    public var learner: Learner { didSet { listed = learner.courses.sorted(by: Course.listOrder) } }
    /// The courses as lists show them (`Course.listOrder`), sorted once per change rather than per frame.
    public private(set) var listed: [Course]
    /// The sessions of each course read so far, newest first (`Effect.loadSessions` reads one).
    public var courseSessions: [String: [StudySession]]
    /// The latest sessions of a course whose detail is open, newest first (`Effect.loadRecentSessions`):
    /// all the detail window lists, however many the course has.
    public var recentSessions: [String: [StudySession]] = [:]
    /// How many the detail window lists.
    public static let recentCount = 50
    public var timer: RunningTimer?
    /// The median length of the sessions logged on the running timer's course when loaded.
    private var timerCourseMedian: (courseID: String, seconds: Int)?
    public var history: StudyHistory
    /// The credit engine's report for each pathway, in the learner's order, as of `creditsDay`.
    public var credits: [PathwayReport]
    /// The day the reports were made for: expiry and shelf life change with the date.
    public let creditsDay: LocalDate
    public var warnings: [String]
    /// What each record's file held when loaded: forms and dialogs carry it, so an action on data that
    /// changed elsewhere meanwhile is refused instead of overwriting it.
    public var versions: [RecordKey: RecordVersion]
    /// The pathway templates the picker offers (the learner's, the shared ones, the built-ins), read with the store.
    public var templates: [PathwayTemplates.Template]
    /// What each course under way needs a week to finish by its due date (once per load).
    public var needs: [CourseNeed]
    /// Every catalog course the planner may choose (the learner's catalogs first, then shared ones).
    public var catalog: [CatalogCourse] = []

    /// From sessions in hand (tests, the demo): every course's sessions are read.
    public init(learner: Learner, sessions: [StudySession], timer: RunningTimer?, calendar: StudyCalendar,
                now: Int64, warnings: [String] = [], versions: [RecordKey: RecordVersion] = [:],
                templates: [PathwayTemplates.Template] = PathwayTemplates.builtIn) {
        self.init(learner: learner, history: StudyHistory(sessions: sessions, calendar: calendar), timer: timer,
                  timerCourseLengths: sessions.filter { $0.courseID == timer?.courseID }.map(\.durationSeconds).sorted(),
                  now: now, warnings: warnings, versions: versions, templates: templates)
        var byCourse = Dictionary(grouping: sessions, by: \.courseID).mapValues { Array($0.sorted(by: StudySession.timeOrder).reversed()) }
        for course in learner.courses where byCourse[course.id] == nil { byCourse[course.id] = [] }
        courseSessions = byCourse
    }

    /// From the store's overview: no course's sessions are read yet.
    public init(_ overview: StoreOverview, now: Int64, warnings: [String] = [], templates: [PathwayTemplates.Template] = PathwayTemplates.builtIn) {
        self.init(learner: overview.learner, history: overview.history, timer: overview.timer, timerCourseLengths: overview.timerCourseLengths,
                  now: now, warnings: overview.warnings + warnings, versions: overview.versions, templates: templates)
    }

    private init(learner: Learner, history: StudyHistory, timer: RunningTimer?, timerCourseLengths: [Int], now: Int64,
                 warnings: [String], versions: [RecordKey: RecordVersion], templates: [PathwayTemplates.Template]) {
        self.templates = templates
        self.learner = learner
        self.listed = learner.courses.sorted(by: Course.listOrder)
        courseSessions = [:]
        self.timer = timer
        if let timer, !timerCourseLengths.isEmpty { timerCourseMedian = (timer.courseID, timerCourseLengths[timerCourseLengths.count / 2]) }
        self.history = history
        creditsDay = history.calendar.localDay(of: now)
        self.credits = CreditEngine.evaluateAll(learner, history: history, today: creditsDay)
        self.needs = WeeklyPlan.needs(learner, history: history, today: creditsDay)
        self.warnings = warnings
        self.versions = versions
    }

    public var calendar: StudyCalendar { history.calendar }

    /// The median length of the sessions logged on `courseID` (nil: none, or they were not read).
    public func usualSessionSeconds(on courseID: String) -> Int? {
        guard let listed = courseSessions[courseID] else { return timerCourseMedian?.courseID == courseID ? timerCourseMedian?.seconds : nil }
        let lengths = listed.map(\.durationSeconds).sorted()
        return lengths.isEmpty ? nil : lengths[lengths.count / 2]
    }

    public func version(of record: RecordKey) -> RecordVersion { versions[record] ?? 0 }
}

public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case detail(courseID: String, scroll: Int)
    case breakdown(pathwayID: String, scroll: Int)
    /// A course's sessions, newest first, one of them selected (to edit or delete).
    case sessions(courseID: String, selected: Int)
    /// The route to a pathway's award: its courses, one selected (Enter adds it as planned).
    case plan(PlanWindow)
    case form(FormState)
    case confirm(Confirmation)

    /// How far a scrolling window is scrolled; nil for the others.
    public var scroll: Int? {
        switch self {
        case .help(let n), .detail(_, let n), .breakdown(_, let n): return n
        default: return nil
        }
    }

    /// The same window scrolled to `n`.
    func scrolled(to n: Int) -> Overlay {
        switch self {
        case .help: return .help(scroll: n)
        case .detail(let id, _): return .detail(courseID: id, scroll: n)
        case .breakdown(let id, _): return .breakdown(pathwayID: id, scroll: n)
        default: return self
        }
    }

    /// Which part of the key table has the keyboard while it is open.
    var keyMode: KeyMode {
        switch self {
        case .help, .detail, .breakdown: return .scrolling
        case .sessions: return .sessionList
        case .plan: return .plan
        case .form: return .form
        case .confirm: return .confirm
        }
    }
}

/// The plan window: the route for one objective, and the cheapest and soonest routes side by side.
public struct PlanWindow: Equatable, Sendable {
    public var pathwayID: String
    public var objective: PlanObjective
    public var selected: Int
    /// Each objective's route once planned; an objective missing is still being planned (off the screen's
    /// thread: the window opens at once and fills in, and Esc closes it while the planner works).
    public var outcomes: [PlanObjective: PlanOutcome]
    public var hoursSource: String

    public init(pathwayID: String, objective: PlanObjective = .cost) {
        self.pathwayID = pathwayID
        self.objective = objective
        selected = 0
        outcomes = [:]
        hoursSource = ""
    }

    public var outcome: PlanOutcome? { outcomes[objective] }
    public var cheapest: PlanOutcome? { outcomes[.cost] }
    public var soonest: PlanOutcome? { outcomes[.time] }

    /// Plans `objectives` for `pathway` from what the dashboard loaded: a pure computation (the planner reads
    /// no files), run by the effect runner away from the screen. nil when the pathway is gone.
    public static func plan(_ data: DashboardData, pathwayID: String, objectives: [PlanObjective], today: LocalDate)
        -> (outcomes: [PlanObjective: PlanOutcome], hoursSource: String)? {
        guard let pathway = data.learner.pathway(pathwayID) else { return nil }
        let pace = PlanPace.hoursPerWeek(history: data.history, learner: data.learner, today: today)
        var outcomes: [PlanObjective: PlanOutcome] = [:]
        for objective in objectives {
            // Fewer steps than the command line's: past them the window shows the best route found and says
            // the search stopped (credstack plan searches further).
            outcomes[objective] = RoutePlanner.plan(PlanRequest(pathway: pathway, learner: data.learner, catalog: data.catalog, today: today,
                                                                hoursPerWeek: pace.hours, objective: objective, nodeLimit: PlanRequest.quickSteps,
                                                                tieSteps: PlanRequest.quickTieSteps))
        }
        return (outcomes, pace.source)
    }

    public var route: Route? { if case .route(let r, _)? = outcome { return r }; return nil }

}

public struct Confirmation: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public var effect: Effect
}

public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, success, error }
    public var text: String
    public var kind: Kind
    /// When the message stops showing (epoch seconds).
    public var until: Int64

    public init(text: String, kind: Kind, until: Int64) {
        self.text = text
        self.kind = kind
        self.until = until
    }
}

public struct AppState: Sendable {
    public var data: DashboardData?
    /// Why the store could not be loaded: shown instead of the dashboard.
    public var loadError: String?
    public var now: Int64
    public var glyphs: Glyphs
    public var focus: Focus = .courses
    /// Selection is by id so it survives reloads and filtering.
    public var selectedCourseID: String?
    public var weekOffset = 0
    public var selectedPathway = 0
    public var filter = ""
    public var filterEditing = false
    public var overlay: Overlay?
    /// A form whose change is being saved: it comes back, as typed, if the save fails (a busy store), so
    /// what the learner typed is never lost.
    public var submittedForm: FormState?
    /// The window a form or question was opened from (a course's sessions): it comes back when they close.
    public var returnTo: Overlay?
    public var message: StatusMessage?
    /// The terminal's size when last drawn: scrolling windows keep their scroll within it.
    public var screen = Size(width: 80, height: 24)

    public init(data: DashboardData?, loadError: String? = nil, now: Int64, glyphs: Glyphs = .unicode) {
        self.data = data
        self.loadError = loadError
        self.now = now
        self.glyphs = glyphs
        selectedCourseID = visibleCourses.first?.id
    }

    public var today: LocalDate? { data.map { $0.calendar.localDay(of: now) } }

    /// The courses whose sessions a window lists, open or to come back to, and whether it lists them all
    /// (the session list) or only the latest (the detail window).
    public var listedCourses: [(id: String, all: Bool)] {
        [overlay, returnTo].compactMap { window -> (String, Bool)? in
            switch window {
            case .detail(let id, _)?: return (id, false)
            case .sessions(let id, _)?: return (id, true)
            default: return nil
            }
        }
    }

    /// Courses after the `/` filter (title, id, provider, category, skills; any case).
    public var visibleCourses: [Course] {
        guard let data else { return [] }
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return data.listed }
        return data.listed.filter { c in
            ([c.id, c.title, c.provider, c.category] + c.skills).contains { $0.lowercased().contains(needle) }
        }
    }

    public var selectedIndex: Int? {
        let courses = visibleCourses
        guard !courses.isEmpty else { return nil }
        return courses.firstIndex { $0.id == selectedCourseID } ?? 0
    }

    public var selectedCourse: Course? { selectedIndex.map { visibleCourses[$0] } }

    public var isWelcome: Bool { data?.learner.courses.isEmpty == true }

    /// What has the keyboard now.
    public var keyMode: KeyMode { overlay?.keyMode ?? (filterEditing ? .filter : .dashboard) }
}
