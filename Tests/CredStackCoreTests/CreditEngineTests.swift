import Testing
@testable import CredStackCore

// Each rule of docs/CREDITS.md, with its boundary cases. Every expected figure is worked out by hand in
// the comment beside it, from the published rule, not copied from the program's output.

private func date(_ text: String) -> LocalDate { LocalDate.parse(text)! }

/// A course with a credential issued on `issued` (nil: no credential).
private func course(_ id: String, category: String = "Data", mode: StudyMode = .onSite, status: CourseStatus = .completed,
                    credits: Double? = nil, hours: Double? = nil, level: String? = "5", issued: String? = "2026-01-10",
                    expires: String? = nil, redeemedFor: String? = nil, due: String? = nil, system: String? = nil,
                    onlineShare: Double? = nil) -> Course {
    Course(id: id, title: id.capitalized, category: category, mode: mode, status: issued == nil ? status : .completed,
           due: due.map(date), hours: hours, credits: credits, level: level,
           credential: issued.map { Credential(awardedBy: "Issuer", issued: date($0), expires: expires.map(date), redeemedFor: redeemedFor,
                                               creditSystem: system) },
           onlineShare: onlineShare)
}

/// Five 4-credit online courses and the rest on site.
/// A credential redeemed for a pathway that is no longer followed, with the award recorded when redeemed.
private func redeemed(_ id: String, for pathway: String, award: String?, credits: Double = 4) -> Course {
    var c = course(id, credits: credits, redeemedFor: pathway)
    c.credential?.redeemedAward = award
    return c
}

private func online(_ n: Int, credits: Double = 4, first: Int = 1) -> [Course] {
    (first..<(first + n)).map { course("on\($0)", mode: .online, credits: credits) }
}

private struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var pathway: Pathway
    var courses: [Course]
    var others: [Pathway] = []
    var today = "2026-11-30"
    var studyMinutes = 0
    var window = CreditContext.longestPaceWindow
    var counted: Double
    var inProgress: Double = 0
    /// Course id -> the minimum it went to ("total" for none), for every counted credential listed.
    var allocation: [String: String] = [:]
    /// Course id -> words its exclusion must contain.
    var excluded: [String: String] = [:]
    var unmetRules: [String] = []
    var projection: String? = nil
    var days: Int? = nil
    var nextStep: String? = nil
    var testDescription: String { name }
}

/// NCrF 2023 (National Credit Framework, section 5): 30 notional learning hours make one credit.
private let hoursToCredits: [Case] = [
    // 100 / 30 = 3.333: down 3, up 4.
    Case(name: "100 h at 30 h per credit, rounded down", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30),
         courses: [course("a", hours: 100)], counted: 3, unmetRules: ["Total"]),
    Case(name: "100 h at 30 h per credit, rounded up", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .up),
         courses: [course("a", hours: 100)], counted: 4, unmetRules: ["Total"]),
    // 105 / 30 = 3.5: to nearest (halves away from zero) 4; to the half credit 3.5.
    Case(name: "105 h to nearest is 4", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .nearest),
         courses: [course("a", hours: 105)], counted: 4, unmetRules: ["Total"]),
    Case(name: "105 h to the half credit is 3.5", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .half),
         courses: [course("a", hours: 105)], counted: 3.5, unmetRules: ["Total"]),
    // 104 / 30 = 3.467: to nearest 3, to the half credit 3.
    Case(name: "104 h to nearest is 3", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30, rounding: .nearest),
         courses: [course("a", hours: 104)], counted: 3, unmetRules: ["Total"]),
    // 89 / 30 = 2.967 rounds down to 2, never up to 3 through "2.97".
    Case(name: "89 h rounded down is 2", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30),
         courses: [course("a", hours: 89)], counted: 2, unmetRules: ["Total"]),
    // 90 / 30 = 3 exactly, not 2.9999.
    Case(name: "90 h is exactly 3", pathway: Pathway(id: "p", name: "P", totalCredits: 3, hoursPerCredit: 30),
         courses: [course("a", hours: 90)], counted: 3, projection: "reached"),
    Case(name: "stated credits win over hours", pathway: Pathway(id: "p", name: "P", totalCredits: 10, hoursPerCredit: 30),
         courses: [course("a", credits: 2, hours: 300)], counted: 2, unmetRules: ["Total"]),
    // count_by = hours: 150 / 25 = 6, the stated 2 ignored.
    Case(name: "count_by hours ignores stated credits", pathway: Pathway(id: "p", name: "P", totalCredits: 60, hoursPerCredit: 25, countBy: .hours),
         courses: [course("a", credits: 2, hours: 150)], counted: 6, unmetRules: ["Total"]),
    Case(name: "no credits and no hours rule", pathway: Pathway(id: "p", name: "P", totalCredits: 10),
         courses: [course("a", hours: 90)], counted: 0, excluded: ["a": "no credits stated"], unmetRules: ["Total"]),
]

