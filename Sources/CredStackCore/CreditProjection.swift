/// When a learner reaches a pathway's total at their real pace, and what to study next.
enum CreditProjection {
    /// Beyond this the date says nothing useful; report the pace instead.
    static let horizonDays = 50 * 365

    /// Days are whole and exact: ceil(credits needed / credits a day), in fractions, never floating point.
    static func project(_ report: PathwayReport, _ context: CreditContext) -> Projection {
        let missing = report.neededCredits
        if missing <= 0 {
            let open = report.rules.filter { !$0.met }.map(\.text)
            return open.isEmpty ? .reached : .none(reason: "the credits are there; still open: " + open.joined(separator: "; "))
        }
        guard let pace = pace(report, context) else { return .none(reason: noPaceReason(report.pathway, context)) }
        let perDay = pace.creditsPerDay
        // Credits that stop counting before the date must be earned again: repeat until nothing new expires.
        var needed = ExactCredits(missing)
        var expiring: [CountedCredit] = []
        while true {
            let exactDays = (needed / perDay).ceiling
            guard exactDays <= Int128(horizonDays) else { return .beyondHorizon(pace: pace) }
            let days = Int(exactDays)
            let date = context.today.adding(days: days)
            guard date.isInRange, date != .last else { return .beyondHorizon(pace: pace) }
            // Every credit still to earn must be held on that day: earned within the shelf life before it.
            if let years = report.pathway.shelfLifeYears, date > context.today.adding(years: years) {
                return .outpacedByShelfLife(pace: pace, years: years)
            }
            let lapsing = report.counted.filter { item in
                item.countsUntil.map { $0 < date } ?? false && !expiring.contains(item)
            }
            if lapsing.isEmpty { return .reaches(date: date, days: days, pace: pace, needed: needed.double, expiring: expiring) }
            expiring += lapsing
            needed = lapsing.reduce(needed) { $0 + ExactCredits($1.credits) }
        }
    }

    /// Study hours through hours-per-credit where the pathway converts hours, else the credits counted here
    /// of credentials issued in the window; over the days since the learner began (14 to 84).
    static func pace(_ report: PathwayReport, _ context: CreditContext) -> Pace? {
        let window = context.paceWindowDays
        let early = window < CreditContext.settledPaceDays
        if let perCredit = report.pathway.hoursPerCredit, perCredit > 0, context.recentStudyMinutes > 0 {
            return Pace(basis: .studyTime(minutes: context.recentStudyMinutes, hoursPerCredit: perCredit), windowDays: window, early: early)
        }
        let since = context.today.adding(days: -window)
        let earned = report.counted.filter { ($0.issued ?? .first) > since }.reduce(0) { $0 + $1.credits }
        guard earned > 0 else { return nil }
        return Pace(basis: .credentials(credits: earned), windowDays: window, early: early)
    }

    static func noPaceReason(_ pathway: Pathway, _ context: CreditContext) -> String {
        let window = "the last \(context.paceWindowDays) days"
        if pathway.hoursPerCredit == nil {
            return context.recentStudyMinutes > 0
                ? "no credential earned in \(window), and this pathway has no hours-per-credit rule to turn study time into credits; earn a credential to see a date"
                : "no credential earned in \(window); earn one to see a date"
        }
        return "no study logged and no credential earned in \(window); log study time or earn a credential to see a date"
    }

    /// The enrolled, paused or planned course (no credential yet) that closes most of the gap: most
    /// requirements completed, then most credits toward unmet minimums and required courses, then toward
    /// the total; enrolled before planned, then the earlier due date. An online course counts only if it
    /// fits, whole, under the online caps.
    static func nextStep(_ report: PathwayReport, _ context: CreditContext) -> NextStep? {
        guard !report.isMet else { return nil }
        let pathway = report.pathway
        var best: (key: [Double], step: NextStep)?
        for course in context.courses where course.credential == nil && course.isActive {
            guard let worth = CreditEngine.credits(of: course, under: pathway)?.credits, worth > 0,
                  CreditEngine.levelProblem(course, pathway) == nil else { continue }
            let candidate = CountedCredit(courseID: course.id, title: course.title, credits: worth, how: "", minimum: nil,
                                          category: course.category, onlineShare: course.mode.onlineShare(stated: course.onlineShare),
                                          modeUnknown: course.mode == .unknown, required: pathway.requiredCourses.contains(course.id),
                                          countsUntil: nil, issued: nil)
            let all = report.counted + [candidate]
            guard CreditAllocation.fits(Array(all.indices), all, pathway) else { continue }
            var closes: [String] = []
            var towardRules = 0.0
            if candidate.required { closes.append("required course"); towardRules += worth }
            for minimum in pathway.minimums where minimum.accepts(course.category) {
                let got = report.counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.credits }
                let short = minimum.credits - got
                guard short > 0 else { continue }
                towardRules += min(worth, short)
                if worth >= short { closes.append(minimum.name) }
            }
            let towardTotal = min(worth, report.missingCredits)
            if towardTotal > 0 && worth >= report.missingCredits { closes.append("total") }
            let dueRank = Double(course.due.map { context.today.days(until: $0) } ?? 1_000_000)
            let key = [Double(closes.count), towardRules, towardTotal, course.status == .planned ? 0 : 1, -dueRank]
            if best == nil || key.lexicographicallyPrecedes(best!.key, by: >) {
                var text = "\(course.status == .planned ? "Start" : "Finish") \(course.title): \(CreditFormat.count(worth))"
                text += closes.isEmpty ? ", toward the total" : ", completes " + closes.joined(separator: ", ")
                best = (key, NextStep(courseID: course.id, title: course.title, credits: worth, closes: closes, text: text))
            }
        }
        return best?.step
    }
}
