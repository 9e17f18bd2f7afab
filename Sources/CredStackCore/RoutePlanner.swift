/// Chooses catalog courses that, with what the learner holds and has under way, meet every rule of a
/// pathway, and proves the choice optimal for the objective (docs/PLANNER.md).
///
/// The rules are the credit engine's own: a route is feasible when `CreditEngine.evaluate`, run on the
/// learner's courses plus the route's (each earned on the day it ends) on the route's completion day, says
/// every rule is met. Whole courses under online caps, category minimums, required courses, minimum level,
/// credit systems and shelf life therefore mean here exactly what they mean in `credstack credits`.
///
/// The search is a depth-first branch and bound over the candidates (take it, or leave it and every
/// identical one after it). Every objective only grows as courses are added (fees are not negative, a
/// route never ends earlier for another course), so a feasible route is never extended, and a branch is
/// cut when a lower bound on everything below it (fractional covers of what each rule still needs, the
/// completion day of what is chosen) is no better than the best route found. What is left is an exact
/// answer, or, past `nodeLimit`, the best route with the bound no route can beat.
public enum RoutePlanner {
    public static func plan(_ request: PlanRequest) -> PlanOutcome {
        let model = PlanModel(request)
        if let report = model.metAlready() { return .alreadyMet(report) }
        if let missing = model.missingRequired() { return .impossible(reasons: missing, notes: model.notes) }
        if let cap = model.capShortfall() { return .impossible(reasons: [cap], notes: model.notes) }
        // The soonest route's bounds are the loosest: start it from the cheapest and the fewest-courses routes,
        // which are found fast, so it prunes against a good route from its first step. The fewest courses
        // start from the cheapest, which often settles their tie-break at once.
        let seededBy: [PlanObjective]
        switch request.objective {
        case .time: seededBy = [.cost, .courses]
        case .courses: seededBy = [.cost]
        case .cost: seededBy = []
        }
        var solution = solve(model, seeds: quickRoutes(request, by: seededBy))
        if solution.stopped {
            // Stopped unproved, perhaps before its first route: another objective's order often finds one at
            // once where this one's first tries courses that never finish in time. The better route is kept;
            // the bound of what the search left still stands, so the answer says how far from the best it may be.
            var fallback = PlanSearch(model: model, budget: model.budgetLimit, nodeLimit: 0)
            fallback.best = solution.best
            func seed(_ routes: [[String]]) {
                for ids in routes { fallback.seed(ids.compactMap { id in model.candidates.firstIndex { $0.course.id == id } }) }
            }
            seed(quickRoutes(request, by: PlanObjective.allCases.filter { $0 != request.objective && !seededBy.contains($0) }))
            // Every order can start with a cheap course that ends too late for anything before it to count
            // (a cohort years away): the one that takes what ends first finds a route if the schedule has one.
            if fallback.best == nil { seed(quickRoutes(request, by: [request.objective], earliestFirst: true)) }
            solution.best = fallback.best
        }
        guard let best = solution.best else {
            return .impossible(reasons: model.whyImpossible(stoppedAfter: solution.stopped ? solution.nodes : nil), notes: model.notes)
        }
        var bound = solution.stopped ? solution.openBound.map { model.objectiveFigure(of: $0) } : nil
        // Nothing the search left open can do better (the route came from another search, or is free): proved.
        if let open = solution.openBound, !PlanSearch.precedes(open, best.key, depth: 1) { bound = nil }
        return .route(model.route(best.set, nodes: solution.nodes, bound: bound, tiesSettled: solution.tiesSettled), notes: model.notes)
    }

    /// The routes (course ids) shorter searches for `objectives` find: seeds for a search that starts slowly.
    /// `earliestFirst`: candidates tried in order of when they end rather than by the objective's value.
    static func quickRoutes(_ request: PlanRequest, by objectives: [PlanObjective], earliestFirst: Bool = false) -> [[String]] {
        objectives.compactMap { objective in
            var other = request
            other.objective = objective
            other.nodeLimit = min(request.nodeLimit, 20_000)
            other.tieSteps = min(request.tieSteps, PlanRequest.quickTieSteps)
            let model = PlanModel(other, earliestFirst: earliestFirst)
            return solve(model).best.map { found in found.set.map { model.candidates[$0].course.id } }
        }
    }

    struct Solution {
        var best: (key: [Double], set: [Int])?
        var nodes: Int
        /// The first phase stopped: `openBound` is the least bound of what it left unexplored.
        var stopped: Bool
        var openBound: [Double]?
        var tiesSettled: Bool
    }

    /// Both phases of the search (docs/PLANNER.md), starting from `seeds` (routes by course id) that work.
    static func solve(_ model: PlanModel, seeds: [[String]] = []) -> Solution {
        // First the objective alone: the least fee, day or number of courses, proved with bounds on that figure.
        var search = PlanSearch(model: model, budget: model.budgetLimit, nodeLimit: model.request.nodeLimit)
        for ids in seeds { search.seed(ids.compactMap { id in model.candidates.firstIndex { $0.course.id == id } }) }
        search.run()
        var solution = Solution(best: search.best, nodes: search.nodes, stopped: search.stopped, openBound: search.openBound, tiesSettled: false)
        // Then its ties: among routes that good, the best by the other figures, searched with the objective's
        // optimum as a limit (a budget, a last day, a number of courses), which tightens every other bound.
        if let best = search.best, !search.stopped {
            // Its steps bound every figure, each a few passes over the candidates: they may cost more.
            var ties = PlanSearch(model: model, budget: model.budgetLimit, nodeLimit: model.request.tieSteps,
                                  workPerStep: PlanSearch.tieWorkPerStep)
            ties.breakTies(of: best)
            ties.run()
            solution.nodes += ties.nodes
            if let found = ties.best { solution.best = found }
            solution.tiesSettled = !ties.stopped
        }
        return solution
    }
}

/// A catalog (or the learner's planned) course as the planner weighs it.
struct PlanCandidate {
    var course: CatalogCourse
    var fromLearner: Bool
    var credits: Double
    var how: String
    /// Indices of the pathway's minimums its category fills.
    var minimums: [Int]
    var required: Bool
    var onlineShare: Double
    /// Its fee in each of the model's currencies (home first); all zero when free or not stated.
    var cost: [Double]
    var priced: Bool
    var hours: Double
    var release: Int
    var end: Int
    /// The study hours its time in the schedule is worth: its hours, or its length at the weekly hours if
    /// that is longer (one course at a time, a course occupies the learner for whichever is longer).
    var occupancy: Double

    /// Two candidates with the same key are interchangeable: a route takes the first of them before the next.
    var groupKey: [Double] {
        [credits, onlineShare, required ? 1 : 0, hours, Double(release), Double(end)] + cost + minimums.map(Double.init)
    }
}

