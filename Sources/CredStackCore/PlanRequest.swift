/// What a route to an award is chosen for.
public enum PlanObjective: String, CaseIterable, Sendable {
    /// The lowest total fee.
    case cost
    /// The earliest day every rule is met.
    case time
    /// The fewest courses.
    case courses

    public var phrase: String {
        switch self {
        case .cost: return "cheapest"
        case .time: return "soonest"
        case .courses: return "fewest courses"
        }
    }
}

/// A fee limit: the route's fees in this currency (others through the rates given) stay within it.
public struct PlanBudget: Hashable, Sendable {
    public var amount: Double
    public var currency: String
    public init(amount: Double, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// Everything the planner reads: the pathway, the learner's courses, the catalogs' offer, and the terms.
public struct PlanRequest: Sendable {
    public var pathway: Pathway
    public var learner: Learner
    public var catalog: [CatalogCourse]
    public var today: LocalDate
    /// Study hours a week: stated by the learner, else their real pace (see `PlanPace`).
    public var hoursPerWeek: Double
    public var objective: PlanObjective
    public var budget: PlanBudget?
    /// "1 USD is 84 INR": each currency's value in `homeCurrency`. Without a rate, fees in a currency are
    /// kept apart from the others and never added to them.
    public var rates: [String: Double]
    /// The currency fees are compared in: the budget's, else the one most candidate courses are priced in.
    public var homeCurrency: String?
    /// Catalog course ids the learner does not want.
    public var exclude: Set<String>
    /// Search nodes before the planner stops and reports the gap left between its best route and the bound.
    public var nodeLimit: Int
    /// Search nodes for the second phase: among routes as good on the objective, the best by the others
    /// (sooner, cheaper, fewer). Past them the plan keeps the best such route found and says it stopped.
    public var tieSteps: Int
    /// A shorter search, where an answer is wanted quickly (the dashboard's window, the side-by-side).
    public static let quickSteps = 60_000
    public static let quickTieSteps = 2_000

    public init(pathway: Pathway, learner: Learner, catalog: [CatalogCourse], today: LocalDate, hoursPerWeek: Double,
                objective: PlanObjective = .cost, budget: PlanBudget? = nil, rates: [String: Double] = [:],
                homeCurrency: String? = nil, exclude: Set<String> = [], nodeLimit: Int = 300_000, tieSteps: Int = 10_000) {
        self.pathway = pathway
        self.learner = learner
        self.catalog = catalog
        self.today = today
        self.hoursPerWeek = hoursPerWeek
        self.objective = objective
        self.budget = budget
        self.rates = rates
        self.homeCurrency = homeCurrency
        self.exclude = exclude
        self.nodeLimit = nodeLimit
        self.tieSteps = tieSteps
    }
}

/// The weekly study hours a plan assumes when the learner states none: their real pace over the pace
/// window (the one credit projections use), else their weekly goal.
public enum PlanPace {
    public static func hoursPerWeek(history: StudyHistory, learner: Learner, today: LocalDate) -> (hours: Double, source: String) {
        let first = history.firstDay
        let window = CreditContext.window(firstActivity: first, today: today)
        let minutes = history.minutes(inLast: window, endingWith: today)
        if minutes > 0, first != nil {
            let perWeek = Double(minutes) / 60 / Double(window) * 7
            return (perWeek, "your pace: \(StudyDuration.label(minutes: minutes)) in the last \(window) days")
        }
        let goal = learner.profile.weeklyGoalMinutes
        return (Double(max(goal, 60)) / 60, "your weekly goal (no study logged yet to measure a pace)")
    }
}