/// UGC 2022 (Curriculum and Credit Framework for UG programmes) and the SWAYAM Regulations 2021: at most
/// 40% of a programme through online courses; credits move with whole courses.
private let onlineCap: [Case] = [
    // 44 x 0.4 = 17.6; five 4-credit online courses: 4 fit (16), a fifth would make 20. The first four
    // listed count.
    Case(name: "five 4-credit online courses under a 17.6 cap: four count, whole",
         pathway: Pathway(id: "p", name: "P", totalCredits: 44, maxOnlineShare: 0.4), courses: online(5), counted: 16,
         excluded: ["on5": "over the 40% online cap: with it, online credits would be 20 of at most 17.6"], unmetRules: ["Total"]),
    // 10 x 0.4 = 4: 4 online + 6 on site = 10, exactly at the cap.
    Case(name: "exactly 40% online counts in full", pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("on", mode: .online, credits: 4), course("site", credits: 6)], counted: 10, projection: "reached"),
    // Cap 4: 2 + 3 = 5 is one over; 3 alone counts more than 2 alone: 5 + 3 = 8.
    Case(name: "one credit over: the course that counts more stays, the other is left out whole",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("on1", mode: .online, credits: 2), course("on2", mode: .online, credits: 3), course("site", credits: 5)],
         counted: 8, excluded: ["on1": "with it, online credits would be 5 of at most 4"], unmetRules: ["Total"]),
    // Cap 4: the required 3-credit course or the 3-credit elective, not both; the required one meets a rule.
    Case(name: "the cap keeps a required course before an elective",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4, requiredCourses: ["req"]),
         courses: [course("elective", mode: .online, credits: 3), course("req", mode: .online, credits: 3), course("site", credits: 6)],
         counted: 9, allocation: ["req": "total"], excluded: ["elective": "online cap"], unmetRules: ["Total"]),
    // Cap 4; a required 5-credit online course cannot fit at all, so the rule is open, with the reason.
    Case(name: "a required course over the cap is not counted in part",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4, requiredCourses: ["req"]),
         courses: [course("req", mode: .online, credits: 5), course("site", credits: 5)],
         counted: 5, excluded: ["req": "online credits would be 5 of at most 4"], unmetRules: ["Total", "Required: Req (not counted: over the 40% online cap"]),
    // Cap 0.2 x 10 = 2: the needed Cloud minimum (2) or the required course (2), not both plus the extra;
    // both sets meet one requirement, so the one listed first ("cloud") stays.
    Case(name: "the cap weighs minimums and required courses alike",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.2, requiredCourses: ["req"],
                          minimums: [CategoryMinimum(name: "Cloud", credits: 2)]),
         courses: [course("cloud", category: "Cloud", mode: .online, credits: 2), course("extra", mode: .online, credits: 2),
                   course("req", mode: .online, credits: 2), course("site", credits: 4)],
         counted: 6, allocation: ["cloud": "Cloud", "site": "total"], excluded: ["extra": "online cap", "req": "online cap"],
         unmetRules: ["Total", "Required: Req (not counted"]),
    // A blended 6-credit course taught half online weighs 3 against a cap of 4; with the 2-credit online
    // course it would be 5. Blended (6 credits) beats online (2): 2 + 6 = 8.
    Case(name: "a blended course weighs its online share, and still counts whole",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("blend", mode: .blended, credits: 6, onlineShare: 0.5), course("on", mode: .online, credits: 2), course("site", credits: 2)],
         counted: 8, excluded: ["on": "online credits would be 5 of at most 4"], unmetRules: ["Total"]),
    // No share stated: half. 0.25 x 6 = 1.5 + 2 = 3.5 fits under 4 when it says a quarter.
    Case(name: "a blended course with a stated quarter online fits beside the online one",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("blend", mode: .blended, credits: 6, onlineShare: 0.25), course("on", mode: .online, credits: 2), course("site", credits: 2)],
         counted: 10, projection: "reached"),
    // Mode not recorded: the cap cannot place it, so it counts as online: 4 + 4 > 4.
    Case(name: "a course whose mode is unknown counts as online under the cap",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("known", mode: .online, credits: 4), course("unsure", mode: .unknown, credits: 4), course("site", credits: 2)],
         counted: 6, excluded: ["unsure": "its mode is not recorded"], unmetRules: ["Total"]),
    // SWAYAM counts courses: at most 40% of the courses counted online. With 3 on site, k online fit while
    // k <= 0.4 x (3 + k), so k <= 2: 3 + 2 = 5 credits.
    Case(name: "at most 40% of the courses online (the SWAYAM count)",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineCoursesShare: 0.4),
         courses: [course("s1", credits: 1), course("s2", credits: 1), course("s3", credits: 1)] + online(3, credits: 1),
         counted: 5, excluded: ["on3": "with it, 3 of 6 courses counted would be online"], unmetRules: ["Total"]),
    Case(name: "no cap: every online course counts", pathway: Pathway(id: "p", name: "P", totalCredits: 20),
         courses: online(5), counted: 20, projection: "reached"),
    // Thirteen online courses (10, 6, 6, 5.5 and nine of 8) under 17.6: the best whole set is 6 + 6 + 5.5 =
    // 17.5, not 10 + 6 = 16 taken greedily; 27 on site + 17.5 = 44.5 meets 44.
    Case(name: "many online courses: the best whole set under the cap, not a greedy one",
         pathway: Pathway(id: "p", name: "P", totalCredits: 44, maxOnlineShare: 0.4),
         courses: [course("site", credits: 27), course("big", mode: .online, credits: 10), course("six1", mode: .online, credits: 6),
                   course("six2", mode: .online, credits: 6), course("half", mode: .online, credits: 5.5)] + online(9, credits: 8),
         counted: 44.5, projection: "reached"),
    // One course fewer changes nothing: more credentials never count less.
    Case(name: "many online courses: one more never counts less",
         pathway: Pathway(id: "p", name: "P", totalCredits: 44, maxOnlineShare: 0.4),
         courses: [course("site", credits: 27), course("big", mode: .online, credits: 10), course("six1", mode: .online, credits: 6),
                   course("six2", mode: .online, credits: 6), course("half", mode: .online, credits: 5.5)] + online(8, credits: 8),
         counted: 44.5, projection: "reached"),
]