struct PlanModel {
    let request: PlanRequest
    let pathway: Pathway
    let today: Int
    /// The learner's courses as the plan counts them: those under way earned today.
    let base: [Course]
    let inProgressHours: Double
    let candidates: [PlanCandidate]
    /// For each candidate, its place in the schedule's order (when it first opens, then id).
    let scheduleRank: [Int]
    /// For each candidate, the first of the run of identical ones it belongs to (`PlanCandidate.groupKey`).
    let groups: [Int]
    /// Candidates every route takes (required courses).
    let forced: [Int]
    /// The model's currencies: home first, then each one no rate converts, by name.
    let currencies: [String]
    let notes: [String]
    /// Credits of the base that could count at best (today, before any cap): total and per minimum.
    /// The base's credentials that could count today (before any cap), each with its weight against the
    /// online cap, the last day it counts, and the minimums its category fills.
    let baseItems: [BaseItem]
    /// The online cap in credits of weight (credits times online share); nil without one. A cap on the share
    /// of courses is left to the engine alone.
    let onlineRoom: Double?
    /// The step every candidate's home fee is a multiple of (`commonStep`), 0 when none.
    let feeStep: Double
    let requiredMissing: [String]

    init(_ request: PlanRequest, earliestFirst: Bool = false) {
        self.request = request
        let pathway = request.pathway
        self.pathway = pathway
        let today = request.today.daysSinceEpoch
        self.today = today
        var notes: [String] = []

        // The learner's courses: credentials as they are, courses under way earned today, planned ones offered.
        var base: [Course] = []
        var inProgressHours = 0.0
        var learnerPlanned: [Course] = []
        var taken = Set<String>()
        for var course in request.learner.courses {
            if course.credential != nil || course.status == .completed {
                base.append(course)
                taken.insert(course.id)
            } else if course.status == .enrolled || course.status == .paused {
                taken.insert(course.id)
                let worth = CreditEngine.credits(of: course, under: pathway)?.credits ?? 0
                let hours = course.hours ?? worth * (pathway.hoursPerCredit ?? 30)
                inProgressHours += hours * (1 - (course.progress ?? 0))
                course.credential = Credential(awardedBy: course.provider, issued: request.today)
                base.append(course)
            } else if course.status == .planned {
                learnerPlanned.append(course)
            }
        }
        self.base = base
        self.inProgressHours = inProgressHours

        // The offer: catalogs first, then the learner's planned courses no catalog lists.
        var offer = request.catalog.filter { !taken.contains($0.id) }
        let listed = Set(offer.map(\.id))
        for c in learnerPlanned where !listed.contains(c.id) {
            // Your own planned course can begin any week from its start date.
            offer.append(CatalogCourse(id: c.id, title: c.title, provider: c.provider, category: c.category, mode: c.mode,
                                       onlineShare: c.onlineShare, level: c.level, credits: c.credits, creditSystem: c.creditSystem,
                                       hours: c.hours, fee: c.fee, weeks: c.due.map { d in c.start.map { max(1, ($0.days(until: d) + 6) / 7) } ?? 1 },
                                       starts: [max(c.start ?? request.today, request.today)], skills: c.skills, catalogID: "your courses"))
            offer[offer.count - 1].repeatWeeks = 1
        }
        let excluded = offer.filter { request.exclude.contains($0.id) }
        offer.removeAll { request.exclude.contains($0.id) }
        if !excluded.isEmpty { notes.append("left out as you asked: \(excluded.map(\.id).joined(separator: ", "))") }

        // Currencies: the budget's, else the one most courses are priced in; rates fold others into it.
        let priced = offer.compactMap(\.fee).filter { (Double($0.amount) ?? 0) > 0 }
        var counts: [String: Int] = [:]
        for fee in priced { counts[fee.currency, default: 0] += 1 }
        let home = request.budget?.currency ?? request.homeCurrency
            ?? counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? ""
        var rates = request.rates
        if let rate = rates.removeValue(forKey: home) {
            notes.append("the rate given for \(home) (\(CreditFormat.label(rate))) is left out: \(home) is the currency fees are compared in,"
                         + " and a rate says what another currency is worth in it")
        }
        let unrated = Set(priced.map(\.currency)).filter { $0 != home && rates[$0] == nil }.sorted()
        var currencies = [home] + unrated
        if request.objective == .cost || request.budget != nil, !unrated.isEmpty {
            let gone = offer.filter { $0.fee.map { unrated.contains($0.currency) && (Double($0.amount) ?? 0) > 0 } ?? false }
            offer.removeAll { c in gone.contains { $0.id == c.id } }
            for cur in unrated {
                let n = gone.filter { $0.fee?.currency == cur }.count
                notes.append("\(n) course\(n == 1 ? "" : "s") priced in \(cur) left out: no rate from \(cur) to \(home) was given"
                             + " (--rate \(cur)=N, N \(home) to 1 \(cur)), so their fees cannot be compared")
            }
            currencies = [home]
        }
        self.currencies = currencies

        // Candidates: what counts under the pathway, at or above its level, with a start ahead.
        var candidates: [PlanCandidate] = []
        var belowLevel = 0, noStart = 0, worthless = 0
        let perWeek = max(request.hoursPerWeek, 0.01)
        for c in offer {
            let course = c.asCourse(status: .completed)
            guard case .credits(let credits, let how) = CreditEngine.worth(of: course, under: pathway), credits > 0 else { worthless += 1; continue }
            if CreditEngine.levelProblem(course, pathway) != nil { belowLevel += 1; continue }
            guard let start = c.nextStart(after: request.today) else { noStart += 1; continue }
            let hours = c.hours ?? credits * (pathway.hoursPerCredit ?? 30)
            let weeks = c.weeks ?? max(1, Int((hours / perWeek).rounded(.up)))
            var cost = [Double](repeating: 0, count: currencies.count)
            var isPriced = false
            if let fee = c.fee, let amount = Double(fee.amount) {
                isPriced = true
                if fee.currency == home { cost[0] = amount }
                else if let rate = rates[fee.currency] { cost[0] = amount * rate }
                else if let slot = currencies.firstIndex(of: fee.currency) { cost[slot] = amount }
            }
            candidates.append(PlanCandidate(course: c, fromLearner: c.catalogID == "your courses" || learnerPlanned.contains { $0.id == c.id },
                                            credits: credits, how: how,
                                            minimums: pathway.minimums.indices.filter { pathway.minimums[$0].accepts(c.category) },
                                            required: pathway.requiredCourses.contains(c.id),
                                            onlineShare: c.mode.onlineShare(stated: c.onlineShare), cost: cost, priced: isPriced,
                                            hours: hours, release: start.daysSinceEpoch, end: start.daysSinceEpoch + weeks * 7,
                                            occupancy: max(hours, Double(weeks * 7) * perWeek / 7)))
        }
        if belowLevel > 0 { notes.append("\(belowLevel) catalog course\(belowLevel == 1 ? "" : "s") below the pathway's level (or with no level it can read) left out") }
        if noStart > 0 { notes.append("\(noStart) catalog course\(noStart == 1 ? "" : "s") with no start date ahead left out") }
        if worthless > 0 { notes.append("\(worthless) catalog course\(worthless == 1 ? "" : "s") worth no credits under this pathway left out") }

        // Search order: the best value for the objective (or the earliest end) first; identical candidates side by side.
        func efficiency(_ c: PlanCandidate) -> [Double] {
            if earliestFirst { return [Double(c.end), c.occupancy / c.credits] }
            switch request.objective {
            case .cost: return [c.cost[0] / c.credits, -c.credits]
            case .time: return [c.occupancy / c.credits, Double(c.end)]
            case .courses: return [-c.credits, c.cost[0] / c.credits]
            }
        }
        candidates = candidates.map { (key: efficiency($0) + $0.groupKey, candidate: $0) }
            .sorted { a, b in a.key == b.key ? a.candidate.course.id < b.candidate.course.id : a.key.lexicographicallyPrecedes(b.key) }
            .map(\.candidate)
        self.candidates = candidates
        var scheduleRank = [Int](repeating: 0, count: candidates.count)
        for (rank, i) in candidates.indices.sorted(by: { (candidates[$0].release, candidates[$0].course.id) < (candidates[$1].release, candidates[$1].course.id) }).enumerated() {
            scheduleRank[i] = rank
        }
        self.scheduleRank = scheduleRank
        var groups: [Int] = []
        for i in candidates.indices { groups.append(i > 0 && candidates[i].groupKey == candidates[i - 1].groupKey ? groups[i - 1] : i) }
        self.groups = groups
        forced = candidates.indices.filter { candidates[$0].required }
        requiredMissing = pathway.requiredCourses.filter { id in
            !base.contains { $0.id == id } && !candidates.contains { $0.course.id == id }
        }

        // What the base could count at best, before caps: every credential that holds today.
        let now = CreditEngine.evaluate(pathway, CreditContext(courses: base, pathways: request.learner.pathways, today: request.today, recentStudyMinutes: 0))
        let capped = Set(now.excluded.filter { $0.reason.hasPrefix("over the") }.map(\.courseID))
        let holding = now.counted.map { ($0.credits, $0.category, $0.onlineShare, $0.countsUntil) }
            + now.excluded.filter { capped.contains($0.courseID) }.map { e in
                let course = base.first { $0.id == e.courseID }
                let until = course?.credential.flatMap { CreditEngine.lastCountingDay($0, pathway) }
                return (e.credits ?? 0, course?.category ?? "", course.map { $0.mode.onlineShare(stated: $0.onlineShare) } ?? 1, until)
            }
        baseItems = holding.map { credits, category, share, until in
            BaseItem(credits: credits, weight: credits * share, countsThrough: until?.daysSinceEpoch ?? Int.max,
                     minimums: pathway.minimums.indices.filter { pathway.minimums[$0].accepts(category) })
        }
        onlineRoom = pathway.maxOnlineShare.map { $0 * pathway.totalCredits }
        feeStep = Self.commonStep(of: candidates.map { $0.cost[0] })
        self.notes = notes
    }

