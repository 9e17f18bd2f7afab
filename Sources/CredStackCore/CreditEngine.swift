/// Everything the engine reads besides the pathway itself.
public struct CreditContext: Sendable {
    public var courses: [Course]
    /// All the learner's pathways, to name the award a credit was redeemed for.
    public var pathways: [Pathway]
    public var today: LocalDate
    /// Minutes studied in the `paceWindowDays` days ending today: the pace behind projections.
    public var recentStudyMinutes: Int
    /// The days the pace is measured over (see `window(firstActivity:today:)`).
    public var paceWindowDays: Int

    /// The longest and shortest window a pace is measured over, and the history below which it is an
    /// early estimate.
    public static let longestPaceWindow = 84
    public static let shortestPaceWindow = 14
    public static let settledPaceDays = 28

    public init(courses: [Course], pathways: [Pathway], today: LocalDate, recentStudyMinutes: Int,
                paceWindowDays: Int = CreditContext.longestPaceWindow) {
        self.courses = courses
        self.pathways = pathways
        self.today = today
        self.recentStudyMinutes = recentStudyMinutes
        self.paceWindowDays = paceWindowDays
    }

    /// The days from the learner's first study (or first credential) through today, kept within 14...84:
    /// a learner with four days of history is not measured as if they had studied for twelve weeks.
    public static func window(firstActivity: LocalDate?, today: LocalDate) -> Int {
        guard let first = firstActivity, first <= today else { return longestPaceWindow }
        return min(longestPaceWindow, max(shortestPaceWindow, first.days(until: today) + 1))
    }
}

/// What a course is worth under a pathway, and how that was worked out; or why it is worth nothing there.
public enum CourseWorth: Hashable, Sendable {
    case credits(Double, how: String)
    case none(reason: String)
}