/// ABC Regulations 2021: credits stay valid "for a period not exceeding seven years"; a credential's own
/// expiry date is the first day it no longer holds.
private let validity: [Case] = [
    Case(name: "expiry: the day before", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-13", counted: 4, projection: "reached"),
    Case(name: "expiry: the day of", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-14", counted: 0,
         excluded: ["a": "expired on 2027-03-14"], unmetRules: ["Total"]),
    Case(name: "expiry: the day after", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, expires: "2027-03-14")], today: "2027-03-15", counted: 0,
         excluded: ["a": "expired on 2027-03-14"], unmetRules: ["Total"]),
    // Earned 2019-12-02, seven years: it still counts on the anniversary, 2026-12-02, and not the day after.
    Case(name: "shelf life: the day before the anniversary", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2019-12-02")], today: "2026-12-01", counted: 4, projection: "reached"),
    Case(name: "shelf life: the anniversary itself", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2019-12-02")], today: "2026-12-02", counted: 4, projection: "reached"),
    Case(name: "shelf life: the day after", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2019-12-02")], today: "2026-12-03", counted: 0,
         excluded: ["a": "credits count for 7 years, through 2026-12-02"], unmetRules: ["Total"]),
    // Earned 29 February 2020: the anniversary in 2027 (no 29 February) is 28 February.
    Case(name: "shelf life from 29 February: counts on 28 February", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2020-02-29")], today: "2027-02-28", counted: 4, projection: "reached"),
    Case(name: "shelf life from 29 February: not on 1 March", pathway: Pathway(id: "p", name: "P", totalCredits: 4, shelfLifeYears: 7),
         courses: [course("a", credits: 4, issued: "2020-02-29")], today: "2027-03-01", counted: 0,
         excluded: ["a": "through 2027-02-28"], unmetRules: ["Total"]),
    // Issued in the future: counts from its issue date, not before.
    Case(name: "issued tomorrow: not yet", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, issued: "2027-06-01")], today: "2027-05-31", counted: 0,
         excluded: ["a": "issued 2027-06-01, after today"], unmetRules: ["Total"]),
    Case(name: "issued today: counts", pathway: Pathway(id: "p", name: "P", totalCredits: 4),
         courses: [course("a", credits: 4, issued: "2027-06-01")], today: "2027-06-01", counted: 4, projection: "reached"),
    // An expired required course says why it is not counted, not "not yet earned".
    Case(name: "an expired required course", pathway: Pathway(id: "p", name: "P", totalCredits: 4, requiredCourses: ["core"]),
         courses: [course("core", credits: 4, expires: "2026-01-01")], counted: 0, excluded: ["core": "expired on 2026-01-01"],
         unmetRules: ["Total", "Required: Core (not counted: expired on 2026-01-01)"]),
]