    /// The largest amount every fee is a whole multiple of, to the cent (0 when the fees have none, or
    /// finer parts): every route's fee is one too, so a bound on it rounds up to the next multiple.
    static func commonStep(of fees: [Double]) -> Double {
        var step = 0
        for fee in fees where fee != 0 {
            let cents = (fee * 100).rounded()
            guard abs(cents - fee * 100) < 1e-6 * max(1, fee), cents.magnitude < 1e15 else { return 0 }
            var a = step, b = Int(cents.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            step = a
        }
        return Double(step) / 100
    }

    var budgetLimit: Double? { request.budget.map(\.amount) }

    /// Whether a route course earned on `earned` still counts on `day` (its shelf life).
    func stillCounts(earned: Int, on day: Int) -> Bool {
        guard let years = pathway.shelfLifeYears else { return true }
        // Years have 365 or 366 days: only between the two is the calendar asked (a hot path of the search).
        if day - earned <= 365 * years { return true }
        if day - earned > 366 * years { return false }
        return LocalDate(daysSinceEpoch: earned).adding(years: years).daysSinceEpoch >= day
    }

    /// Whether a credential the learner holds stops counting some day (so a later route has fewer).
    var lapses: Bool { baseItems.contains { $0.countsThrough != Int.max } }

    // MARK: evaluating a route

    /// The day a route meets every rule: its last credential, or the end of what is under way (`schedule`);
    /// `unschedulable` when a cohort the route needs has no start left by the time the learner gets to it.
    /// Adding a course never makes it earlier, so the search may stop at the first route that works.
    func completion(_ set: [Int]) -> Int {
        guard let plan = schedule(set) else { return PlanModel.unschedulable }
        return completion(of: plan)
    }

    func completion(of plan: Schedule) -> Int {
        max(today, plan.underWayUntil, plan.courses.map(\.earned).max() ?? today)
    }

    /// Each course's row (`schedule`) and the day what is under way is done.
    typealias Schedule = (courses: [(index: Int, study: Int, studyEnd: Int, earned: Int)], underWayUntil: Int)

    /// A day past any real plan: routes that cannot be scheduled compare as the latest of all.
    static let unschedulable = Int(Int32.max)

    /// The learner's courses plus the route's, each earned on the day the schedule has it end (or on
    /// `earnedOn`); a route that cannot be scheduled, on the earliest day each could end.
    func courses(with set: [Int], earnedOn: Int? = nil) -> [Course] {
        var earned: [Int: Int] = [:]
        if earnedOn == nil, let plan = schedule(set) { for row in plan.courses { earned[row.index] = row.earned } }
        return base + set.map { i in
            let c = candidates[i]
            var course = c.course.asCourse(status: .completed, start: LocalDate(daysSinceEpoch: c.release), due: LocalDate(daysSinceEpoch: c.end))
            course.credential = Credential(awardedBy: c.course.provider, issued: LocalDate(daysSinceEpoch: earnedOn ?? earned[i] ?? c.end))
            return course
        }
    }

    func report(_ set: [Int], on day: Int, earnedOn: Int? = nil) -> PathwayReport {
        CreditEngine.evaluate(pathway, CreditContext(courses: courses(with: set, earnedOn: earnedOn), pathways: request.learner.pathways,
                                                     today: LocalDate(daysSinceEpoch: day), recentStudyMinutes: 0))
    }

    func isFeasible(_ set: [Int]) -> Bool {
        let day = completion(set)
        return day != PlanModel.unschedulable && report(set, on: day).isMet
    }

    /// The objective as a key compared left to right: its own figure first, the others as tie-breaks.
    func key(cost: [Double], day: Int, count: Int) -> [Double] {
        switch request.objective {
        case .cost: return cost + [Double(day), Double(count)]
        case .time: return [Double(day)] + cost + [Double(count)]
        case .courses: return [Double(count)] + cost + [Double(day)]
        }
    }

    func key(_ set: [Int]) -> [Double] {
        var cost = [Double](repeating: 0, count: currencies.count)
        for i in set { for k in cost.indices { cost[k] += candidates[i].cost[k] } }
        return key(cost: cost, day: completion(set), count: set.count)
    }

    /// The objective's own figure in a key (fee, day number, or courses).
    func objectiveFigure(of key: [Double]) -> Double { key[0] }

    func metAlready() -> PathwayReport? {
        let day = completion([])
        let report = report([], on: day)
        return report.isMet ? report : nil
    }

    func missingRequired() -> [String]? {
        guard !requiredMissing.isEmpty else { return nil }
        return requiredMissing.map { "Required course \($0) is neither among your courses nor in any catalog (or it was left out)" }
    }

    /// Courses of a route that the rules do not count, dropped while that keeps it feasible and no worse.
    func pruned(_ set: [Int]) -> [Int] {
        var set = set
        var changed = true
        while changed {
            changed = false
            let counted = Set(report(set, on: completion(set)).counted.map(\.courseID))
            for i in set where !candidates[i].required && !counted.contains(candidates[i].course.id) {
                let smaller = set.filter { $0 != i }
                if isFeasible(smaller), !PlanSearch.precedes(key(set), key(smaller)) {
                    set = smaller
                    changed = true
                    break
                }
            }
        }
        return set
    }

    // MARK: explaining

    /// When each course of a route is studied: what is under way first, then the route's courses one at a
    /// time in order of when they first open (then id), `hoursPerWeek` a week. A self-paced course starts when
    /// the one before it is done (not before it opens); a cohort course at its next cohort from then. Each
    /// takes its hours at that pace, and no less than its length; its credential comes at its end. Every
    /// start is a non-decreasing function of when the course before ends, so adding a course never moves
    /// another one earlier. nil when a cohort has no start left by then.
    func schedule(_ set: [Int]) -> Schedule? {
        let perDay = max(request.hoursPerWeek, 0.01) / 7
        var clock = Double(today) + inProgressHours / perDay
        let underWay = Int((clock - 1e-9).rounded(.up))
        let rank = scheduleRank
        let ordered = set.sorted { rank[$0] < rank[$1] }
        var rows: [(index: Int, study: Int, studyEnd: Int, earned: Int)] = []
        for i in ordered {
            let c = candidates[i]
            let start: Double
            if c.course.selfPaced {
                start = max(clock, Double(c.release))
            } else {
                let ready = LocalDate(daysSinceEpoch: max(c.release, Int((clock - 1e-9).rounded(.up))))
                guard let next = c.course.nextStart(after: ready) else { return nil }
                start = Double(next.daysSinceEpoch)
            }
            clock = start + max(c.hours / perDay, Double(c.end - c.release))
            let end = Int((clock - 1e-9).rounded(.up))
            rows.append((i, Int((start - 1e-9).rounded(.up)), end, end))
        }
        return (rows, underWay)
    }

    func route(_ set: [Int], nodes: Int, bound: Double?, tiesSettled: Bool) -> Route {
        let day = completion(set)
        let report = report(set, on: day)
        let plan = schedule(set) ?? ([], today)
        let planned = plan.courses.map { row -> PlannedCourse in
            let c = candidates[row.index]
            let item = report.counted.first { $0.courseID == c.course.id }
            let fills = c.required ? "required course" : item?.minimum.map { "the \($0) minimum" } ?? (item == nil ? "nothing (not counted)" : "the total")
            return PlannedCourse(course: c.course, fromLearner: c.fromLearner, credits: c.credits, how: c.how, fills: fills,
                                 opens: LocalDate(daysSinceEpoch: c.release), start: LocalDate(daysSinceEpoch: row.study),
                                 studyEnd: LocalDate(daysSinceEpoch: row.studyEnd), end: LocalDate(daysSinceEpoch: row.earned), hours: c.hours)
        }
        var fees: [String: CreditCost] = [:]
        for i in set {
            let c = candidates[i]
            guard let fee = c.course.fee, let amount = Double(fee.amount), amount > 0 else { continue }
            let rate = fee.currency == currencies[0] ? nil : request.rates[fee.currency]
            let currency = rate != nil ? currencies[0] : fee.currency
            let value = rate.map { amount * $0 } ?? amount
            fees[currency, default: CreditCost(currency: currency, amount: 0, credits: 0)].amount += value
            fees[currency]!.credits += c.credits
        }
        let hours = inProgressHours + set.reduce(0) { $0 + candidates[$1].hours }
        let reason: String
        if day == today {
            reason = "nothing to wait for"
        } else {
            reason = "\(CreditFormat.label((hours * 10).rounded() / 10)) h of study, one course at a time, at \(CreditFormat.label((request.hoursPerWeek * 10).rounded() / 10)) h a week"
        }
        return Route(objective: request.objective, courses: planned, fees: fees.values.sorted { $0.currency < $1.currency },
                     unpriced: set.filter { !candidates[$0].priced }.map { candidates[$0].course.id },
                     completion: LocalDate(daysSinceEpoch: day), completionReason: reason, hoursPerWeek: request.hoursPerWeek,
                     hours: hours, underWayUntil: LocalDate(daysSinceEpoch: plan.underWayUntil), report: report, nodes: nodes, bound: bound,
                     homeCurrency: currencies[0], tiesSettled: tiesSettled)
    }

    /// The online cap's verdict before any search: if even every on-site course plus as many online credits as
    /// the cap admits (in part, which is generous) cannot reach the total, no route exists, and this says why.
    func capShortfall() -> String? {
        guard let room = onlineRoom else { return nil }
        var items = baseItems.map { (credits: $0.credits, weight: $0.weight) }
        items += candidates.map { ($0.credits, $0.credits * $0.onlineShare) }
        let onSite = items.filter { $0.weight <= 1e-12 }.reduce(0) { $0 + $1.credits }
        var left = room, online = 0.0
        for item in items.filter({ $0.weight > 1e-12 }).sorted(by: { $0.credits / $0.weight > $1.credits / $1.weight }) {
            let share = min(1, left / item.weight)
            guard share > 0 else { break }
            online += item.credits * share
            left -= item.weight * share
        }
        guard onSite + online < pathway.totalCredits - 1e-9 else { return nil }
        return "the online cap: at most \(CreditFormat.label(room)) of the \(CreditFormat.label(pathway.totalCredits)) credits may come from online teaching,"
            + " and your courses and the catalogs offer only \(CreditFormat.label(onSite)) on site, so at most \(CreditFormat.label(onSite + online)) can count"
    }

    /// Why no route exists: each rule that even every candidate together cannot meet, else the budget or time.
    func whyImpossible(stoppedAfter steps: Int?) -> [String] {
        if let steps { return ["the search stopped after \(steps) steps without finding a route; try --exclude or a smaller catalog"] }
        let all = Array(candidates.indices)
        let everything = report(all, on: today, earnedOn: today)
        let open = everything.rules.filter { !$0.met }
        if !open.isEmpty {
            return open.map { "with every course you hold and every catalog course that counts: \($0.text)" }
        }
        if let budget = request.budget {
            var unlimited = PlanSearch(model: self, budget: nil, nodeLimit: request.nodeLimit)
            unlimited.run()
            if let best = unlimited.best {
                let cost = best.set.reduce(0) { $0 + candidates[$1].cost[0] }
                return ["no route fits the budget of \(MoneyFormat.label(budget.amount)) \(budget.currency): the cheapest costs \(MoneyFormat.label(cost)) \(currencies[0])"]
            }
        }
        let once = candidates.filter { !$0.course.selfPaced && ($0.course.repeatWeeks ?? 0) == 0 }
        if !once.isEmpty {
            let names = once.prefix(5).map { "\($0.course.id) (\(LocalDate(daysSinceEpoch: $0.release)))" }.joined(separator: ", ")
            // Or shelf life: what a route takes first has stopped counting by the time it ends.
            let lapse = pathway.shelfLifeYears.map { "; or, credits counting \($0) year\($0 == 1 ? "" : "s"), what a route takes first has stopped counting by its end" } ?? ""
            return ["no route fits in time: one course at a time at \(CreditFormat.label((request.hoursPerWeek * 10).rounded() / 10)) h a week, you get to a course"
                    + " only after the ones before it, and these start once, before you could join: \(names)\(lapse); more hours a week (--hours-per-week) or --exclude may help"]
        }
        let lapsing = everything.counted.filter { $0.countsUntil != nil }.map { "\($0.title) counts until \($0.countsUntil!)" }
        return ["every route ends after credits it needs stop counting" + (lapsing.isEmpty ? "" : ": " + lapsing.joined(separator: "; "))]
    }
}

/// A credential the learner holds, as the bounds see it.
struct BaseItem {
    var credits: Double
    var weight: Double
    var countsThrough: Int
    var minimums: [Int]
}

extension PlanModel {
    /// What the held credentials still counting on `day` could give at best: the total and each minimum.
    func held(on day: Int) -> (items: [BaseItem], total: Double, minimums: [Double]) {
        let items = baseItems.filter { $0.countsThrough >= day }
        var minimums = [Double](repeating: 0, count: pathway.minimums.count)
        for item in items { for m in item.minimums { minimums[m] += item.credits } }
        return (items, items.reduce(0) { $0 + $1.credits }, minimums)
    }
}

/// The branch and bound over a model's candidates.
struct PlanSearch {
    let model: PlanModel
    var budget: Double?
    let nodeLimit: Int
    /// Limits the tie-breaking phase adds (see `breakTies`): the last day, and the most courses, a route may take.
    var lastDay: Int?
    var mostCourses: Int?
    /// How many figures of the key a bound must beat: the objective's own while proving it, all while
    /// breaking its ties. Bounds work out only the figures that are compared.
    var depth = 1
    var best: (key: [Double], set: [Int])?
    var nodes = 0
    /// The search's work, in candidates looked at: a bound's passes over them (which candidates are open,
    /// each cover until it has enough), `stepWork` a step, and what the credit engine costs on each route
    /// it checks (`engineWork`). Past `workLimit` it stops as past `nodeLimit`, so a step over a catalog of
    /// thousands, or covers of hundreds of small courses, counts for what it costs and no catalog keeps the
    /// planner for minutes.
    var work = 0
    let workLimit: Int
    var stopped = false
    /// The least lower bound of the branches left unexplored when the search stopped.
    var openBound: [Double]?

