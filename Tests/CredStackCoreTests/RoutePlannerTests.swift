import Testing
@testable import CredStackCore

// The route planner against answers worked out by hand (each in the comment beside it), and against brute
// force over every subset of thousands of random small catalogs.

private func date(_ text: String) -> LocalDate { LocalDate.parse(text)! }
private let today = date("2026-12-01")

private func offer(_ id: String, _ credits: Double, fee: String? = "0", currency: String = "INR", category: String = "Data",
                   mode: StudyMode = .onSite, level: String? = "5", hours: Double? = nil, weeks: Int? = nil,
                   starts: [String] = [], selfPaced: Bool? = nil) -> CatalogCourse {
    CatalogCourse(id: id, title: id.capitalized, category: category, mode: mode, level: level, credits: credits,
                  hours: hours ?? credits * 30, fee: fee.map { Fee(amount: $0, currency: currency) }, weeks: weeks,
                  starts: starts.map(date), selfPaced: selfPaced ?? starts.isEmpty, catalogID: "test")
}

private func plan(_ pathway: Pathway, _ catalog: [CatalogCourse], held: [Course] = [], by objective: PlanObjective = .cost,
                  budget: PlanBudget? = nil, rates: [String: Double] = [:], hoursPerWeek: Double = 10) -> PlanOutcome {
    RoutePlanner.plan(PlanRequest(pathway: pathway, learner: Learner(courses: held, pathways: [pathway]), catalog: catalog,
                                  today: today, hoursPerWeek: hoursPerWeek, objective: objective, budget: budget, rates: rates))
}

private func route(_ outcome: PlanOutcome) -> Route? {
    if case .route(let r, _) = outcome { return r }
    return nil
}

private func ids(_ outcome: PlanOutcome) -> [String] { route(outcome)?.courses.map(\.course.id).sorted() ?? [] }

/// a, b: 3 credits at 100 and 150 INR (b from 1 Mar); c: 6 credits at 500; d, e: 2 free credits (d from 1 Jun).
private let five = [
    offer("a", 3, fee: "100", weeks: 4), offer("b", 3, fee: "150", weeks: 4, starts: ["2027-03-01"]),
    offer("c", 6, fee: "500", weeks: 8), offer("d", 2, weeks: 2, starts: ["2027-06-01"]), offer("e", 2, weeks: 2),
]
private let six = Pathway(id: "six", name: "Six", totalCredits: 6)

@Suite struct RoutePlannerTests {
    @Test func cheapestFastestAndFewest() throws {
        // Cheapest: 6 credits from the free d and e (4) and a (3) = 100 INR; a+b is 250, c 500.
        // Its hours (90 + 60 + 60 = 210) at 10 h a week take 147 days (to 27 Apr), but d opens on 1 Jun with
        // 60 h: 42 more days, so 13 Jul.
        let cheapest = try #require(route(plan(six, five)))
        #expect(cheapest.courses.map(\.course.id).sorted() == ["a", "d", "e"])
        #expect(cheapest.feeLabel == "100 INR")
        #expect(cheapest.completion == date("2027-07-13"))
        #expect(cheapest.bound == nil)
        // Soonest: c alone takes 180 h = 126 days (6 Apr), ends its 8 weeks on 26 Jan; a+b waits for b (1 Mar
        // + 63 days = 3 May); nothing with 6 credits takes fewer than 180 h.
        let soonest = try #require(route(plan(six, five, by: .time)))
        #expect(ids(.route(soonest, notes: [])) == ["c"])
        #expect(soonest.completion == date("2027-04-06"))
        #expect(soonest.completionReason == "180 h of study, one course at a time, at 10 h a week")
        // Fewest: c, the one course worth 6.
        #expect(ids(plan(six, five, by: .courses)) == ["c"])
    }