/// ABC Regulations 2021: credits redeemed for an award are used up, except toward an award that stacks on
/// it (NEP 2020's certificate -> diploma -> degree). Stacking follows the award, whatever id it is followed
/// under.
private let cert = Pathway(id: "ug-cert-data", name: "Cert in Data", totalCredits: 4, template: "ug-certificate")
private let stacking: [Case] = [
    Case(name: "redeemed for another award: used up", pathway: Pathway(id: "diploma", name: "Diploma", totalCredits: 8),
         courses: [course("a", credits: 4, redeemedFor: "cert"), course("b", credits: 4)], counted: 4,
         excluded: ["a": "already redeemed for cert"], unmetRules: ["Total"]),
    Case(name: "redeemed for a pathway id this one stacks on: counts", pathway: Pathway(id: "diploma", name: "Diploma", totalCredits: 8, stacksOn: ["cert"]),
         courses: [course("a", credits: 4, redeemedFor: "cert"), course("b", credits: 4)], counted: 8, projection: "reached"),
    Case(name: "redeemed for this very award: counts", pathway: Pathway(id: "cert", name: "Cert", totalCredits: 4),
         courses: [course("a", credits: 4, redeemedFor: "cert")], counted: 4, projection: "reached"),
    // The certificate followed as "ug-cert-data" from the ug-certificate template: the diploma stacks on the award.
    Case(name: "redeemed under another id for the award this one stacks on: counts",
         pathway: Pathway(id: "ug-diploma", name: "Diploma", totalCredits: 8, stacksOn: ["ug-certificate"]),
         courses: [course("a", credits: 4, redeemedFor: "ug-cert-data"), course("b", credits: 4)], others: [cert], counted: 8, projection: "reached"),
    Case(name: "an award key set by hand stacks too",
         pathway: Pathway(id: "dip", name: "Diploma", totalCredits: 8, stacksOn: ["data-cert"]),
         courses: [course("a", credits: 4, redeemedFor: "mine"), course("b", credits: 4)],
         others: [Pathway(id: "mine", name: "My cert", totalCredits: 4, award: "data-cert")], counted: 8, projection: "reached"),
    // The certificate pathway was dropped after redeeming: the award recorded with the redemption still stacks.
    Case(name: "redeemed for a pathway no longer followed: its recorded award still stacks",
         pathway: Pathway(id: "ug-diploma", name: "Diploma", totalCredits: 8, stacksOn: ["ug-certificate"]),
         courses: [redeemed("a", for: "ug-cert-data", award: "ug-certificate"), course("b", credits: 4)], counted: 8, projection: "reached"),
    // A second pathway to the same award: the credits went to the first one.
    Case(name: "redeemed for another pathway to the same award: used up, and said so",
         pathway: Pathway(id: "ug-cert-ai", name: "Cert in AI", totalCredits: 8, template: "ug-certificate"),
         courses: [course("a", credits: 4, redeemedFor: "ug-cert-data"), course("b", credits: 4)], others: [cert], counted: 4,
         excluded: ["a": "already redeemed for Cert in Data (ug-cert-data), another pathway to the same award"], unmetRules: ["Total"]),
    Case(name: "redeemed for a certificate this one does not stack on: used up",
         pathway: Pathway(id: "ects", name: "ECTS year", totalCredits: 8),
         courses: [course("a", credits: 4, redeemedFor: "ug-cert-data"), course("b", credits: 4)], others: [cert], counted: 4,
         excluded: ["a": "already redeemed for Cert in Data (ug-cert-data), award ug-certificate, which this pathway does not stack on"], unmetRules: ["Total"]),
]