    /// What a bound adds up over the courses still to choose: the home fee, study hours, or one per course.
    enum Measure: Int, CaseIterable { case fee, hours, courses }

    /// For each measure, the multipliers of the online cap tried (see `capCover`) and, for each, the
    /// candidates in order of (measure + multiplier x cap weight) per credit.
    private var multipliers: [[Double]] = []
    private var orders: [[[(index: Int, price: Double)]]] = []
    private let byCredits: [Int]
    private let isForced: [Bool]
    /// For each of the pathway's minimums, which candidates count toward it.
    private let fills: [[Bool]]

    /// `workPerStep`: the work a step may cost on average (`workLimit` is `nodeLimit` times it).
    init(model: PlanModel, budget: Double?, nodeLimit: Int, workPerStep: Int = PlanSearch.workPerStep) {
        self.model = model
        self.budget = budget
        self.nodeLimit = nodeLimit
        let limit = nodeLimit.multipliedReportingOverflow(by: workPerStep)
        workLimit = limit.overflow ? .max : limit.partialValue
        let c = model.candidates
        var isForced = [Bool](repeating: false, count: c.count)
        for i in model.forced { isForced[i] = true }
        self.isForced = isForced
        fills = model.pathway.minimums.indices.map { m in c.map { $0.minimums.contains(m) } }
        byCredits = c.indices.sorted { c[$0].credits > c[$1].credits }
        for measure in Measure.allCases {
            var lambdas = [0.0]
            if model.onlineRoom != nil {
                // The cap's worth is about what a credit on site costs instead of one online: the grid is the
                // distinct on-site prices a credit (thinned to `multiplierGrid`), which `capCover` bisects.
                let prices = Set(c.filter { $0.onlineShare == 0 }.map { Self.value(of: $0, measure) / $0.credits }).sorted()
                let step = max(1, prices.count / Self.multiplierGrid)
                lambdas += stride(from: 0, to: prices.count, by: step).map { prices[$0] } + prices.suffix(1)
            }
            lambdas = Array(Set(lambdas)).sorted()
            multipliers.append(lambdas)
            orders.append(lambdas.map { lambda in
                c.indices.map { i in (i, Self.value(of: c[i], measure) + lambda * c[i].credits * c[i].onlineShare) }
                    .sorted { $0.price / c[$0.index].credits < $1.price / c[$1.index].credits }
            })
        }
    }

