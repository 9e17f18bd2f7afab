import Testing
@testable import CredStackCore

private func date(_ text: String) -> LocalDate { LocalDate.parse(text)! }

/// A course with a credential issued on `issued` (nil: no credential).
private func course(_ id: String, category: String = "Data", mode: StudyMode = .onSite, status: CourseStatus = .completed,
                    credits: Double? = nil, hours: Double? = nil, level: String? = "5", issued: String? = "2026-01-10",
                    expires: String? = nil, redeemedFor: String? = nil, due: String? = nil) -> Course {
    Course(id: id, title: id.capitalized, category: category, mode: mode, status: issued == nil ? status : .completed,
           due: due.map(date), hours: hours, credits: credits, level: level,
           credential: issued.map { Credential(awardedBy: "Issuer", issued: date($0), expires: expires.map(date), redeemedFor: redeemedFor) })
}

private struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var pathway: Pathway
    var courses: [Course]
    var today = "2026-11-30"
    var studyMinutes = 0
    var counted: Double
    var inProgress: Double = 0
    /// Course id -> the minimum it went to ("total" for none), for every counted credential listed.
    var allocation: [String: String] = [:]
    /// Course id -> words its exclusion must contain.
    var excluded: [String: String] = [:]
    var unmetRules: [String] = []
    var projection: String? = nil
    var nextStep: String? = nil
    var testDescription: String { name }
}