/// UGC 2022: the certificate's and diploma's extra 4 credits are "a vocational course or internship".
private let vocational = CategoryMinimum(name: "Vocational", credits: 4, categories: ["Vocational", "Internship", "Apprenticeship"])
private let minimums: [Case] = [
    Case(name: "an internship fills the vocational minimum", pathway: Pathway(id: "p", name: "P", totalCredits: 8, minimums: [vocational]),
         courses: [course("intern", category: "Internship", credits: 4), course("b", credits: 4)], counted: 8,
         allocation: ["intern": "Vocational"], projection: "reached"),
    Case(name: "an apprenticeship too", pathway: Pathway(id: "p", name: "P", totalCredits: 4, minimums: [vocational]),
         courses: [course("app", category: "apprenticeship", credits: 4)], counted: 4, allocation: ["app": "Vocational"], projection: "reached"),
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
    Case(name: "a required course not yet earned", pathway: Pathway(id: "p", name: "P", totalCredits: 4, requiredCourses: ["core"]),
         courses: [course("other", credits: 4), course("core", status: .enrolled, credits: 3, issued: nil)],
         counted: 4, inProgress: 3, unmetRules: ["Required: Core (not yet earned)"], nextStep: "core"),
]

/// ECTS Users' Guide 2015: credits in one system are not another's; a pathway converts only where it
/// states how, otherwise a course counts by its hours.
private let ects = Pathway(id: "eu", name: "ECTS year", totalCredits: 60, hoursPerCredit: 30, rounding: .half, creditSystem: "ECTS")
private let creditSystems: [Case] = [
    Case(name: "a credential stating 5 ECTS counts 5 in an ECTS pathway", pathway: ects,
         courses: [course("a", credits: 5, system: "ECTS")], counted: 5, unmetRules: ["Total"]),
    Case(name: "a credential naming no system is taken in the pathway's", pathway: ects,
         courses: [course("a", credits: 5)], counted: 5, unmetRules: ["Total"]),
    // 4 NCrF credits, no conversion stated: 120 h / 30 = 4 ECTS by hours.
    Case(name: "NCrF credits in an ECTS pathway count by hours", pathway: ects,
         courses: [course("a", credits: 4, hours: 120, system: "NCrF")], counted: 4, unmetRules: ["Total"]),
    Case(name: "NCrF credits with no hours do not count in an ECTS pathway", pathway: ects,
         courses: [course("a", credits: 4, system: "NCrF")], counted: 0,
         excluded: ["a": "its 4 NCrF credits are not ECTS credits and the pathway states no conversion"], unmetRules: ["Total"]),
    // A stated conversion, 1 NCrF credit = 0.5 here: 4 x 0.5 = 2.
    Case(name: "a stated conversion converts", pathway: Pathway(id: "eu", name: "ECTS year", totalCredits: 60, creditSystem: "ECTS", creditConversions: ["NCrF": 0.5]),
         courses: [course("a", credits: 4, system: "ncrf")], counted: 2, unmetRules: ["Total"]),
]