    /// At most about this many multipliers of the online cap per measure: the bisection in `capCover` tries
    /// about log2 of it, so a finer grid costs little per step and comes closer to the relaxation's optimum.
    static let multiplierGrid = 64

    /// See `work`. Measured (release, PERFORMANCE.md): 25-120 million units a second; a step over the demo's
    /// 40 courses costs about 250, so its searches still stop at their step limits; over hundreds of courses,
    /// or with routes the engine checks under a cap, a step costs far more, and 300,000 x 256 units stop
    /// the search in 1-3 s.
    static let workPerStep = 256
    /// The same for the tie-breaking phase, whose steps bound every figure of the key (three covers or more
    /// each): at 256 it settled no tie over 500 courses, at 2,048 those of the cheapest and the fewest.
    static let tieWorkPerStep = 2_048
    /// What a step costs besides the candidates it looks at (the schedule, the held credits on its day).
    static let stepWork = 64
    /// What the engine costs for each course of a route it checks, against one candidate looked at.
    static let engineWorkPerCourse = 64
    static let allocationStepsPerWork = 64

    /// Turns this search into the second phase for `found`, a route proved best on the objective: only
    /// routes as good on it are looked at (its figure becomes a budget, a last day or a most-courses), and
    /// the whole key is compared, so the search settles the tie-breaks.
    mutating func breakTies(of found: (key: [Double], set: [Int])) {
        let figure = model.objectiveFigure(of: found.key)
        switch model.request.objective {
        case .cost: budget = min(budget ?? .infinity, figure)
        case .time: lastDay = Int(figure)
        case .courses: mostCourses = Int(figure)
        }
        depth = found.key.count
        seed(found.set)
    }

