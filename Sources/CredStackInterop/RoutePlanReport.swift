import CredStackCore
import CredStackText

/// `credstack plan` as text and as JSON: the route, why each course is in it, its schedule by week, the
/// rules at the end, and the other objectives' routes beside it.
public struct RoutePlanReport {
    public var pathway: Pathway
    public var outcome: PlanOutcome
    /// The same request planned for each objective (the chosen one included), for the side-by-side.
    public var alternatives: [(PlanObjective, PlanOutcome)]
    public var hoursSource: String
    public var today: LocalDate
    public var weekStart: Weekday

    public init(pathway: Pathway, outcome: PlanOutcome, alternatives: [(PlanObjective, PlanOutcome)], hoursSource: String,
                today: LocalDate, weekStart: Weekday) {
        self.pathway = pathway
        self.outcome = outcome
        self.alternatives = alternatives
        self.hoursSource = hoursSource
        self.today = today
        self.weekStart = weekStart
    }

    public var text: String {
        var out: [String] = []
        let title = "\(pathway.name) (\(pathway.id))"
        switch outcome {
        case .alreadyMet:
            out.append("\(title): what you hold, with the courses under way finished, meets every rule; no course to add.")
        case .impossible(let reasons, let notes):
            out.append("\(title): no route meets every rule.")
            out += reasons.map { "  - " + $0 }
            out += notesBlock(notes)
        case .route(let route, let notes):
            out += routeLines(route, title: title)
            out += alternativesBlock()
            out += notesBlock(notes)
        }
        return out.joined(separator: "\n")
    }

    private func routeLines(_ route: Route, title: String) -> [String] {
        var out: [String] = []
        let n = route.courses.count
        out.append("\(title): \(route.objective.phrase) route")
        out.append("  \(n) course\(n == 1 ? "" : "s"), \(route.feeLabel), every rule met on \(route.completion) (\(route.completionReason))")
        out.append("  at \(hoursLabel(route.hoursPerWeek)) a week: \(hoursSource)")
        if let bound = route.boundLabel {
            out.append("  Not proved optimal: the search stopped; no route can be better than \(bound).")
        } else {
            out.append("  Optimal: \(proof(route.objective)) (searched \(route.nodes) step\(route.nodes == 1 ? "" : "s") of the branch and bound),"
                       + " taking courses one at a time in the order they open.")
            if !route.tiesSettled { out.append("  Among routes \(tie(route.objective)), this is the best found before the search stopped, not proved the best of them.") }
        }
        if !route.unpriced.isEmpty { out.append("  Fee not stated, counted as nothing: \(route.unpriced.joined(separator: ", "))") }
        out.append("")
        out.append("  Courses, and why each:")
        let idWidth = min(22, route.courses.map { TextWidth.of($0.course.id) }.max() ?? 2)
        for c in route.courses {
            let fee = c.course.fee.map { f -> String in
                let amount = Double(f.amount) ?? 0
                let per = c.credits > 0 ? " (\(MoneyFormat.label(amount / c.credits)) \(f.currency) a credit)" : ""
                return amount == 0 ? "free" : "\(f.label)\(per)"
            } ?? "fee not stated"
            out.append("    \(TextWidth.fit(c.course.id, idWidth))  \(c.course.title)")
            let when = c.course.selfPaced ? "self-paced" : "cohort starts \(c.opens)"
            out.append("    \(String(repeating: " ", count: idWidth))  \(CreditFormat.count(c.credits)), fills \(c.fills); \(fee); "
                       + "\(modeLabel(c.course)), \(when)" + (c.fromLearner ? " (your planned course)" : " [\(c.course.catalogID)]"))
            if c.course.selfPaced == false, let weeks = c.course.weeks, c.start.days(until: c.studyEnd) > weeks * 7 + 6 {
                out.append("    \(String(repeating: " ", count: idWidth))  its \(CreditFormat.label(c.hours)) h in \(weeks) weeks need"
                           + " \(hoursLabel(c.hours / Double(weeks))) a week, more than your \(hoursLabel(route.hoursPerWeek)): the cohort ends before you can finish it")
            }
        }
        out.append("")
        out.append("  Schedule, week by week (one course at a time, \(hoursLabel(route.hoursPerWeek)) a week):")
        out += weeks(route).map { "    " + $0 }
        out.append("")
        out.append("  On \(route.completion), with every course above earned:")
        out += route.report.rules.map { "    \($0.met ? "✓" : "✗") \($0.text)" }
        return out
    }

    /// The route as stretches of weeks (week 1 is the one holding today): what the learner studies in each,
    /// and when each credential comes.
    func weeks(_ route: Route) -> [String] {
        let firstWeek = today.adding(days: -((today.weekday.rawValue - weekStart.rawValue + 7) % 7))
        func week(_ day: LocalDate) -> Int { firstWeek.days(until: day) / 7 + 1 }
        func span(_ from: LocalDate, _ to: LocalDate) -> String {
            let a = week(from), b = week(to.adding(days: -1))
            return TextWidth.fit(a >= b ? "week \(a)" : "weeks \(a)-\(b)", 14) + " \(from) to \(to)"
        }
        var out: [String] = []
        if route.underWayUntil > today {
            out.append(span(today, route.underWayUntil) + "  the courses you have under way")
        }
        var clock = route.underWayUntil
        for c in route.courses {
            if c.start > clock { out.append(span(clock, c.start) + "  free: waiting for \(c.course.id) to start") }
            // A cohort course starts on a cohort's day: the first, or a later one when the learner gets to it after.
            let cohort = !c.course.selfPaced && c.start > c.opens ? "; join the cohort of \(c.start)" : ""
            out.append(span(c.start, max(c.studyEnd, c.start.adding(days: 1))) + "  \(c.course.id) (\(CreditFormat.label(c.hours)) h)" + cohort)
            clock = max(clock, c.studyEnd)
        }
        out.append(TextWidth.fit("week \(week(route.completion))", 14) + " \(route.completion)  every rule met")
        return out
    }