/// NCrF levels 4.5 to 8 (higher education) are not EQF levels: "EQF 6" is never compared as NCrF 6.
private let ncrf = Pathway(id: "p", name: "P", totalCredits: 16, minLevel: 4.5, levelFramework: "NCrF")
private let levels: [Case] = [
    Case(name: "levels past 8, or not numbers, are not levels", pathway: ncrf,
         courses: [course("nine", credits: 4, level: "NCrF 9"), course("eqf9", credits: 4, level: "EQF 9"), course("na", credits: 4, level: "n/a")],
         counted: 0, excluded: ["nine": "not on the NCrF scale, which runs from 1 to 8", "eqf9": "not on the EQF scale",
                                "na": "level \"n/a\" is not a level"], unmetRules: ["Total"]),
    Case(name: "levels: below, none, another framework, the same framework, NSQF as NCrF", pathway: ncrf,
         courses: [course("low", credits: 4, level: "4"), course("none", credits: 4, level: nil), course("eqf", credits: 4, level: "EQF 6"),
                   course("ok", credits: 4, level: "NCrF 4.5"), course("nsqf", credits: 4, level: "NSQF level 5"), course("bare", credits: 4, level: "5")],
         counted: 12, excluded: ["low": "level 4 is below this pathway's minimum of NCrF 4.5", "none": "no level recorded",
                                 "eqf": "level EQF 6 is on the EQF framework, not this pathway's NCrF levels"], unmetRules: ["Total"]),
]