    static func value(of c: PlanCandidate, _ measure: Measure) -> Double {
        switch measure {
        case .fee: return c.cost[0]
        case .hours: return c.occupancy
        case .courses: return 1
        }
    }

    /// A route known to work (from another objective's search): the search only looks for better ones.
    mutating func seed(_ set: [Int]) {
        guard model.isFeasible(set), budget.map({ b in set.reduce(0) { $0 + model.candidates[$1].cost[0] } <= b + 1e-9 }) ?? true else { return }
        let set = model.pruned(set)
        let key = model.key(set)
        if best == nil || PlanSearch.precedes(key, best!.key) { best = (key, set) }
    }

    /// Keys compared left to right, figures within a millionth taken as equal: fractional bounds are sums
    /// of quotients (2 x 150 + 200 can come to 500.0000000000001) and must not cut a route that costs 500.
    static func precedes(_ a: [Double], _ b: [Double], depth: Int = .max) -> Bool {
        for (x, y) in zip(a.prefix(depth), b.prefix(depth)) {
            let tolerance = 1e-6 * max(1, abs(y))
            if x < y - tolerance { return true }
            if x > y + tolerance { return false }
        }
        return false
    }

    mutating func run() {
        var state = SearchState(model: model)
        for i in model.forced { state.add(i, model) }
        visit(from: 0, &state)
    }

    /// What a branch may still add, from the limits: fee left in the budget, hours before the last day,
    /// courses, the last day itself, and online weight under the cap. A candidate that does not fit alone
    /// is no help to any route below.
    ///
    /// The cap's room is a dominance rule, not a limit: a route whose chosen online courses weigh more than
    /// the cap has some the rules leave out, and without them it is as feasible and no worse (`pruned`), so
    /// some best route keeps within it. Without this an online-heavy catalog is searched through every
    /// pile of online courses the cap then cuts down. One exception is left out on purpose: an uncounted
    /// online course whose only use is to delay a later one, so that it still counts at an end a cohort
    /// fixes (the schedule's order leaves out holding a course back in the same way; PLANNER.md).
    struct Room {
        var fee = Double.infinity
        var hours = Double.infinity
        var courses = Int.max
        var lastDay = Int.max
        var online = Double.infinity

        func fits(_ c: PlanCandidate) -> Bool {
            courses > 0 && c.cost[0] <= fee && c.occupancy <= hours && c.end <= lastDay && c.credits * c.onlineShare <= online
        }
    }

    private func room(_ state: SearchState) -> Room {
        var room = Room()
        if let budget { room.fee = budget - state.cost[0] + 1e-9 * max(1, budget) }
        if let lastDay {
            // Every route ends no sooner than its study hours at the weekly pace (`lowerBound`).
            let hours = Double(lastDay - model.today) * max(model.request.hoursPerWeek, 0.01) / 7
            room.hours = hours * (1 + 1e-9) + 1e-6 - model.inProgressHours - state.hours
            room.lastDay = lastDay
        }
        if let mostCourses { room.courses = mostCourses - state.set.count }
        if let cap = model.onlineRoom { room.online = cap - state.weight + 1e-9 }
        return room
    }

    /// One branch: the courses in `state` chosen, those before `k` decided. Taking a course recurses (as deep
    /// as a route is long); leaving it out loops, so a catalog of thousands never deepens the stack.
    private mutating func visit(from k: Int, _ state: inout SearchState) {
        guard admits(from: k, state) else { return }
        if state.meetsOptimistically(model), feasible(state.set) {
            // Courses taken on the way that the rules end up not counting only delay the route: without them
            // it is often the route the bounds are waiting for.
            let set = model.pruned(state.set)
            work += state.set.count * engineWork(state.set)
            let key = model.key(set)
            if best == nil || PlanSearch.precedes(key, best!.key) { best = (key, set) }
            return
        }
        let room = room(state)
        let candidates = model.candidates
        var i = k
        while true {
            while i < candidates.count && (isForced[i] || !room.fits(candidates[i])) { i += 1 }
            guard i < candidates.count else { return }
            // Take it...
            state.add(i, model)
            visit(from: i + 1, &state)
            state.remove(i, model)
            // ...or leave it and every candidate identical to it (a route takes identical ones in order).
            let group = model.groups[i]
            i += 1
            while i < candidates.count && model.groups[i] == group { i += 1 }
            guard admits(from: i, state) else { return }
        }
    }

    private mutating func feasible(_ set: [Int]) -> Bool {
        work += engineWork(set)
        return model.isFeasible(set)
    }

