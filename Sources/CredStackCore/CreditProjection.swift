/// When a learner reaches a pathway's total at their real pace, and what to study next.
enum CreditProjection {
    /// Beyond this the date says nothing useful; report the pace instead.
    static let horizonDays = 50 * 365

    static func project(_ report: PathwayReport, _ context: CreditContext) -> Projection {
        let missing = report.missingCredits
        if missing <= 0 { return .reached }
        guard let (perWeek, pace) = pace(report.pathway, context) else {
            let hint = report.pathway.hoursPerCredit == nil ? "earn a credential" : "log study time or earn a credential"
            return .none(reason: "no study logged and no credits earned in the last 12 weeks; \(hint) to see a date")
        }
        // Credits that stop counting before the date must be earned again: repeat until nothing new expires.
        var needed = missing
        var expiring: [CountedCredit] = []
        while true {
            let days = Int((needed / perWeek * 7).rounded(.up))
            guard days <= horizonDays else { return .beyondHorizon(perWeek: perWeek, pace: pace) }
            let date = context.today.adding(days: days)
            let lapsing = report.counted.filter { item in
                item.countsUntil.map { $0 < date } ?? false && !expiring.contains(item)
            }
            if lapsing.isEmpty { return .reaches(date: date, perWeek: perWeek, pace: pace, needed: needed, expiring: expiring) }
            expiring += lapsing
            needed += lapsing.reduce(0) { $0 + $1.counted }
        }
    }

    /// Credits a week over the trailing 12 weeks: study hours through hours-per-credit where the pathway
    /// converts hours, else credentials issued in the window.
    static func pace(_ pathway: Pathway, _ context: CreditContext) -> (perWeek: Double, text: String)? {
        let weeks = Double(CreditContext.paceWindowDays) / 7
        if let perCredit = pathway.hoursPerCredit, perCredit > 0, context.recentStudyMinutes > 0 {
            let hours = Double(context.recentStudyMinutes) / 60
            let perWeek = hours / perCredit / weeks
            return (perWeek, "\(StudyDuration.label(minutes: context.recentStudyMinutes)) studied in the last 12 weeks"
                        + " / \(CreditFormat.label(perCredit)) h per credit = \(rate(hours / perCredit)) credits, \(rate(perWeek)) a week")
        }
        let since = context.today.adding(days: -CreditContext.paceWindowDays)
        let earned = context.courses.compactMap { course -> Double? in
            guard let credential = course.credential, credential.issued > since, credential.issued <= context.today else { return nil }
            return CreditEngine.credits(of: course, under: pathway)?.credits
        }.reduce(0, +)
        guard earned > 0 else { return nil }
        let perWeek = earned / weeks
        return (perWeek, "\(CreditFormat.count(earned)) earned in the last 12 weeks = \(rate(perWeek)) a week")
    }

    /// Three decimals, enough to redo the projection by hand (0.157).
    static func rate(_ perWeek: Double) -> String {
        let thousandths = Int((perWeek * 1000).rounded())
        if thousandths == 0 { return "under 0.001" }
        var text = "\(thousandths / 1000).\(Digits.pad(thousandths % 1000, 3))"
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The enrolled, paused or planned course (no credential yet) that closes most of the gap: most
    /// requirements completed, then most credits toward unmet minimums and required courses, then toward
    /// the total; enrolled before planned, then the earlier due date.
    static func nextStep(_ report: PathwayReport, _ context: CreditContext) -> NextStep? {
        guard !report.isMet else { return nil }
        let pathway = report.pathway
        let onlineRoom = pathway.maxOnlineShare.map { $0 * pathway.totalCredits - report.counted.filter(\.online).reduce(0) { $0 + $1.counted } }
        var best: (key: [Double], step: NextStep)?
        for course in context.courses where course.credential == nil && course.isActive {
            guard let worth = CreditEngine.credits(of: course, under: pathway)?.credits, worth > 0,
                  CreditEngine.levelProblem(course, pathway) == nil else { continue }
            let usable = course.mode == .online ? min(worth, max(0, onlineRoom ?? worth)) : worth
            guard usable > 0 else { continue }
            var closes: [String] = []
            var towardRules = 0.0
            if pathway.requiredCourses.contains(course.id) { closes.append("required course"); towardRules += usable }
            for minimum in pathway.minimums where minimum.accepts(course.category) {
                let got = report.counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.counted }
                let short = minimum.credits - got
                guard short > 0 else { continue }
                towardRules += min(usable, short)
                if usable >= short { closes.append(minimum.name) }
            }
            let towardTotal = min(usable, report.missingCredits)
            if towardTotal > 0 && usable >= report.missingCredits { closes.append("total") }
            let dueRank = Double(course.due.map { context.today.days(until: $0) } ?? 1_000_000)
            let key = [Double(closes.count), towardRules, towardTotal, course.status == .planned ? 0 : 1, -dueRank]
            if best == nil || key.lexicographicallyPrecedes(best!.key, by: >) {
                var text = "\(course.status == .planned ? "Start" : "Finish") \(course.title): \(CreditFormat.count(usable))"
                if usable < worth { text += " of its \(CreditFormat.label(worth)) (online cap)" }
                text += closes.isEmpty ? ", toward the total" : ", completes " + closes.joined(separator: ", ")
                best = (key, NextStep(courseID: course.id, title: course.title, credits: usable, closes: closes, text: text))
            }
        }
        return best?.step
    }
}