    @Test func onlineCapForcesCoursesOnSite() {
        // 10 credits, at most 40% (4) online: one free 4-credit online course, then 6 on site: s2 + s3 (450)
        // beat s1 (600); the second online course would not count.
        let p = Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4)
        let catalog = [offer("o1", 4, mode: .online), offer("o2", 4, mode: .online), offer("s1", 6, fee: "600"),
                       offer("s2", 3, fee: "200"), offer("s3", 3, fee: "250")]
        #expect(ids(plan(p, catalog)) == ["o1", "s2", "s3"])
        #expect(route(plan(p, catalog))?.feeLabel == "450 INR")
        // Fewest: o1 and s1.
        #expect(ids(plan(p, catalog, by: .courses)) == ["o1", "s1"])
    }

    @Test func levelRuleExcludesTheCheapCourse() {
        // The free course is level 4; the pathway counts 5 and above: mid at 300 beats hi at 400.
        let p = Pathway(id: "p", name: "P", totalCredits: 4, minLevel: 5)
        let outcome = plan(p, [offer("cheap", 4, level: "4"), offer("mid", 4, fee: "300"), offer("hi", 4, fee: "400", level: "6")])
        #expect(ids(outcome) == ["mid"])
        guard case .route(_, let notes) = outcome else { return }
        #expect(notes.contains { $0.contains("1 catalog course below the pathway's level") })
    }

    @Test func requiredCourseIsAlwaysTaken() {
        // Without the rule y (6 credits, 150) alone; with it the capstone (2, 1000) plus x (4, 100) = 1100,
        // cheaper than capstone + y (1150).
        let free = Pathway(id: "p", name: "P", totalCredits: 6)
        let catalog = [offer("capstone", 2, fee: "1000"), offer("x", 4, fee: "100"), offer("y", 6, fee: "150")]
        #expect(ids(plan(free, catalog)) == ["y"])
        var required = free
        required.requiredCourses = ["capstone"]
        #expect(ids(plan(required, catalog)) == ["capstone", "x"])
        #expect(route(plan(required, catalog))?.courses.first { $0.course.id == "capstone" }?.fills == "required course")
        required.requiredCourses = ["thesis"]
        guard case .impossible(let reasons, _) = plan(required, catalog) else { Issue.record("expected impossible"); return }
        #expect(reasons == ["Required course thesis is neither among your courses nor in any catalog (or it was left out)"])
    }

    @Test func heldCreditsThatLapseBeforeTheEndAreNotCounted() throws {
        // 4 credits held from 15 Jan 2020 count for 7 years, through 15 Jan 2027. "slow" (100 INR) starts
        // 1 Feb 2027, after they lapse, so it alone leaves 4 of 8; "quick" (500) ends 29 Dec (40 h at 10 h a
        // week = 28 days) while they still count. Cheapest that works: quick, 500.
        let p = Pathway(id: "p", name: "P", totalCredits: 8, shelfLifeYears: 7)
        let held = [Course(id: "old", title: "Old", category: "Data", mode: .onSite, status: .completed, credits: 4, level: "5",
                           credential: Credential(awardedBy: "X", issued: date("2020-01-15")))]
        let catalog = [offer("quick", 4, fee: "500", hours: 40, weeks: 2), offer("slow", 4, fee: "100", starts: ["2027-02-01"])]
        let r = try #require(route(plan(p, catalog, held: held)))
        #expect(r.courses.map(\.course.id) == ["quick"])
        #expect(r.completion == date("2026-12-29"))
        #expect(r.report.counted.map(\.courseID).sorted() == ["old", "quick"])
    }

    @Test func routeCoursesAreEarnedWhenTheScheduleEndsThem() throws {
        // 6 credits, 2 Vocational, credits count for a year. long: 4 credits, 600 h (a week long at the
        // earliest); voc: 2 Vocational, 20 h. One at a time at 10 h a week: long 420 days (to 25 Jan 2028),
        // then voc 14 (8 Feb 2028). Both are earned then and count on 8 Feb 2028; taken as earned a week
        // after they open, both would have lapsed by then, and the plan would have said no route.
        let p = Pathway(id: "p", name: "P", totalCredits: 6, shelfLifeYears: 1, minimums: [CategoryMinimum(name: "Vocational", credits: 2)])
        let catalog = [offer("long", 4, fee: "100", hours: 600, weeks: 1), offer("voc", 2, fee: "100", category: "Vocational", hours: 20, weeks: 1)]
        let r = try #require(route(plan(p, catalog)))
        #expect(r.completion == date("2028-02-08"))
        #expect(r.courses.map(\.end) == [date("2028-01-25"), date("2028-02-08")])
        #expect(r.report.counted.map(\.courseID).sorted() == ["long", "voc"])
    }

    @Test func aBudgetTooSmallIsImpossibleAndSaysTheCheapest() {
        guard case .impossible(let reasons, _) = plan(six, five, budget: PlanBudget(amount: 50, currency: "INR")) else {
            Issue.record("expected impossible"); return
        }
        #expect(reasons == ["no route fits the budget of 50 INR: the cheapest costs 100 INR"])
        // 250 allows the cheapest (100).
        #expect(ids(plan(six, five, budget: PlanBudget(amount: 250, currency: "INR"))) == ["a", "d", "e"])
    }

    @Test func aMinimumNoCourseFillsNamesTheRule() {
        let p = Pathway(id: "p", name: "P", totalCredits: 6, minimums: [CategoryMinimum(name: "Vocational", credits: 4)])
        guard case .impossible(let reasons, _) = plan(p, five) else { Issue.record("expected impossible"); return }
        #expect(reasons == ["with every course you hold and every catalog course that counts: At least 4 in Vocational: 0, 4 missing"])
    }

    @Test func minimumsThatShareACategoryAreFilledTogether() {
        // Data takes Data or AI, AI only AI: data1 (50) to Data and ai1 (100) to AI = 150; ai2 costs 300.
        let p = Pathway(id: "p", name: "P", totalCredits: 8, minimums: [CategoryMinimum(name: "Data", credits: 4, categories: ["Data", "AI"]),
                                                                         CategoryMinimum(name: "AI", credits: 4)])
        let catalog = [offer("ai1", 4, fee: "100", category: "AI"), offer("data1", 4, fee: "50"), offer("ai2", 4, fee: "300", category: "AI")]
        #expect(ids(plan(p, catalog)) == ["ai1", "data1"])
    }

    @Test func currenciesStayApartUnlessARateIsGiven() {
        // usd1 costs 2 USD, inr1 200 INR. Without a rate the USD course cannot be compared and is left out;
        // at 84 INR to the dollar it costs 168 INR and wins.
        let p = Pathway(id: "p", name: "P", totalCredits: 4)
        let catalog = [offer("inr1", 4, fee: "200"), offer("usd1", 4, fee: "2", currency: "USD"), offer("inr2", 4, fee: "900")]
        let apart = plan(p, catalog)
        #expect(ids(apart) == ["inr1"])
        guard case .route(_, let notes) = apart else { return }
        #expect(notes.contains { $0.hasPrefix("1 course priced in USD left out: no rate from USD to INR") })
        #expect(ids(plan(p, catalog, rates: ["USD": 84])) == ["usd1"])
        #expect(route(plan(p, catalog, rates: ["USD": 84]))?.feeLabel == "168 INR")
    }

    @Test func aCohortMissedWhileStudyingWaitsForTheNextOne() throws {
        // 5 h a week. sp (60 h, self-paced) first: 84 days, to 23 Feb 2027. intern's cohort of 16 Feb has
        // begun by then; the next is 13 weeks later, 18 May; its 120 h take 168 days (more than its 8 weeks):
        // 2 Nov 2027.
        let p = Pathway(id: "p", name: "P", totalCredits: 6)
        var intern = offer("intern", 4, weeks: 8, starts: ["2027-02-16"])
        intern.repeatWeeks = 13
        let r = try #require(route(plan(p, [offer("sp", 2, mode: .online), intern], hoursPerWeek: 5)))
        #expect(r.courses.map(\.course.id) == ["sp", "intern"])
        #expect(r.courses.map(\.start) == [date("2026-12-01"), date("2027-05-18")])
        #expect(r.completion == date("2027-11-02"))
        // Without a repeat, the cohort is gone by then: no route.
        intern.repeatWeeks = nil
        guard case .impossible(let reasons, _) = plan(p, [offer("sp", 2, mode: .online), intern], hoursPerWeek: 5) else { Issue.record("expected impossible"); return }
        #expect(reasons.first?.contains("these start once, before you could join: intern (2027-02-16)") == true, "\(reasons)")
        #expect(reasons.first?.contains("stopped counting") == false, "no shelf life here: \(reasons)")
        // Under a shelf life the same missed cohort may be credits lapsing instead: the reason says both.
        let lapsing = Pathway(id: "p", name: "P", totalCredits: 6, shelfLifeYears: 1)
        guard case .impossible(let why, _) = plan(lapsing, [offer("sp", 2, mode: .online), intern], hoursPerWeek: 5) else { Issue.record("expected impossible"); return }
        #expect(why.first?.contains("intern (2027-02-16); or, credits counting 1 year, what a route takes first has stopped counting by its end") == true, "\(why)")
    }

    @Test func tenthsOfACreditAddUpToTheWhole() {
        // Ten courses of 0.1 credit make 1 credit, though 0.1 has no exact binary form.
        let p = Pathway(id: "p", name: "P", totalCredits: 1)
        let catalog = (0..<10).map { offer("t\($0)", 0.1) }
        #expect(route(plan(p, catalog))?.courses.count == 10)
    }

    @Test func anOnlineCapNothingOnSiteCanFillIsNamedAtOnce() {
        // 10 credits, at most 4 online, and twenty online courses: no route, and the cap is why.
        let p = Pathway(id: "p", name: "P", totalCredits: 10, maxOnlineShare: 0.4)
        let catalog = (0..<20).map { offer("o\($0)", 1, mode: .online) }
        guard case .impossible(let reasons, _) = plan(p, catalog) else { Issue.record("expected impossible"); return }
        #expect(reasons == ["the online cap: at most 4 of the 10 credits may come from online teaching, and your courses and the catalogs offer only 0 on site, so at most 4 can count"])
    }

    @Test func alreadyMetNeedsNothing() {
        let held = [Course(id: "h", title: "H", status: .completed, credits: 6, credential: Credential(awardedBy: "X", issued: date("2026-01-01")))]
        guard case .alreadyMet = plan(six, five, held: held) else { Issue.record("expected already met"); return }
    }

    @Test func wholeOnlineCoursesUnderTheCapAreDecidedWithoutTryingEverySet() {
        // Three of 3 and 4: 6 fits in 6, 7 does not (only one set tells).
        #expect(SearchState.canReach(6, [(3, 3), (3, 3), (4, 4)], room: 6))
        #expect(!SearchState.canReach(7, [(3, 3), (3, 3), (4, 4)], room: 6))
        // Sixty courses of 2 and a room of 61: no set gives 61, which only every set can tell (2^60 of them).
        // Past its steps the check answers yes, leaving the engine to decide; it used to try them all.
        #expect(SearchState.canReach(61, Array(repeating: (2, 2), count: 60), room: 61))
    }

    @Test func anOnlineHeavyCatalogUnderTheCapIsProvedOptimal() throws {
        // 20 credits, at most 40% (8) online. 60 online courses of 2 credits, free or 100 INR: four free ones
        // give the 8. On site: 12 credits more, from courses of 2 credits at 300, 350, 400 ... (one 4-credit at
        // 500 is the best buy: 125 a credit). Cheapest: the 4-credit (500) + 300 + 350 + 400 + 450 = 2000 INR.
        // Every pile of online courses over the cap would count only 8 of its credits.
        var catalog = (0..<60).map { offer("o\($0)", 2, fee: $0 % 3 == 0 ? "0" : "100", mode: .online, weeks: 4 + $0 % 5) }
        catalog += (0..<10).map { offer("s\($0)", 2, fee: "\(300 + 50 * $0)", weeks: 4) }
        catalog.append(offer("big", 4, fee: "500", weeks: 8))
        let pathway = Pathway(id: "p", name: "P", totalCredits: 20, maxOnlineShare: 0.4)
        let cheapest = try #require(route(plan(pathway, catalog)))
        #expect(cheapest.feeLabel == "2000 INR")
        #expect(cheapest.bound == nil)
        #expect(cheapest.courses.filter { $0.course.mode == .online }.count == 4)
        // Fewest: 4 online + the 4-credit + 4 of the rest = 9 courses, proved.
        let fewest = try #require(route(plan(pathway, catalog, by: .courses)))
        #expect(fewest.courses.count == 9 && fewest.bound == nil)
    }

    @Test func aSearchThatStopsBeforeItsFirstRouteAnswersWithAnotherObjectivesRoute() throws {
        // 8 credits, credits count for a year, "core" required. Twelve marathons of 100 credits at 1-12 INR
        // (the cheapest credits by far) take 5000 h, 10 years at 10 h a week: core, studied first, has lapsed
        // by the end of any route with one. The cheapest search tries them first and stops (300 steps) before
        // its first route; the soonest finds core + two of n (500 + 600 = 1100 INR) at once. The answer is
        // that route, not "no route", with the bound the stopped search leaves.
        let pathway = Pathway(id: "p", name: "P", totalCredits: 8, shelfLifeYears: 1, requiredCourses: ["core"])
        var catalog = (1...12).map { offer("marathon\($0)", 100, fee: "\($0)", hours: 5000, weeks: 4 + $0) }
        catalog += [offer("core", 2, fee: "500")] + (1...3).map { offer("n\($0)", 3, fee: "300") }
        let request = PlanRequest(pathway: pathway, learner: Learner(pathways: [pathway]), catalog: catalog, today: today,
                                  hoursPerWeek: 10, nodeLimit: 300)
        var alone = PlanSearch(model: PlanModel(request), budget: nil, nodeLimit: 300)
        alone.run()
        #expect(alone.stopped && alone.best == nil)
        let r = try #require(route(RoutePlanner.plan(request)))
        #expect(r.courses.map(\.course.id).sorted() == ["core", "n1", "n2"])
        #expect(r.feeLabel == "1100 INR")
        let bound = try #require(r.bound)
        #expect(bound <= 1100)
        // Everything free: the marathons still come first (more credits), the search still stops, and the
        // route found elsewhere costs nothing, which no branch left open can beat: proved all the same.
        var free = request
        free.catalog = (1...12).map { offer("marathon\($0)", 100, hours: 5000, weeks: 4 + $0) }
            + [offer("core", 2)] + (1...3).map { offer("n\($0)", 3) }
        var stops = PlanSearch(model: PlanModel(free), budget: nil, nodeLimit: 300)
        stops.run()
        #expect(stops.stopped && stops.best == nil)
        let proved = try #require(route(RoutePlanner.plan(free)))
        #expect(proved.feeLabel == "no fees" && proved.bound == nil)
    }

    @Test func aCourseYearsAwayFirstInEveryOrderStillLeavesARoute() throws {
        // 8 credits, 2 of them Vocational, credits count for a year. x: 10 Data credits for 1 INR in 10 h, one
        // cohort in 2099: first in every objective's order (cheapest, quickest, most credits), but a route with
        // it ends in 2099, when what it took before has lapsed. Sixteen others (3 Data credits, 300-450 INR)
        // and v (2 Vocational, 200 INR) make the routes. Every objective's search, and each one's shorter
        // search beside it, spends its 300 steps below x; the search that takes what ends first finds one.
        let pathway = Pathway(id: "p", name: "P", totalCredits: 8, shelfLifeYears: 1,
                              minimums: [CategoryMinimum(name: "Vocational", credits: 2)])
        let catalog = [offer("x", 10, fee: "1", hours: 10, weeks: 1, starts: ["2099-01-05"]), offer("v", 2, fee: "200", category: "Vocational")]
            + (0..<16).map { offer("o\($0)", 3, fee: "\(300 + 10 * $0)", weeks: 2 + $0 % 5) }
        for objective in PlanObjective.allCases {
            let request = PlanRequest(pathway: pathway, learner: Learner(pathways: [pathway]), catalog: catalog, today: today,
                                      hoursPerWeek: 10, objective: objective, nodeLimit: 300)
            var alone = PlanSearch(model: PlanModel(request), budget: nil, nodeLimit: 300)
            alone.run()
            #expect(alone.stopped && alone.best == nil, "\(objective)")
            let r = try #require(route(RoutePlanner.plan(request)), "\(objective)")
            #expect(r.report.isMet && r.courses.contains { $0.course.id == "v" } && !r.courses.contains { $0.course.id == "x" }, "\(objective)")
        }
    }

    @Test func aCatalogOfThousandsStopsForItsWorkNotOnlyItsSteps() {
        // A thousand courses of a tenth of a credit: 400 make the total, and every step bounds all thousand.
        // Its work limit (256 candidates looked at a step, on average) stops it long before its 1000 steps:
        // without it, it takes 801.
        let catalog = (0..<1000).map { offer("t\($0)", 0.1, fee: "\($0 % 7)", hours: 3, weeks: 1 + $0 % 9) }
        let pathway = Pathway(id: "p", name: "P", totalCredits: 40)
        let request = PlanRequest(pathway: pathway, learner: Learner(pathways: [pathway]), catalog: catalog, today: today, hoursPerWeek: 10)
        var search = PlanSearch(model: PlanModel(request), budget: nil, nodeLimit: 1000)
        search.run()
        #expect(search.stopped && search.work > search.workLimit)
        #expect(search.nodes < 500)
    }

    @Test func theFewestCoursesStartFromTheCheapestRouteAndKeepItsTieBreak() throws {
        // 6 credits: a (4 credits, 900 INR), b (4, 800), c (2, free). The fewest-courses search finds a + b first
        // (two courses, the most credits first, 1700 INR); b + c is as few and costs 800. With no steps to
        // break ties it keeps what it starts from: the cheapest route, b + c.
        let catalog = [offer("a", 4, fee: "900"), offer("b", 4, fee: "800"), offer("c", 2)]
        let pathway = Pathway(id: "p", name: "P", totalCredits: 6)
        let request = PlanRequest(pathway: pathway, learner: Learner(pathways: [pathway]), catalog: catalog, today: today,
                                  hoursPerWeek: 10, objective: .courses, tieSteps: 1)
        let fewest = try #require(route(RoutePlanner.plan(request)))
        #expect(fewest.courses.map(\.course.id).sorted() == ["b", "c"])
        #expect(fewest.bound == nil)
    }

    /// Every subset of random catalogs of up to 7 courses under random rules: the planner's key is the least.
    @Test func agreesWithBruteForceOnRandomCatalogs() {
        agreesWithBruteForce(seed: 18, rounds: 2000, onlineHeavy: false)
    }

    /// The same with most courses online and the online cap always on: the cap's dominance rule and its
    /// multipliers at work, fees in odd steps (99) as well as round ones.
    @Test func agreesWithBruteForceOnOnlineHeavyCatalogs() {
        agreesWithBruteForce(seed: 40, rounds: 1000, onlineHeavy: true)
    }

    private func agreesWithBruteForce(seed: UInt64, rounds: Int, onlineHeavy: Bool) {
        var rng = SplitMix64(seed: seed)
        var routes = 0, impossible = 0, met = 0
        for round in 0..<rounds {
            let request = randomRequest(&rng, round: round, onlineHeavy: onlineHeavy)
            let model = PlanModel(request)
            let n = model.candidates.count
            var best: [Double]?
            var emptyMet = false
            for mask in 0..<(1 << n) {
                let set = (0..<n).filter { mask & (1 << $0) != 0 }
                if let budget = request.budget, set.reduce(0, { $0 + model.candidates[$1].cost[0] }) > budget.amount + 1e-9 { continue }
                guard model.isFeasible(set) else { continue }
                let key = model.key(set)
                if set.isEmpty { emptyMet = true }
                if best == nil || key.lexicographicallyPrecedes(best!) { best = key }
            }
            switch RoutePlanner.plan(request) {
            case .alreadyMet:
                met += 1
                #expect(emptyMet, "round \(round): planner says met, brute force disagrees")
            case .impossible:
                impossible += 1
                #expect(best == nil, "round \(round): planner found nothing, brute force found \(best!)")
            case .route(let r, _):
                routes += 1
                let set = r.courses.map { c in model.candidates.firstIndex { $0.course.id == c.course.id }! }
                #expect(r.report.isMet, "round \(round)")
                #expect(r.bound == nil && r.tiesSettled, "round \(round): not proved")
                #expect(!emptyMet, "round \(round)")
                #expect(best.map { model.key(set) == $0 } ?? false, "round \(round): planner \(model.key(set)), brute force \(String(describing: best))")
            }
        }
        // The generator must exercise every outcome, or this test proves little.
        #expect(routes > rounds * 3 / 10 && impossible > rounds / 20 && met > rounds / 100, "routes \(routes), impossible \(impossible), met \(met)")
    }
}