    /// What the credit engine costs on the learner's courses plus `set`, in the units of `work`. Without an
    /// online cap, about `engineWorkPerCourse` a course. Under one it chooses the online courses that count
    /// whole (`CreditAllocation`): every set of up to 12 online courses, each checked against the others;
    /// past 12, every set of those a rule cares about, each packing the rest in a table of (courses x the
    /// cap in thousandths of a credit). Those inner steps are cheap: measured (release) at 50-150 to a unit
    /// of work, so they count `allocationStepsPerWork` to one.
    func engineWork(_ set: [Int]) -> Int {
        let courses = model.base.count + set.count
        let plain = Self.engineWorkPerCourse * courses
        let pathway = model.pathway
        guard pathway.maxOnlineShare != nil || pathway.maxOnlineCoursesShare != nil else { return plain }
        var online = 0, special = 0
        for course in model.base where course.mode.onlineShare(stated: course.onlineShare) > 0 {
            online += 1
            if pathway.requiredCourses.contains(course.id) || pathway.minimums.contains(where: { $0.accepts(course.category) }) { special += 1 }
        }
        for i in set where model.candidates[i].onlineShare > 0 {
            online += 1
            if model.candidates[i].required || !model.candidates[i].minimums.isEmpty { special += 1 }
        }
        let limit = CreditAllocation.exhaustiveOnlineLimit
        let per = Self.allocationStepsPerWork
        if online <= limit { return plain + (1 << online) * online * courses / per }
        guard pathway.maxOnlineCoursesShare == nil, let share = pathway.maxOnlineShare, special <= limit else { return plain * online }
        let table = (online - special) * (Int(share * pathway.totalCredits * 1000) + 1)
        return table <= CreditAllocation.knapsackLimit ? plain + (1 << special) * table / per : plain * online
    }

    /// Whether the branch (`state`, candidates from `k` open) can still hold a better route; counts the step.
    private mutating func admits(from k: Int, _ state: SearchState) -> Bool {
        nodes += 1
        work += Self.stepWork
        if let budget, state.cost[0] > budget + 1e-9 * max(1, budget) { return false }
        guard let bound = lowerBound(from: k, state) else { return false }
        if let best, !PlanSearch.precedes(bound, best.key, depth: depth) { return false }
        if nodes > nodeLimit || work > workLimit {
            stopped = true
            if openBound == nil || PlanSearch.precedes(bound, openBound!) { openBound = bound }
            return false
        }
        return true
    }

    /// A key no route through this branch can beat, or nil when no route through it meets the rules. Only
    /// the figures the search compares (`depth`) are bounded; the others are left at what is chosen.
    private mutating func lowerBound(from k: Int, _ state: SearchState) -> [Double]? {
        let c = model.candidates
        let room = room(state)
        // Which candidates are still open, worked out once for every cover below.
        var open = [Bool](repeating: false, count: c.count)
        for i in k..<max(k, c.count) where !isForced[i] && room.fits(c[i]) { open[i] = true }
        work += c.count + state.set.count
        let objective = model.request.objective
        let boundsFee = depth > 1 || objective == .cost || budget != nil
        // The day also tells which held credentials lapse before it, which every bound needs when some can.
        let boundsHours = depth > 1 || objective == .time || model.lapses
        let boundsCourses = depth > 1 || objective == .courses
        let perWeek = max(model.request.hoursPerWeek, 0.01)
        let chosenEnd = model.completion(state.set)
        // A cohort the branch needs is already gone, and more courses only delay the schedule further.
        if chosenEnd == PlanModel.unschedulable { return nil }
        // No route here ends before `day`, so credentials that stop counting before it are no help; fewer
        // held credits need more study, which moves `day` again: repeat until it stays (a few rounds).
        var day = max(chosenEnd, model.today + Int(((model.inProgressHours + state.hours) * 7 / perWeek - 1e-9).rounded(.up)))
        var extraCost = 0.0, extraCount = 0
        for _ in 0..<4 {
            let held = model.held(on: day)
            // The total, under the online cap.
            var hours = 0.0
            guard let total = capCover(boundsFee ? .fee : boundsHours ? .hours : .courses, open, state, held.items) else { return nil }
            if boundsFee { extraCost = total } else if boundsHours { hours = total } else { extraCount = Int((total - 1e-6).rounded(.up)) }
            if boundsFee && boundsHours { guard let h = capCover(.hours, open, state, held.items) else { return nil }; hours = h }
            if boundsCourses && (boundsFee || boundsHours) {
                guard let n = capCover(.courses, open, state, held.items) else { return nil }
                extraCount = Int((n - 1e-6).rounded(.up))
            }
            // Each category minimum alone (the cap left aside).
            var needs: [(need: Double, minimum: Int?)] = [(model.pathway.totalCredits - held.total - state.total, nil)]
            for (m, got) in state.minimums.enumerated() {
                needs.append((model.pathway.minimums[m].credits - held.minimums[m] - got, m))
            }
            for (need, minimum) in needs where need > 1e-9 {
                let accepts = minimum.map { fills[$0] } ?? open
                if boundsFee {
                    guard let cost = cover(need, .fee, accepts, open) else { return nil }
                    extraCost = max(extraCost, cost)
                }
                if boundsHours {
                    guard let time = cover(need, .hours, accepts, open) else { return nil }
                    hours = max(hours, time)
                }
                var count = 0
                var left = need
                var scanned = 0
                for i in byCredits {
                    scanned += 1
                    guard open[i] && accepts[i] else { continue }
                    count += 1
                    left -= c[i].credits
                    if left <= 1e-9 { break }
                }
                work += scanned
                guard left <= 1e-9 else { return nil }
                extraCount = max(extraCount, count)
            }
            guard boundsHours else { break }
            let work = model.inProgressHours + state.hours + hours
            let next = max(chosenEnd, model.today + Int((work * 7 / perWeek - 1e-9).rounded(.up)))
            if next <= day { break }
            // Only a credential lapsing in between changes the covers: otherwise they stand for the later day.
            let lapsed = model.held(on: next).items.count < held.items.count
            day = next
            if !lapsed { break }
        }
        var cost = state.cost
        cost[0] += extraCost
        // Fees come in whole steps (500 INR, say): a route's fee is a multiple, so the bound is too.
        if model.feeStep > 0, cost[0] > 0 { cost[0] = ((cost[0] / model.feeStep) - 1e-6).rounded(.up) * model.feeStep }
        if let budget, cost[0] > budget + 1e-9 * max(1, budget) { return nil }
        return model.key(cost: cost, day: day, count: state.set.count + extraCount)
    }

    /// The least `measure` the open candidates `accepts` takes must add to give `need` credits, parts of
    /// courses allowed (the cap left aside); nil when they cannot.
    private mutating func cover(_ need: Double, _ measure: Measure, _ accepts: [Bool], _ open: [Bool]) -> Double? {
        let c = model.candidates
        var left = need, sum = 0.0
        let order = orders[measure.rawValue][0]
        for (position, (i, _)) in order.enumerated() where open[i] && accepts[i] {
            let take = min(left, c[i].credits)
            sum += take * Self.value(of: c[i], measure) / c[i].credits
            left -= take
            if left <= 1e-9 { work += position + 1; return sum }
        }
        work += order.count
        return nil
    }