/// Works out a learner's standing under a pathway's rules. Pure and deterministic: the same learner,
/// pathway and day always give the same report, and every number in it comes with its reason. The rules,
/// their sources and worked examples are in docs/CREDITS.md.
public enum CreditEngine {
    public static func evaluate(_ pathway: Pathway, _ context: CreditContext) -> PathwayReport {
        var candidates: [CountedCredit] = []
        var excluded: [ExcludedCredit] = []
        var inProgress: [CourseCredit] = []
        for course in context.courses {
            let worth = worth(of: course, under: pathway)
            if let credential = course.credential {
                switch worth {
                case .none(let reason):
                    excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: nil, reason: reason))
                case .credits(let credits, let how):
                    if let reason = exclusion(course, credential, worth: credits, pathway, context) {
                        excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: credits, reason: reason))
                    } else {
                        candidates.append(CountedCredit(courseID: course.id, title: course.title, credits: credits, how: how, minimum: nil,
                                                        category: course.category, onlineShare: course.mode.onlineShare(stated: course.onlineShare),
                                                        modeUnknown: course.mode == .unknown,
                                                        required: pathway.requiredCourses.contains(course.id),
                                                        countsUntil: lastCountingDay(credential, pathway), issued: credential.issued))
                    }
                }
            } else if course.status == .enrolled || course.status == .paused, case .credits(let credits, let how) = worth, credits > 0 {
                if let problem = levelProblem(course, pathway) {
                    excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: credits, reason: "in progress, but \(problem)"))
                } else {
                    inProgress.append(CourseCredit(courseID: course.id, title: course.title, credits: credits, how: how, category: course.category))
                }
            } else if course.status == .completed {
                excluded.append(ExcludedCredit(courseID: course.id, title: course.title, credits: worth.credits,
                                               reason: "completed, but no credential is recorded (credstack credential add \(course.id))"))
            }
        }
        let allocation = CreditAllocation.solve(candidates, pathway)
        excluded += allocation.leftOut
        var report = PathwayReport(pathway: pathway, counted: allocation.counted, excluded: excluded, inProgress: inProgress,
                                   rules: [], projection: .reached, nextStep: nil, costs: [],
                                   onlineCut: allocation.leftOut.reduce(0) { $0 + ($1.credits ?? 0) })
        report.rules = rules(pathway, report, context)
        report.projection = CreditProjection.project(report, context)
        report.nextStep = CreditProjection.nextStep(report, context)
        report.costs = costs(report.counted, context.courses)
        return report
    }

    /// Every pathway the learner follows, in their order, with study pace from `history`.
    public static func evaluateAll(_ learner: Learner, history: StudyHistory, today: LocalDate) -> [PathwayReport] {
        let issued = learner.courses.compactMap { $0.credential?.issued }.filter { $0 <= today }
        let first = ([history.firstDay].compactMap { $0 } + issued).min()
        let window = CreditContext.window(firstActivity: first, today: today)
        let context = CreditContext(courses: learner.courses, pathways: learner.pathways, today: today,
                                    recentStudyMinutes: history.minutes(inLast: window, endingWith: today), paceWindowDays: window)
        return learner.pathways.map { evaluate($0, context) }
    }

    /// What a course counts for, nil when nothing says (the projection and next step use it).
    public static func credits(of course: Course, under pathway: Pathway) -> (credits: Double, how: String)? {
        if case .credits(let c, let how) = worth(of: course, under: pathway) { return (c, how) }
        return nil
    }

    /// Stated credits in the pathway's credit system (or, where it states one, through its conversion);
    /// otherwise hours through its hours-per-credit rule.
    public static func worth(of course: Course, under pathway: Pathway) -> CourseWorth {
        var mismatch: String?
        let stated = course.credential?.credits.map { ($0, "on the credential") } ?? course.credits.map { ($0, "stated by the course") }
        if pathway.countBy == .credits, let (credits, source) = stated {
            let system = course.statedCreditSystem
            if let own = pathway.creditSystem, let system, !system.caseInsensitiveEquals(own) {
                if let factor = pathway.conversion(from: system) {
                    let converted = credits * factor
                    return .credits(converted, how: "\(CreditFormat.label(credits)) \(system) credits \(source) x \(CreditFormat.label(factor)) (the pathway's conversion) = \(CreditFormat.count(converted))")
                }
                mismatch = "its \(CreditFormat.label(credits)) \(system) credits are not \(own) credits and the pathway states no conversion"
            } else {
                return .credits(credits, how: "\(CreditFormat.count(credits)) \(source)")
            }
        }
        guard let hours = course.hours, let perCredit = pathway.hoursPerCredit, perCredit > 0 else {
            if let mismatch { return .none(reason: mismatch + (pathway.hoursPerCredit == nil ? "" : ", and the course states no hours to convert")) }
            if pathway.countBy == .hours { return .none(reason: "no hours stated (this pathway counts every course by its hours)") }
            return .none(reason: pathway.hoursPerCredit == nil
                         ? "no credits stated (and this pathway has no hours-per-credit rule to convert hours)"
                         : "no credits stated and no hours to convert")
        }
        let exact = ExactCredits(hours) / ExactCredits(perCredit)
        let credits = pathway.rounding.apply(exact)
        let shown = exact == ExactCredits(credits) ? "" : " (\(CreditFormat.label(exact.double)), \(pathway.rounding.phrase))"
        let how = "\(CreditFormat.label(hours)) h / \(CreditFormat.label(perCredit)) h per credit = \(CreditFormat.count(credits))\(shown)"
        return .credits(credits, how: mismatch.map { "\($0), so its hours count: \(how)" } ?? how)
    }

    /// Why a credential does not count here, or nil when it does.
    static func exclusion(_ course: Course, _ credential: Credential, worth: Double, _ pathway: Pathway,
                          _ context: CreditContext) -> String? {
        if worth <= 0 { return "worth 0 credits" }
        if let problem = validityProblem(credential, pathway, today: context.today) { return problem }
        if let problem = levelProblem(course, pathway) { return problem }
        if let redeemed = credential.redeemedFor, redeemed != pathway.id,
           !pathway.stacks(on: redeemed, award: credential.redeemedAward, followed: context.pathways) {
            let other = context.pathways.first { $0.id == redeemed }
            let name = other.map { "\($0.name) (\($0.id))" } ?? redeemed
            let award = other?.awardKey ?? credential.redeemedAward
            if award == pathway.awardKey { return "already redeemed for \(name), another pathway to the same award" }
            return "already redeemed for \(name)" + (award.map { ", award \($0)," } ?? "") + " which this pathway does not stack on"
        }
        return nil
    }

    /// Why a credential does not hold today under the pathway's rules (ABC 2021: not yet earned, expired, or
    /// past its shelf life), or nil. A credential that does not hold cannot be redeemed either.
    public static func validityProblem(_ credential: Credential, _ pathway: Pathway, today: LocalDate) -> String? {
        if credential.issued > today { return "issued \(credential.issued), after today; it counts from that day" }
        if let expires = credential.expires, expires <= today { return "expired on \(expires)" }
        if let years = pathway.shelfLifeYears {
            let anniversary = credential.issued.adding(years: years)
            if anniversary < today {
                return "earned \(credential.issued); credits count for \(years) years, through \(anniversary)"
            }
        }
        return nil
    }

    static func levelProblem(_ course: Course, _ pathway: Pathway) -> String? {
        guard let minimum = pathway.minLevel else { return nil }
        let scale = pathway.levelFramework.map { "\($0) " } ?? ""
        guard let level = course.parsedLevel else {
            if let typed = course.level, !typed.trimmed.isEmpty { return "level \"\(typed)\" is not a level (a number like 4.5, or NCrF 5, EQF 6)" }
            return "no level recorded; this pathway counts \(scale)level \(CreditFormat.label(minimum)) and above"
        }
        if let framework = level.framework, !CourseLevel.levels.contains(level.value) {
            return "level \(course.level!) is not on the \(framework) scale, which runs from 1 to 8"
        }
        if let own = pathway.levelFramework.flatMap({ CourseLevel(framework: $0, value: 0).scale ?? $0 }), let theirs = level.scale,
           !theirs.caseInsensitiveEquals(own) {
            return "level \(course.level!) is on the \(theirs) framework, not this pathway's \(own) levels (no mapping between them is stated)"
        }
        return level.value < minimum ? "level \(CreditFormat.label(level.value)) is below this pathway's minimum of \(scale)\(CreditFormat.label(minimum))" : nil
    }

    /// The last day a credential counts: the day before it expires, or its shelf life's anniversary (ABC:
    /// "valid for a period not exceeding seven years"), whichever is first.
    static func lastCountingDay(_ credential: Credential, _ pathway: Pathway) -> LocalDate? {
        let ends = [credential.expires?.adding(days: -1), pathway.shelfLifeYears.map { credential.issued.adding(years: $0) }].compactMap { $0 }
        return ends.min()
    }

    static func rules(_ pathway: Pathway, _ report: PathwayReport, _ context: CreditContext) -> [RuleCheck] {
        var checks: [RuleCheck] = []
        let counted = report.countedCredits
        let total = pathway.totalCredits
        checks.append(RuleCheck(text: "Total \(CreditFormat.label(total)) credits: \(CreditFormat.label(counted)) counted"
                                    + (counted >= total - 1e-9 ? "" : ", \(CreditFormat.label(total - counted)) missing"),
                                met: counted >= total - 1e-9))
        for minimum in pathway.minimums {
            let got = report.counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.credits }
            let from = minimum.categories.count == 1 && minimum.categories[0] == minimum.name ? "" : " (from \(minimum.categories.joined(separator: ", ")))"
            checks.append(RuleCheck(text: "At least \(CreditFormat.label(minimum.credits)) in \(minimum.name)\(from): \(CreditFormat.label(got))"
                                        + (got >= minimum.credits - 1e-9 ? "" : ", \(CreditFormat.label(minimum.credits - got)) missing"),
                                    met: got >= minimum.credits - 1e-9))
        }
        for id in pathway.requiredCourses {
            let title = context.courses.first { $0.id == id }?.title ?? id
            let status: String
            if report.counted.contains(where: { $0.courseID == id }) {
                status = "counted"
            } else if let out = report.excluded.first(where: { $0.courseID == id }) {
                status = "not counted: \(out.reason)"
            } else if context.courses.contains(where: { $0.id == id }) {
                status = "not yet earned"
            } else {
                status = "no course with id \(id)"
            }
            checks.append(RuleCheck(text: "Required: \(title) (\(status))", met: status == "counted"))
        }
        if let share = pathway.maxOnlineShare {
            let cut = report.onlineCut > 0 ? "; \(CreditFormat.count(report.onlineCut)) of online courses left out, whole" : ""
            // Always met: the engine admits online courses, whole, only up to the cap.
            checks.append(RuleCheck(text: "Online credits at most \(percent(share)) of \(CreditFormat.label(total)) = \(CreditFormat.label(share * total)): \(CreditFormat.label(report.onlineCredits)) counted\(cut)",
                                    met: true))
        }
        if let share = pathway.maxOnlineCoursesShare {
            let online = report.counted.reduce(0) { $0 + $1.onlineShare }
            checks.append(RuleCheck(text: "Online courses at most \(percent(share)) of the courses counted: \(CreditFormat.label(online)) of \(report.counted.count)",
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
            byCurrency[fee.currency]!.credits += item.credits
        }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }
}

extension CourseWorth {
    /// The credits, when there are any.
    public var credits: Double? { if case .credits(let c, _) = self { return c }; return nil }
}
