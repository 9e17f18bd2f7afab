/// A catalog course the planner chose, with when it runs and why it is there.
public struct PlannedCourse: Hashable, Sendable {
    public var course: CatalogCourse
    /// One of the learner's own planned courses rather than a catalog's.
    public var fromLearner: Bool
    public var credits: Double
    /// How its credits were worked out under the pathway ("120 h / 30 h per credit = 4 credits").
    public var how: String
    /// The rule it fills at the end: a category minimum, a required course, or the total.
    public var fills: String
    /// The first day it can be started: a cohort's start, or today for a self-paced course.
    public var opens: LocalDate
    /// When the learner studies it (after what is under way and the route's courses before it).
    public var start: LocalDate
    public var studyEnd: LocalDate
    /// When its credential comes: its hours done, or its cohort's end if that is later.
    public var end: LocalDate
    public var hours: Double
}

/// A set of courses that completes the pathway, the day it does, and how sure the planner is of it.
public struct Route: Hashable, Sendable {
    public var objective: PlanObjective
    public var courses: [PlannedCourse]
    /// Total fee per currency (ones given a rate are converted into the home currency).
    public var fees: [CreditCost]
    /// Courses whose fee the catalog does not state (counted as nothing).
    public var unpriced: [String]
    /// The day every rule is met: the last course's end, or the hours at the weekly pace, whichever is later.
    public var completion: LocalDate
    /// Why the route ends on `completion`.
    public var completionReason: String
    public var hoursPerWeek: Double
    /// Study hours the route takes, courses under way included.
    public var hours: Double
    /// Until this day the learner's hours go to the courses already under way.
    public var underWayUntil: LocalDate
    /// The pathway as it stands on `completion`, with every course of the route earned.
    public var report: PathwayReport
    /// Search nodes visited.
    public var nodes: Int
    /// nil: proved optimal. Otherwise the search stopped; no route can beat this bound on the objective.
    public var bound: Double?
    /// The currency fees are compared in (a cost bound is in it).
    public var homeCurrency: String
    /// Whether, among routes as good on the objective, this one was proved best on the others (sooner, cheaper,
    /// fewer courses, in the objective's order); false when that second search stopped.
    public var tiesSettled: Bool

    /// The bound as the learner reads it: a fee in the home currency, a day, or a number of courses.
    public var boundLabel: String? {
        bound.map { value in
            switch objective {
            case .cost: return "\(MoneyFormat.label(value)) \(homeCurrency)"
            case .time: return LocalDate(daysSinceEpoch: Int(value)).description
            case .courses: return Int(value) == 1 ? "1 course" : "\(Int(value)) courses"
            }
        }
    }

    public var feeLabel: String {
        fees.isEmpty ? "no fees" : fees.map { "\(MoneyFormat.label($0.amount)) \($0.currency)" }.joined(separator: " + ")
    }
}

/// The planner's answer.
public enum PlanOutcome: Hashable, Sendable {
    /// What the learner holds and has under way already meets every rule.
    case alreadyMet(PathwayReport)
    case route(Route, notes: [String])
    /// No route meets the rules; each reason names a rule (or the budget) and the figures.
    case impossible(reasons: [String], notes: [String])
}