/// The pace behind a date: study since the learner began (14 to 84 days), through the pathway's hours per
/// credit; the date is today + ceil(credits to go / credits a day), in exact fractions.
private let pace: [Case] = [
    Case(name: "zero pace: no projection, no crash", pathway: Pathway(id: "p", name: "P", totalCredits: 40, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01")], counted: 2, unmetRules: ["Total"], projection: "none"),
    // 2 to go x 30 h x 84 days / 36 h = 140 days: 2026-11-30 + 140 = 2027-04-19.
    Case(name: "36 h in 84 days at 30 h per credit: 2 credits in 140 days", pathway: Pathway(id: "p", name: "P", totalCredits: 4, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01")], studyMinutes: 36 * 60, counted: 2, unmetRules: ["Total"],
         projection: "2027-04-19", days: 140),
    // 5 x 30 x 84 / 36 = 350 days exactly (the float division made it 351): 2027-11-15.
    Case(name: "350 days stay 350", pathway: Pathway(id: "p", name: "P", totalCredits: 5, hoursPerCredit: 30),
         courses: [], studyMinutes: 36 * 60, counted: 0, unmetRules: ["Total"], projection: "2027-11-15", days: 350),
    // 7 x 30 x 84 / 42 = 420 days.
    Case(name: "7 credits at 42 h per 84 days: 420 days", pathway: Pathway(id: "p", name: "P", totalCredits: 7, hoursPerCredit: 30),
         courses: [], studyMinutes: 42 * 60, counted: 0, unmetRules: ["Total"], projection: "2028-01-24", days: 420),
    // Four days of history: measured over 14 days, not 84. 7 h in 14 days: 1 x 30 x 14 / 7 = 60 days.
    Case(name: "a new learner's pace is measured over the days they studied", pathway: Pathway(id: "p", name: "P", totalCredits: 1, hoursPerCredit: 30),
         courses: [], studyMinutes: 7 * 60, window: 14, counted: 0, unmetRules: ["Total"], projection: "2027-01-29", days: 60),
    // Expires 2027-01-01 (last counts 2026-12-31), before the 140-day date: 4 to go = 280 days, 2027-09-06.
    Case(name: "a credit expiring before the date is needed again", pathway: Pathway(id: "p", name: "P", totalCredits: 4, hoursPerCredit: 30),
         courses: [course("a", credits: 2, issued: "2025-01-01", expires: "2027-01-01")], studyMinutes: 36 * 60, counted: 2,
         unmetRules: ["Total"], projection: "2027-09-06", days: 280),
    // No hours rule: 3 credits earned in 84 days, 3 to go: 84 days, 2027-02-22.
    Case(name: "credits earned in the window set the pace without an hours rule", pathway: Pathway(id: "p", name: "P", totalCredits: 6),
         courses: [course("a", credits: 3, issued: "2026-11-01")], counted: 3, unmetRules: ["Total"], projection: "2027-02-22", days: 84),
    // The total is reached (8 of 8) but the 4-credit Vocational minimum is not: 4 still needed, at 36 h per
    // 84 days and 30 h per credit: 4 x 30 x 84 / 36 = 280 days, 2027-09-06.
    Case(name: "the total reached with a minimum open is not reached",
         pathway: Pathway(id: "p", name: "P", totalCredits: 8, hoursPerCredit: 30, minimums: [vocational]),
         courses: [course("a", credits: 8)], studyMinutes: 36 * 60, counted: 8, unmetRules: ["At least 4 in Vocational"],
         projection: "2027-09-06", days: 280),
    // No hours rule; two credentials this month, but below the minimum level: they do not count, so no pace.
    Case(name: "credentials that do not count set no pace",
         pathway: Pathway(id: "p", name: "P", totalCredits: 8, minLevel: 6),
         courses: [course("a", credits: 4, issued: "2026-11-01"), course("b", credits: 4, issued: "2026-11-20")],
         counted: 0, excluded: ["a": "below"], unmetRules: ["Total"], projection: "none"),
    Case(name: "next step: the course that completes a minimum",
         pathway: Pathway(id: "p", name: "P", totalCredits: 20, minimums: [CategoryMinimum(name: "Security", credits: 3)]),
         courses: [course("big", status: .enrolled, credits: 6, issued: nil),
                   course("sec", category: "Security", status: .planned, credits: 3, issued: nil)],
         counted: 0, inProgress: 6, unmetRules: ["Total", "At least 3 in Security"], projection: "none", nextStep: "sec"),
    // Cap 4 reached: an online course cannot be the next step; the on-site one is.
    Case(name: "next step: not an online course the cap would leave out",
         pathway: Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4),
         courses: [course("on", mode: .online, credits: 4), course("more", mode: .online, status: .enrolled, credits: 4, issued: nil),
                   course("site", mode: .onSite, status: .planned, credits: 2, issued: nil)],
         counted: 4, inProgress: 4, unmetRules: ["Total"], projection: "none", nextStep: "site"),
]

@Suite struct CreditEngineTests {
    @Test(arguments: hoursToCredits + onlineCap + validity + stacking + minimums + creditSystems + levels + pace)
    fileprivate func learnerCase(_ c: Case) {
        let context = CreditContext(courses: c.courses, pathways: [c.pathway] + c.others, today: date(c.today), recentStudyMinutes: c.studyMinutes,
                                    paceWindowDays: c.window)
        let report = CreditEngine.evaluate(c.pathway, context)
        #expect(report.countedCredits == c.counted, "counted: \(report.counted.map(\.courseID)) excluded: \(report.excluded.map(\.line))")
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
        case (let expected?, .reaches(let day, let days, _, _, _)):
            #expect(day.description == expected)
            #expect(c.days == nil || days == c.days, "days \(days)")
            #expect(date(c.today).adding(days: days) == day, "the date is today + the days")
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
        let report = CreditEngine.evaluate(p, CreditContext(courses: [course("a", hours: 89)], pathways: [p], today: date("2026-11-30"), recentStudyMinutes: 0))
        #expect(report.counted.first?.how == "89 h / 30 h per credit = 2 credits (2.967, rounded down)")
    }

    /// The words behind "no projection": what is missing for this pathway, not "no study logged" when there was.
    @Test func noProjectionSaysWhatIsMissing() {
        let noHours = Pathway(id: "p", name: "P", totalCredits: 10)
        let report = CreditEngine.evaluate(noHours, CreditContext(courses: [], pathways: [noHours], today: date("2026-11-30"), recentStudyMinutes: 600))
        guard case .none(let reason) = report.projection else { Issue.record("\(report.projection)"); return }
        #expect(reason.contains("no hours-per-credit rule to turn study time into credits"), "\(reason)")
    }

    /// A day of history is measured as 14 days; 40 days as 41; half a year as the longest window, 84.
    @Test func thePaceWindowFollowsTheHistory() {
        let today = date("2026-11-30")
        #expect(CreditContext.window(firstActivity: today.adding(days: -3), today: today) == 14)
        #expect(CreditContext.window(firstActivity: today.adding(days: -40), today: today) == 41)
        #expect(CreditContext.window(firstActivity: today.adding(days: -200), today: today) == 84)
        #expect(CreditContext.window(firstActivity: nil, today: today) == 84)
        // Evaluated from a learner: four days of study are an early estimate over 14 days.
        let p = Pathway(id: "p", name: "P", totalCredits: 2, hoursPerCredit: 30)
        let calendar = StudyCalendar(timeZone: .init(secondsFromGMT: 0)!)
        let sessions = (0..<4).map { d in
            StudySession(start: calendar.timestamp(calendar.epoch(of: today.adding(days: -d), secondOfDay: 9 * 3600)), durationSeconds: 3600, courseID: "a")
        }
        let report = CreditEngine.evaluateAll(Learner(courses: [], pathways: [p]), history: StudyHistory(sessions: sessions, calendar: calendar), today: today)[0]
        guard case .reaches(_, let days, let pace, _, _) = report.projection else { Issue.record("\(report.projection)"); return }
        // 4 h in 14 days: 2 x 30 x 14 / 4 = 210 days.
        #expect(pace.windowDays == 14 && pace.early && days == 210)
        #expect(report.explanation(today: today).contains { $0.text.contains("early estimate") })
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

    /// Many online courses: admitted greedily past the exhaustive limit, still whole and under the cap.
    @Test func manyOnlineCoursesStayWholeUnderTheCap() {
        let p = Pathway(id: "p", name: "P", totalCredits: 44, maxOnlineShare: 0.4)
        let courses = (1...20).map { course("on\($0)", mode: .online, credits: Double($0 % 3 + 1)) }
        let report = CreditEngine.evaluate(p, CreditContext(courses: courses, pathways: [p], today: date("2026-11-30"), recentStudyMinutes: 0))
        #expect(report.onlineCredits <= 17.6 && report.onlineCredits >= 15.6, "\(report.onlineCredits)")
        #expect(report.counted.allSatisfy { c in courses.first { $0.id == c.courseID }!.credits == c.credits })
    }

    /// Seven-year shelf life at 10 h in 84 days: 44 credits x 30 h x 84 / 10 h = 11,088 days, over 30 years;
    /// the first credits would lapse long before the last: out of reach at this pace, not a date in 2057.
    @Test func aPaceTooSlowForTheShelfLifeIsSaidSo() {
        let p = Pathway(id: "p", name: "P", totalCredits: 44, hoursPerCredit: 30, shelfLifeYears: 7)
        let report = CreditEngine.evaluate(p, CreditContext(courses: [], pathways: [p], today: date("2026-11-30"), recentStudyMinutes: 600))
        guard case .outpacedByShelfLife(_, let years) = report.projection else { Issue.record("\(report.projection)"); return }
        #expect(years == 7)
        #expect(report.explanation(today: date("2026-11-30")).contains { $0.text.contains("out of reach until the pace rises") })
    }

    /// Near the end of the calendar a date past 9999 is never printed.
    @Test func noProjectedDateAfter9999() {
        let p = Pathway(id: "p", name: "P", totalCredits: 4, hoursPerCredit: 30)
        let report = CreditEngine.evaluate(p, CreditContext(courses: [], pathways: [p], today: date("9999-12-20"), recentStudyMinutes: 60))
        guard case .beyondHorizon = report.projection else { Issue.record("\(report.projection)"); return }
    }
}