    private func alternativesBlock() -> [String] {
        let routes = alternatives.compactMap { (objective, outcome) -> (PlanObjective, Route)? in
            if case .route(let r, _) = outcome { return (objective, r) }
            return nil
        }
        guard routes.count > 1 else { return [] }
        var out = ["", "  Side by side:"]
        // Columns of 26 with two spaces between, however long a figure (fees in several currencies) runs.
        func cell(_ text: String) -> String { TextWidth.fit(text, 24) + "  " }
        out.append("    " + TextWidth.fit("", 10) + routes.map { cell($0.0.phrase) }.joined())
        out.append("    " + TextWidth.fit("fees", 10) + routes.map { cell($0.1.feeLabel) }.joined())
        out.append("    " + TextWidth.fit("done by", 10) + routes.map { cell($0.1.completion.description + ($0.1.bound == nil ? "" : " *")) }.joined())
        out.append("    " + TextWidth.fit("courses", 10) + routes.map { cell("\($0.1.courses.count)") }.joined())
        if routes.contains(where: { $0.1.bound != nil }) { out.append("    * the search stopped before proving this one optimal (plan with --by to search further)") }
        return out
    }

    private func notesBlock(_ notes: [String]) -> [String] {
        notes.isEmpty ? [] : [""] + notes.map { "  Note: " + $0 }
    }

    private func proof(_ objective: PlanObjective) -> String {
        switch objective {
        case .cost: return "no set of catalog courses that meets every rule costs less"
        case .time: return "no set of catalog courses meets every rule sooner"
        case .courses: return "no set of fewer catalog courses meets every rule"
        }
    }

    /// The routes a tie-break chooses among, and how: the objective's order of figures (`PlanModel.key`).
    private func tie(_ objective: PlanObjective) -> String {
        switch objective {
        case .cost: return "as cheap (it prefers the sooner, then fewer courses)"
        case .time: return "as soon (it prefers the cheaper, then fewer courses)"
        case .courses: return "with as few courses (it prefers the cheaper, then the sooner)"
        }
    }

    private func modeLabel(_ c: CatalogCourse) -> String { c.mode == .unknown ? "mode not stated" : c.mode.rawValue }

    private func hoursLabel(_ hours: Double) -> String { StudyDuration.label(minutes: Int((hours * 60).rounded())) }

    // MARK: JSON

    public var json: String {
        var doc = PlanJSON(pathway: pathway.id, today: today.description, status: "route", route: nil, reasons: [], notes: [], alternatives: [])
        switch outcome {
        case .alreadyMet:
            doc.status = "met"
        case .impossible(let reasons, let notes):
            doc.status = "impossible"
            doc.reasons = reasons
            doc.notes = notes
        case .route(let route, let notes):
            doc.route = PlanJSON.RouteJSON(route)
            doc.notes = notes
            doc.alternatives = alternatives.compactMap { _, outcome in
                guard case .route(let r, _) = outcome else { return nil }
                var alt = PlanJSON.RouteJSON(r)
                alt.rules = nil
                return alt
            }
        }
        return JSONText.encode(doc)
    }
}

/// The JSON form of a plan (keys in snake_case).
struct PlanJSON: Encodable {
    var pathway: String
    var today: String
    /// "route", "met" or "impossible".
    var status: String
    var route: RouteJSON?
    var reasons: [String]
    var notes: [String]
    var alternatives: [RouteJSON]

    struct RouteJSON: Encodable {
        var objective: String
        var provedOptimal: Bool
        /// When not proved: what no route can beat (a fee, a day or a number of courses).
        var bound: String?
        /// Among routes as good on the objective, proved the best by the other figures.
        var tiesSettled: Bool
        var searchSteps: Int
        var completion: String
        var completionReason: String
        var hoursPerWeek: Double
        var fees: [FeeJSON]
        var courses: [CourseJSON]
        var rules: [RuleJSON]?

        init(_ route: Route) {
            objective = route.objective.rawValue
            provedOptimal = route.bound == nil
            bound = route.boundLabel
            tiesSettled = route.bound == nil && route.tiesSettled
            searchSteps = route.nodes
            completion = route.completion.description
            completionReason = route.completionReason
            hoursPerWeek = (route.hoursPerWeek * 100).rounded() / 100
            fees = route.fees.map { FeeJSON(currency: $0.currency, amount: ($0.amount * 100).rounded() / 100) }
            courses = route.courses.map {
                CourseJSON(id: $0.course.id, title: $0.course.title, catalog: $0.course.catalogID, credits: $0.credits,
                           fee: $0.course.fee?.label, fills: $0.fills, opens: $0.opens.description, studyStart: $0.start.description,
                           studyEnd: $0.studyEnd.description, credential: $0.end.description, hours: $0.hours)
            }
            rules = route.report.rules.map { RuleJSON(rule: $0.text, met: $0.met) }
        }
    }

    struct FeeJSON: Encodable { var currency: String; var amount: Double }
    struct CourseJSON: Encodable {
        var id, title, catalog: String
        var credits: Double
        var fee: String?
        var fills, opens, studyStart, studyEnd, credential: String
        var hours: Double
    }
    struct RuleJSON: Encodable { var rule: String; var met: Bool }
}