private func randomRequest(_ rng: inout SplitMix64, round: Int, onlineHeavy: Bool = false) -> PlanRequest {
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    let categories = ["Data", "AI", "Cloud", "Vocational"]
    let modes: [StudyMode] = onlineHeavy ? [.online, .online, .online, .online, .blended, .onSite, .onSite] : [.online, .onSite, .blended, .online]
    let n = onlineHeavy ? 3 + pick(8) : 1 + pick(7)
    var catalog: [CatalogCourse] = []
    for i in 0..<n {
        let credits = [1, 2, 2, 3, 4, 6, 1.5][pick(7)]
        let starts = pick(3) == 0 ? [today.adding(days: pick(200))] : []
        catalog.append(CatalogCourse(id: "c\(i)", title: "C\(i)", category: categories[pick(4)], mode: modes[pick(modes.count)],
                                     level: ["4", "4.5", "5", "6"][pick(4)], credits: credits, hours: credits * Double(20 + pick(3) * 10),
                                     fee: pick(4) == 0 ? nil : Fee(amount: "\(pick(5) * 100 + (onlineHeavy && pick(2) == 0 ? 99 : 0))",
                                                                   currency: pick(5) == 0 ? "USD" : "INR"),
                                     weeks: pick(2) == 0 ? nil : 1 + pick(12), starts: starts, selfPaced: starts.isEmpty, catalogID: "r"))
    }
    var minimums: [CategoryMinimum] = []
    if pick(2) == 0 { minimums.append(CategoryMinimum(name: "Data", credits: Double(1 + pick(4)), categories: ["Data", "AI"])) }
    if pick(3) == 0 { minimums.append(CategoryMinimum(name: categories[1 + pick(3)], credits: Double(1 + pick(3)))) }
    let capped = onlineHeavy || pick(3) == 0
    let pathway = Pathway(id: "p", name: "P", totalCredits: Double(2 + pick(10)), maxOnlineShare: capped ? [0.4, 0.5][pick(2)] : nil,
                          shelfLifeYears: pick(3) == 0 ? 1 : nil, minLevel: pick(3) == 0 ? 4.5 : nil,
                          requiredCourses: pick(5) == 0 ? ["c\(pick(n + 1))"] : [], minimums: minimums)
    var held: [Course] = []
    for k in 0..<pick(3) {
        held.append(Course(id: "h\(k)", title: "H\(k)", category: categories[pick(4)], mode: modes[pick(4)], status: .completed,
                           credits: Double(1 + pick(4)), level: "5",
                           credential: Credential(awardedBy: "X", issued: today.adding(days: -pick(500)))))
    }
    if pick(4) == 0 {
        held.append(Course(id: "going", title: "Going", category: "Data", mode: .onSite, status: .enrolled, modulesDone: pick(4),
                           modulesTotal: 4, hours: 60, credits: 2, level: "5"))
    }
    let objective = PlanObjective.allCases[round % 3]
    let budget = pick(5) == 0 ? PlanBudget(amount: Double(pick(8) * 100), currency: "INR") : nil
    return PlanRequest(pathway: pathway, learner: Learner(courses: held, pathways: [pathway]), catalog: catalog, today: today,
                       hoursPerWeek: Double(2 + pick(15)), objective: objective, budget: budget, rates: pick(2) == 0 ? ["USD": 84] : [:])
}