    /// The least `measure` the open candidates must add for the total to be met under the online cap: the
    /// linear relaxation's Lagrangian bound, max over the multipliers tried of
    ///   (fractional cover of the total, each credit at (measure + multiplier x its cap weight)) - multiplier x cap,
    /// where credits already held or chosen cost only their cap weight. Every multiplier gives a valid bound
    /// (weak duality). The bound is concave in the multiplier, and the cover's weight against the cap is its
    /// slope: more than the cap, a larger multiplier does better; so the grid is bisected on that weight, and
    /// the best multiplier of the grid is found in about log2 of its size covers. nil when even every open
    /// candidate cannot reach the total.
    private mutating func capCover(_ measure: Measure, _ open: [Bool], _ state: SearchState, _ base: [BaseItem]) -> Double? {
        var fixed = base.map { (credits: $0.credits, weight: $0.weight) }
        for i in state.set { fixed.append((model.candidates[i].credits, model.candidates[i].credits * model.candidates[i].onlineShare)) }
        // Held and chosen credits go first where they are cheaper: merged into the candidates' order, which
        // for them is their cap weight per credit whatever the multiplier.
        let held = fixed.sorted { $0.weight / $0.credits < $1.weight / $1.credits }
        guard let free = lagrangian(measure, 0, open, held) else { return nil }
        guard let room = model.onlineRoom, free.weight > room + 1e-9 else { return free.bound }
        var best = free.bound
        var low = 1, high = multipliers[measure.rawValue].count - 1
        while low <= high {
            let mid = (low + high) / 2
            guard let at = lagrangian(measure, mid, open, held) else { return best }
            best = max(best, at.bound)
            if at.weight > room + 1e-9 { low = mid + 1 } else { high = mid - 1 }
        }
        return best
    }

    /// The Lagrangian cover at the `index`th multiplier: its bound and the cap weight the cover uses.
    private mutating func lagrangian(_ measure: Measure, _ index: Int, _ open: [Bool],
                            _ held: [(credits: Double, weight: Double)]) -> (bound: Double, weight: Double)? {
        let c = model.candidates
        let lambda = multipliers[measure.rawValue][index]
        var h = 0
        var left = model.pathway.totalCredits, sum = 0.0, weight = 0.0
        var reached = false
        func take(_ credits: Double, _ price: Double, _ itemWeight: Double) {
            let t = min(left, credits)
            sum += t * price / credits
            weight += t * itemWeight / credits
            left -= t
            if left <= 1e-9 { reached = true }
        }
        let order = orders[measure.rawValue][index]
        var scanned = order.count
        for (position, (i, price)) in order.enumerated() where open[i] {
            let ratio = price / c[i].credits
            while h < held.count, lambda * held[h].weight / held[h].credits <= ratio, !reached {
                take(held[h].credits, lambda * held[h].weight, held[h].weight)
                h += 1
            }
            if !reached { take(c[i].credits, price, c[i].credits * c[i].onlineShare) }
            if reached { scanned = position + 1; break }
        }
        while h < held.count, !reached {
            take(held[h].credits, lambda * held[h].weight, held[h].weight)
            h += 1
        }
        work += scanned + h
        guard reached else { return nil }
        return (sum - lambda * (model.onlineRoom ?? 0), weight)
    }
}

/// The running sums of a branch's chosen courses.
struct SearchState {
    /// Whether whole online courses whose weights fit in `room` can give `need` credits: a 0/1 knapsack by
    /// branch and bound (`items` sorted by credits per weight, best first, so the fractional rest is a bound),
    /// stopping at the first set that gives enough. With weights all alike this is subset sum, exponential
    /// when no set hits the room exactly, so after `steps` branches it answers yes: a pre-filter may only
    /// let through what the engine then decides, never turn away a set that could meet the rules.
    static func canReach(_ need: Double, _ items: [(credits: Double, weight: Double)], room: Double, steps: Int = 2_000) -> Bool {
        var left = steps
        func visit(_ k: Int, _ space: Double, _ got: Double) -> Bool {
            if got >= need - 1e-9 { return true }
            guard k < items.count else { return false }
            left -= 1
            if left < 0 { return true }
            var bound = got, rest = space
            for item in items[k...] {
                if item.weight <= rest { bound += item.credits; rest -= item.weight } else { bound += item.credits * rest / item.weight; break }
            }
            guard bound >= need - 1e-9 else { return false }
            if items[k].weight <= space, visit(k + 1, space - items[k].weight, got + items[k].credits) { return true }
            return visit(k + 1, space, got)
        }
        return visit(0, room, 0)
    }

    var set: [Int] = []
    var total = 0.0
    var minimums: [Double]
    var cost: [Double]
    /// Study hours the chosen courses occupy in the schedule (`PlanCandidate.occupancy`).
    var hours = 0.0
    /// Weight against the online cap of the chosen courses.
    var weight = 0.0

    init(model: PlanModel) {
        minimums = [Double](repeating: 0, count: model.pathway.minimums.count)
        cost = [Double](repeating: 0, count: model.currencies.count)
    }

    mutating func add(_ i: Int, _ model: PlanModel) { apply(i, model, sign: 1); set.append(i) }
    mutating func remove(_ i: Int, _ model: PlanModel) { apply(i, model, sign: -1); set.removeLast() }

    private mutating func apply(_ i: Int, _ model: PlanModel, sign: Double) {
        let c = model.candidates[i]
        total += sign * c.credits
        for m in c.minimums { minimums[m] += sign * c.credits }
        for k in cost.indices { cost[k] += sign * c.cost[k] }
        hours += sign * c.occupancy
        weight += sign * c.credits * c.onlineShare
    }

    /// Every total and minimum reached if nothing lapsed and online courses could count in part: worth
    /// asking the engine. Under a cap, the most credits that fit it (fractionally) must reach the total.
    /// Chosen courses earned so long before the route ends that their credits have stopped counting by then
    /// (shelf life) are left out, as the engine would leave them out.
    func meetsOptimistically(_ model: PlanModel) -> Bool {
        guard let plan = model.schedule(set) else { return false }
        let day = model.completion(of: plan)
        let held = model.held(on: day)
        var counted = held.total, filled = held.minimums
        var items = held.items.map { (credits: $0.credits, weight: $0.weight) }
        for row in plan.courses where model.stillCounts(earned: row.earned, on: day) {
            let c = model.candidates[row.index]
            counted += c.credits
            for m in c.minimums { filled[m] += c.credits }
            items.append((c.credits, c.credits * c.onlineShare))
        }
        guard counted >= model.pathway.totalCredits - 1e-9 else { return false }
        for (m, got) in filled.enumerated() where got < model.pathway.minimums[m].credits - 1e-9 { return false }
        guard let room = model.onlineRoom else { return true }
        let onSite = items.filter { $0.weight <= 1e-12 }.reduce(0) { $0 + $1.credits }
        let online = items.filter { $0.weight > 1e-12 }.sorted { $0.credits / $0.weight > $1.credits / $1.weight }
        return SearchState.canReach(model.pathway.totalCredits - onSite, online, room: room + 1e-9)
    }
}