private let cases: [Case] = [
    // Hours to credits, each rounding rule.
    Case(name: "100 h at 30 h per credit, rounded down", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30),
         courses: [course("a", hours: 100)], counted: 3, unmetRules: ["Total"]),
    Case(name: "100 h at 30 h per credit, rounded up", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .up),
         courses: [course("a", hours: 100)], counted: 4, unmetRules: ["Total"]),
    Case(name: "105 h to nearest is 4", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .nearest),
         courses: [course("a", hours: 105)], counted: 4, unmetRules: ["Total"]),
    Case(name: "105 h to the half credit is 3.5", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .half),
         courses: [course("a", hours: 105)], counted: 3.5, unmetRules: ["Total"]),
    Case(name: "90 h is exactly 3, not 2.9999", pathway: Pathway(id: "p", name: "P", totalCredits: 3, hoursPerCredit: 30),
         courses: [course("a", hours: 90)], counted: 3, projection: "reached"),
    Case(name: "stated credits win over hours", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30),
         courses: [course("a", credits: 2, hours: 300)], counted: 2, unmetRules: ["Total"]),
    Case(name: "count_by hours ignores stated credits", pathway: Pathway(id: "p", name: "P", totalCredits: 60, hoursPerCredit: 25, countBy: .hours),
         courses: [course("a", credits: 2, hours: 150)], counted: 6, unmetRules: ["Total"]),
    Case(name: "no credits and no hours rule", pathway: Pathway(id: "p", name: "P", totalCredits: 10),
         courses: [course("a", hours: 90)], counted: 0, excluded: ["a": "no credits stated"], unmetRules: ["Total"]),

    // Expiry: counts through the day before the expiry date.
    Case(name: "expiry: the day before", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-13", counted: 4, projection: "reached"),
    Case(name: "expiry: the day of", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-14", counted: 0,
         excluded: ["a": "expired on 2027-03-14"], unmetRules: ["Total"]),
    Case(name: "expiry: the day after", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-15", counted: 0,
         excluded: ["a": "expired on 2027-03-14"], unmetRules: ["Total"]),
    Case(name: "shelf life: last day of 7 years", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2020-03-14")], today: "2027-03-13", counted: 4, projection: "reached"),
    Case(name: "shelf life: 7 years to the day", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2020-03-14")], today: "2027-03-14", counted: 0,
         excluded: ["a": "credits count for 7 years, until 2027-03-13"], unmetRules: ["Total"]),

    // The online cap, as a share of the pathway's total.
    Case(name: "exactly 40% online counts in full", pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("on", mode: .online, credits: 4), course("site", credits: 6)], counted: 10, projection: "reached"),
    Case(name: "just over 40% online: the excess is left out", pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("on1", mode: .online, credits: 2), course("on2", mode: .online, credits: 3), course("site", credits: 5)],
         counted: 9, excluded: ["on2": "over the 40% online cap by 1 credit"], unmetRules: ["Total"]),
    Case(name: "the cap spares a required course and a needed minimum",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.2, requiredCourses: ["req"],
                          minimums: [CategoryMinimum(name: "Cloud", credits: 2)]),
         courses: [course("req", mode: .online, credits: 2), course("cloud", category: "Cloud", mode: .online, credits: 2),
                   course("extra", mode: .online, credits: 2), course("site", credits: 4)],
         counted: 6, allocation: ["req": "total", "site": "total"],
         excluded: ["extra": "over the 20% online cap by 2 credits", "cloud": "over the 20% online cap by 2 credits"],
         unmetRules: ["Total", "At least 2 in Cloud"]),

    // A credential that fits two minimums goes where it completes the most requirements.
    Case(name: "AI fits Data and Computing: exact choice meets both",
         pathway: Pathway(id: "p", name: "P", totalCredits: 8, minimums: [
            CategoryMinimum(name: "Data", credits: 4, categories: ["Data", "AI"]),
            CategoryMinimum(name: "Computing", credits: 4, categories: ["AI", "Cloud"])]),
         courses: [course("ai", category: "AI", credits: 4), course("data", category: "Data", credits: 4)],
         counted: 8, allocation: ["ai": "Computing", "data": "Data"], projection: "reached"),
    Case(name: "two two-way credentials split across both minimums",
         pathway: Pathway(id: "p", name: "P", totalCredits: 6, minimums: [
            CategoryMinimum(name: "Data", credits: 3, categories: ["Data", "AI"]),
            CategoryMinimum(name: "Computing", credits: 3, categories: ["AI", "Cloud"])]),
         courses: [course("ai1", category: "AI", credits: 3), course("ai2", category: "AI", credits: 3)],
         counted: 6, allocation: ["ai1": "Data", "ai2": "Computing"], projection: "reached"),

    // Redemption (ABC) and stacking.
    Case(name: "redeemed for another award: used up", pathway: Pathway(id: "diploma", name: "Diploma", totalCredits: 8),
         courses: [course("a", credits: 4, redeemedFor: "cert"), course("b", credits: 4)], counted: 4,
         excluded: ["a": "already redeemed for cert"], unmetRules: ["Total"]),
    Case(name: "redeemed for an award this one stacks on: counts", pathway: Pathway(id: "diploma", name: "Diploma", totalCredits: 8, stacksOn: ["cert"]),
         courses: [course("a", credits: 4, redeemedFor: "cert"), course("b", credits: 4)], counted: 8, projection: "reached"),
    Case(name: "redeemed for this very award: counts", pathway: Pathway(id: "cert", name: "Cert", totalCredits: 4),
         courses: [course("a", credits: 4, redeemedFor: "cert")], counted: 4, projection: "reached"),

    // Required courses and levels.
    Case(name: "a required course not yet earned", pathway: Pathway(id: "p", name: "P", totalCredits: 4, requiredCourses: ["core"]),
         courses: [course("other", credits: 4), course("core", status: .enrolled, credits: 3, issued: nil)],
         counted: 4, inProgress: 3, unmetRules: ["Required: Core (not yet earned)"], nextStep: "core"),
    Case(name: "below the minimum level, and no level", pathway: Pathway(id: "p", name: "P", totalCredits: 8, minLevel: 4.5),
         courses: [course("low", credits: 4, level: "4"), course("none", credits: 4, level: nil), course("ok", credits: 4, level: "NCrF 4.5")],
         counted: 4, excluded: ["low": "level 4 is below this pathway's minimum of 4.5", "none": "no level recorded"], unmetRules: ["Total"]),

    // Pace and projection.
    Case(name: "zero pace: no projection, no crash", pathway: Pathway(id: "p", name: "P", totalCredits: 40, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01")], counted: 2, unmetRules: ["Total"], projection: "none"),
    Case(name: "36 h in 12 weeks at 30 h/credit: 0.1 a week, 2 credits in 20 weeks",
         pathway: Pathway(id: "p", name: "P", totalCredits: 4, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01")], studyMinutes: 36 * 60, counted: 2, unmetRules: ["Total"],
         projection: "2027-04-19"),
    Case(name: "a credit expiring before the date is needed again",
         pathway: Pathway(id: "p", name: "P", totalCredits: 4, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01", expires: "2027-01-01")], studyMinutes: 36 * 60, counted: 2,
         unmetRules: ["Total"], projection: "2027-09-06"),
    Case(name: "credits earned in the window set the pace without an hours rule", pathway: Pathway(id: "p", name: "P", totalCredits: 6),
         courses: [course("a", credits: 3, issued: "2026-11-01")], counted: 3, unmetRules: ["Total"], projection: "2027-02-22"),

    // The next step closes a requirement before adding bulk credits.
    Case(name: "next step: the course that completes a minimum",
         pathway: Pathway(id: "p", name: "P", totalCredits: 20, minimums: [CategoryMinimum(name: "Security", credits: 3)]),
         courses: [course("big", status: .enrolled, credits: 6, issued: nil),
                   course("sec", category: "Security", status: .planned, credits: 3, issued: nil)],
         counted: 0, inProgress: 6, unmetRules: ["Total", "At least 3 in Security"], projection: "none", nextStep: "sec"),
]

@Suite struct CreditEngineTests {
    @Test(arguments: cases)
    fileprivate func learnerCase(_ c: Case) {
        let context = CreditContext(courses: c.courses, pathways: [c.pathway], today: date(c.today), recentStudyMinutes: c.studyMinutes)
        let report = CreditEngine.evaluate(c.pathway, context)
        #expect(report.countedCredits == c.counted, "counted")
        #expect(report.inProgressCredits == c.inProgress, "in progress")
        for (id, minimum) in c.allocation {
            let item = report.counted.first { $0.courseID == id }
            #expect(item != nil, "\(id) counted")
            #expect((item?.minimum ?? "total") == minimum, "\(id) allocated to \(minimum)")
        }
        for (id, words) in c.excluded {
            #expect(report.excluded.contains { $0.courseID == id && $0.reason.contains(words) },
                    "\(id) excluded for \(words): \(report.excluded.map(\.line))")
        }
        let unmet = report.rules.filter { !$0.met }.map(\.text)
        #expect(unmet.count == c.unmetRules.count, "unmet rules \(unmet)")
        for words in c.unmetRules { #expect(unmet.contains { $0.contains(words) }, "unmet \(words) in \(unmet)") }
        switch (c.projection, report.projection) {
        case (nil, _), ("reached", .reached), ("none", .none): break
        case (let expected?, .reaches(let day, _, _, _, _)): #expect(day.description == expected)
        case (let expected, let got): Issue.record("projection \(String(describing: expected)), got \(got)")
        }
        #expect(report.nextStep?.courseID == c.nextStep, "next step")
        // Every line explains itself: no NaN or infinity anywhere.
        for line in report.explanation(today: date(c.today)) {
            #expect(!line.text.contains("nan") && !line.text.contains("inf"), "\(line.text)")
        }
    }

    @Test func explanationsShowHowHoursBecameCredits() {
        let p = Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30)
        let report = CreditEngine.evaluate(p, CreditContext(courses: [course("a", hours: 100)], pathways: [p], today: date("2026-11-30"), recentStudyMinutes: 0))
        #expect(report.counted.first?.how == "100 h / 30 h per credit = 3 credits (3.3, rounded down)")
    }

    @Test func severalPathwaysAtOnceEachUnderItsOwnRules() {
        let cert = Pathway(id: "cert", name: "Cert", totalCredits: 4, minLevel: 5)
        let stack = Pathway(id: "stack", name: "Stack", totalCredits: 8, hoursPerCredit: 30)
        let learner = Learner(courses: [course("a", credits: 4, level: "4.5"), course("b", hours: 120, level: "5")], pathways: [cert, stack])
        let history = StudyHistory(sessions: [], calendar: StudyCalendar(timeZone: .init(secondsFromGMT: 0)!))
        let reports = CreditEngine.evaluateAll(learner, history: history, today: date("2026-11-30"))
        #expect(reports.map(\.pathway.id) == ["cert", "stack"])
        #expect(reports[0].countedCredits == 0)   // a is below level 5; b states no credits and cert has no hours rule
        #expect(reports[1].countedCredits == 8)   // 4 stated + 120 h / 30
        #expect(reports[1].isMet && !reports[0].isMet)
    }

    @Test func manyTwoWayCredentialsStayExactAndDeterministic() {
        let minimums = (0..<3).map { CategoryMinimum(name: "M\($0)", credits: 4, categories: ["X", "M\($0)"]) }
        let p = Pathway(id: "p", name: "P", totalCredits: 12, minimums: minimums)
        let courses = (0..<12).map { course("x\($0)", category: "X", credits: 1) }
        let context = CreditContext(courses: courses, pathways: [p], today: date("2026-11-30"), recentStudyMinutes: 0)
        let first = CreditEngine.evaluate(p, context)
        #expect(first.isMet)
        #expect(CreditEngine.evaluate(p, context) == first)
    }
}
