/// Everything the engine reads besides the pathway itself.
public struct CreditContext: Sendable {
    public var courses: [Course]
    /// All the learner's pathways, to name the award a credit was redeemed for.
    public var pathways: [Pathway]
    public var today: LocalDate
    /// Minutes studied in the `paceWindowDays` days ending today: the pace behind projections.
    public var recentStudyMinutes: Int

    public static let paceWindowDays = 84

    public init(courses: [Course], pathways: [Pathway], today: LocalDate, recentStudyMinutes: Int) {
        self.courses = courses
        self.pathways = pathways
        self.today = today
        self.recentStudyMinutes = recentStudyMinutes
    }
}

/// Works out a learner's standing under a pathway's rules. Pure and deterministic: the same learner,
/// pathway and day always give the same report, and every number in it comes with its reason.
public enum CreditEngine {
    public static func evaluate(_ pathway: Pathway, _ context: CreditContext) -> PathwayReport {
        var candidates: [CountedCredit] = []
        var excluded: [ExcludedCredit] = []
        var inProgress: [CourseCredit] = []
        for course in context.courses {
            let worth = credits(of: course, under: pathway)
            if let credential = course.credential {
                if let reason = exclusion(course, credential, worth: worth?.credits, pathway, context) {
                    excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: worth?.credits, reason: reason))
                } else if let worth {
                    candidates.append(CountedCredit(courseID: course.id, title: course.title, credits: worth.credits,
                                                    counted: worth.credits, how: worth.how, minimum: nil,
                                                    category: course.category, online: course.mode == .online,
                                                    required: pathway.requiredCourses.contains(course.id),
                                                    countsUntil: lastCountingDay(credential, pathway)))
                }
            } else if course.status == .enrolled || course.status == .paused, let worth, worth.credits > 0 {
                if let problem = levelProblem(course, pathway) {
                    excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: worth.credits, reason: "in progress, but \(problem)"))
                } else {
                    inProgress.append(CourseCredit(courseID: course.id, title: course.title, credits: worth.credits, how: worth.how))
                }
            } else if course.status == .completed {
                excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: worth?.credits,
                                               reason: "completed, but no credential is recorded (credstack credential add \(course.id))"))
            }
        }
        let allocation = CreditAllocation.solve(candidates, pathway)
        var report = PathwayReport(pathway: pathway, counted: allocation.counted, excluded: excluded, inProgress: inProgress,
                                   rules: [], projection: .reached, nextStep: nil, costs: [],
                                   onlineCut: allocation.onlineCut)
        for item in allocation.counted where item.counted < item.credits {
            let over = item.credits - item.counted
            excluded.append(ExcludedCredit(courseID: item.courseID, title: item.title, credits: over,
                                           reason: "over the \(percent(pathway.maxOnlineShare ?? 0)) online cap by \(CreditFormat.count(over))"
                                               + (item.counted > 0 ? " (\(CreditFormat.label(item.counted)) of its \(CreditFormat.label(item.credits)) count)" : "")))
        }
        report.counted = allocation.counted.filter { $0.counted > 0 }
        report.excluded = excluded
        report.rules = rules(pathway, report, context)
        report.projection = CreditProjection.project(report, context)
        report.nextStep = CreditProjection.nextStep(report, context)
        report.costs = costs(report.counted, context.courses)
        return report
    }

    /// Every pathway the learner follows, in their order, with study pace from `history`.
    public static func evaluateAll(_ learner: Learner, history: StudyHistory, today: LocalDate) -> [PathwayReport] {
        let context = CreditContext(courses: learner.courses, pathways: learner.pathways, today: today,
                                    recentStudyMinutes: history.recentMinutes(endingWith: today))
        return learner.pathways.map { evaluate($0, context) }
    }

    /// What a course is worth under the pathway and how that was worked out; nil when nothing says.
    public static func credits(of course: Course, under pathway: Pathway) -> (credits: Double, how: String)? {
        if pathway.countBy == .credits {
            if let stated = course.credential?.credits { return (stated, "\(CreditFormat.count(stated)) on the credential") }
            if let stated = course.credits { return (stated, "\(CreditFormat.count(stated)) stated by the course") }
        }
        guard let hours = course.hours, let perCredit = pathway.hoursPerCredit, perCredit > 0 else { return nil }
        let exact = hours / perCredit
        let credits = pathway.rounding.apply(exact)
        let note = CreditFormat.label(exact) == CreditFormat.label(credits) ? "" : " (\(CreditFormat.label(exact)), \(pathway.rounding.phrase))"
        return (credits, "\(CreditFormat.label(hours)) h / \(CreditFormat.label(perCredit)) h per credit = \(CreditFormat.count(credits))\(note)")
    }

    /// Why a credential does not count here, or nil when it does.
    static func exclusion(_ course: Course, _ credential: Credential, worth: Double?, _ pathway: Pathway,
                          _ context: CreditContext) -> String? {
        guard let worth else {
            return pathway.countBy == .hours || pathway.hoursPerCredit != nil
                ? "no credits stated and no hours to convert"
                : "no credits stated (and this pathway has no hours-per-credit rule to convert hours)"
        }
        if worth <= 0 { return "worth 0 credits" }
        if let expires = credential.expires, expires <= context.today { return "expired on \(expires)" }
        if let years = pathway.shelfLifeYears {
            let end = credential.issued.adding(years: years)
            if end <= context.today { return "earned \(credential.issued); credits count for \(years) years, until \(end.adding(days: -1))" }
        }
        if let problem = levelProblem(course, pathway) { return problem }
        if let redeemed = credential.redeemedFor, redeemed != pathway.id, !pathway.stacksOn.contains(redeemed) {
            let name = context.pathways.first { $0.id == redeemed }?.name ?? redeemed
            return "already redeemed for \(name), which this pathway does not stack on"
        }
        return nil
    }

    static func levelProblem(_ course: Course, _ pathway: Pathway) -> String? {
        guard let minimum = pathway.minLevel else { return nil }
        guard let level = course.numericLevel else {
            return "no level recorded; this pathway counts level \(CreditFormat.label(minimum)) and above"
        }
        return level < minimum ? "level \(CreditFormat.label(level)) is below this pathway's minimum of \(CreditFormat.label(minimum))" : nil
    }

    /// The day before the credential expires or its shelf life ends, whichever is first.
    static func lastCountingDay(_ credential: Credential, _ pathway: Pathway) -> LocalDate? {
        let ends = [credential.expires, pathway.shelfLifeYears.map { credential.issued.adding(years: $0) }].compactMap { $0 }
        return ends.min()?.adding(days: -1)
    }

    static func rules(_ pathway: Pathway, _ report: PathwayReport, _ context: CreditContext) -> [RuleCheck] {
        var checks: [RuleCheck] = []
        let counted = report.countedCredits
        let total = pathway.totalCredits
        checks.append(RuleCheck(text: "Total \(CreditFormat.label(total)) credits: \(CreditFormat.label(counted)) counted"
                                    + (counted >= total ? "" : ", \(CreditFormat.label(total - counted)) missing"),
                                met: counted >= total))
        for minimum in pathway.minimums {
            let got = report.counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.counted }
            let from = minimum.categories.count == 1 && minimum.categories[0] == minimum.name ? "" : " (from \(minimum.categories.joined(separator: ", ")))"
            checks.append(RuleCheck(text: "At least \(CreditFormat.label(minimum.credits)) in \(minimum.name)\(from): \(CreditFormat.label(got))"
                                        + (got >= minimum.credits ? "" : ", \(CreditFormat.label(minimum.credits - got)) missing"),
                                    met: got >= minimum.credits))
        }
        for id in pathway.requiredCourses {
            let title = context.courses.first { $0.id == id }?.title ?? id
            let done = report.counted.contains { $0.courseID == id }
            let known = context.courses.contains { $0.id == id }
            checks.append(RuleCheck(text: "Required: \(title)" + (done ? " (counted)" : known ? " (not yet earned)" : " (no course with id \(id))"), met: done))
        }
        if let share = pathway.maxOnlineShare {
            let cap = share * total
            let online = report.counted.filter(\.online).reduce(0) { $0 + $1.counted }
            let cut = report.onlineCut > 0 ? ", \(CreditFormat.label(report.onlineCut)) more left out" : ""
            // Always met: the engine counts online credits only up to the cap.
            checks.append(RuleCheck(text: "Online credits at most \(percent(share)) of \(CreditFormat.label(total)) = \(CreditFormat.label(cap)): \(CreditFormat.label(online)) counted online\(cut)",
                                    met: true))
        }
        return checks
    }

    static func percent(_ share: Double) -> String { CreditFormat.label(share * 100) + "%" }

    static func costs(_ counted: [CountedCredit], _ courses: [Course]) -> [CreditCost] {
        var byCurrency: [String: CreditCost] = [:]
        for item in counted {
            guard let fee = courses.first(where: { $0.id == item.courseID })?.fee, let amount = Double(fee.amount) else { continue }
            byCurrency[fee.currency, default: CreditCost(currency: fee.currency, amount: 0, credits: 0)].amount += amount
            byCurrency[fee.currency]!.credits += item.counted
        }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }
}
