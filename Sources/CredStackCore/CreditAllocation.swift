/// Which credentials count, whole, under a pathway's online caps, and which category minimum each fills.
///
/// Credits move whole (UGC 2022: a course is counted in full or not at all), so the online cap admits
/// online courses, never parts of them: of every set of online courses that fits under the cap (in
/// credits, a blended course by its online share, and in courses where the pathway says so), the one that
/// meets the most requirements, then counts the most credits, then keeps the courses listed first.
/// A credential whose category fits several minimums is a choice too; all combinations are tried, so the
/// answer is exact and the same on every run.
enum CreditAllocation {
    struct Result {
        var counted: [CountedCredit]
        /// Online courses the caps left out, each with the reason.
        var leftOut: [ExcludedCredit]
    }

    /// Above this many combinations the minimum choices are made greedily (largest shortfall first).
    static let exhaustiveLimit = 200_000
    /// Up to this many online courses every set is tried. Beyond it, every set of the courses that matter to a
    /// rule (required, or in a category a minimum takes) is tried, and the rest fill what room is left as
    /// exactly as a knapsack can; only past that are courses admitted greedily (required first, then larger).
    static let exhaustiveOnlineLimit = 12
    /// The largest knapsack table (courses x room in thousandths of a credit) filled exactly.
    static let knapsackLimit = 20_000_000

    static func solve(_ items: [CountedCredit], _ pathway: Pathway) -> Result {
        let online = items.indices.filter { items[$0].onlineShare > 0 }
        let capped = pathway.maxOnlineShare != nil || pathway.maxOnlineCoursesShare != nil
        guard capped, !online.isEmpty else { return Result(counted: assignMinimums(items, pathway), leftOut: []) }
        let onSite = items.indices.filter { items[$0].onlineShare == 0 }

        var admitted: [Int]
        if online.count <= exhaustiveOnlineLimit {
            var best: (score: (met: Int, credits: Double), chosen: [Int], counted: [CountedCredit])?
            // Masks from all-in down: the first of equal score keeps the courses listed first.
            for mask in stride(from: (1 << online.count) - 1, through: 0, by: -1) {
                let chosen = online.indices.filter { mask & (1 << (online.count - 1 - $0)) != 0 }.map { online[$0] }
                let set = onSite + chosen
                guard fits(set, items, pathway) else { continue }
                // Only sets that no further online course fits into: adding a course never lowers the score.
                guard !online.contains(where: { !chosen.contains($0) && fits(set + [$0], items, pathway) }) else { continue }
                let counted = assignMinimums(set.sorted().map { items[$0] }, pathway)
                let score = CreditAllocation.score(counted, pathway)
                if best == nil || score.met > best!.score.met || (score.met == best!.score.met && score.credits > best!.score.credits + 1e-9) {
                    best = (score, chosen, counted)
                }
            }
            admitted = onSite + (best?.chosen ?? [])
        } else if let exact = knapsackChoice(onSite: onSite, online: online, items, pathway) {
            admitted = exact
        } else {
            admitted = onSite
            let order = online.sorted { a, b in
                (items[a].required ? 1 : 0, items[a].credits, -a) > (items[b].required ? 1 : 0, items[b].credits, -b)
            }
            for i in order where fits(admitted + [i], items, pathway) { admitted.append(i) }
        }
        admitted.sort()
        let leftOut = online.filter { !admitted.contains($0) }.map { i in
            ExcludedCredit(courseID: items[i].courseID, title: items[i].title, credits: items[i].credits,
                           reason: capReason(admitted.map { items[$0] }, adding: items[i], pathway))
        }
        return Result(counted: assignMinimums(admitted.map { items[$0] }, pathway), leftOut: leftOut)
    }

    /// Many online courses under a credits cap: each set of the ones a rule cares about, with the others
    /// packed into the room left for the most credits (0/1 knapsack on thousandths of a credit). Nil when
    /// that is not exact here (a cap on the number of courses, too many rule courses, too big a table).
    static func knapsackChoice(onSite: [Int], online: [Int], _ items: [CountedCredit], _ pathway: Pathway) -> [Int]? {
        guard pathway.maxOnlineCoursesShare == nil, let share = pathway.maxOnlineShare else { return nil }
        let special = online.filter { i in items[i].required || pathway.minimums.contains { $0.accepts(items[i].category) } }
        let plain = online.filter { !special.contains($0) }
        let room = Int((share * pathway.totalCredits * 1000 + 1e-6).rounded(.down))
        guard special.count <= exhaustiveOnlineLimit, plain.count * (room + 1) <= knapsackLimit else { return nil }
        var best: (score: (met: Int, credits: Double), set: [Int])?
        for mask in stride(from: (1 << special.count) - 1, through: 0, by: -1) {
            let chosen = special.indices.filter { mask & (1 << (special.count - 1 - $0)) != 0 }.map { special[$0] }
            let base = onSite + chosen
            guard fits(base, items, pathway) else { continue }
            let used = chosen.reduce(0) { $0 + weight(items[$1]) }
            let set = (base + pack(plain, into: room - used, items)).sorted()
            let score = CreditAllocation.score(assignMinimums(set.map { items[$0] }, pathway), pathway)
            if best == nil || score.met > best!.score.met || (score.met == best!.score.met && score.credits > best!.score.credits + 1e-9) {
                best = (score, set)
            }
        }
        return best?.set ?? onSite
    }

    /// An online course's weight against the cap, in thousandths of a credit.
    static func weight(_ item: CountedCredit) -> Int { Int((item.credits * item.onlineShare * 1000).rounded(.up)) }

    /// The subset of `candidates` with the most credits whose weights fit in `room`; of equal ones, the one
    /// the earlier courses make.
    static func pack(_ candidates: [Int], into room: Int, _ items: [CountedCredit]) -> [Int] {
        guard room > 0, !candidates.isEmpty else { return [] }
        let width = room + 1
        var best = [Double](repeating: 0, count: width)
        var took = [Bool](repeating: false, count: candidates.count * width)
        // Later courses first, so when they tie the earlier ones, reconstructing from the earliest keeps those.
        for (k, i) in candidates.enumerated().reversed() {
            let w = weight(items[i])
            guard w <= room else { continue }
            for r in stride(from: room, through: w, by: -1) where best[r - w] + items[i].credits > best[r] + 1e-9 {
                best[r] = best[r - w] + items[i].credits
                took[k * width + r] = true
            }
        }
        var chosen: [Int] = []
        var r = room
        for (k, i) in candidates.enumerated() where r >= 0 && took[k * width + r] {
            chosen.append(i)
            r -= weight(items[i])
        }
        return chosen
    }

    /// Whether the courses `set` (indices into `items`) keep within the pathway's online caps.
    static func fits(_ set: [Int], _ items: [CountedCredit], _ pathway: Pathway) -> Bool {
        let chosen = set.map { items[$0] }
        if let share = pathway.maxOnlineShare, onlineCredits(chosen) > share * pathway.totalCredits + 1e-9 { return false }
        if let share = pathway.maxOnlineCoursesShare, onlineCourses(chosen) > share * Double(chosen.count) + 1e-9 { return false }
        return true
    }

    static func onlineCredits(_ items: [CountedCredit]) -> Double { items.reduce(0) { $0 + $1.credits * $1.onlineShare } }
    static func onlineCourses(_ items: [CountedCredit]) -> Double { items.reduce(0) { $0 + $1.onlineShare } }

    /// Why an online course was left out: the cap it would break, with the figures.
    static func capReason(_ counted: [CountedCredit], adding item: CountedCredit, _ pathway: Pathway) -> String {
        let with = counted + [item]
        let unknown = item.modeUnknown ? " (its mode is not recorded, so it counts as online)" : ""
        if let share = pathway.maxOnlineShare, onlineCredits(with) > share * pathway.totalCredits + 1e-9 {
            return "over the \(CreditEngine.percent(share)) online cap: with it, online credits would be \(CreditFormat.label(onlineCredits(with)))"
                + " of at most \(CreditFormat.label(share * pathway.totalCredits)); courses count whole\(unknown)"
        }
        let share = pathway.maxOnlineCoursesShare ?? 0
        return "over the \(CreditEngine.percent(share)) share of online courses: with it, \(CreditFormat.label(onlineCourses(with))) of"
            + " \(with.count) courses counted would be online\(unknown)"
    }

    /// Requirements met (each minimum, the total, each required course), then credits counted.
    static func score(_ counted: [CountedCredit], _ pathway: Pathway) -> (met: Int, credits: Double) {
        let credits = counted.reduce(0) { $0 + $1.credits }
        var met = credits >= pathway.totalCredits - 1e-9 ? 1 : 0
        for minimum in pathway.minimums {
            let got = counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.credits }
            if got >= minimum.credits - 1e-9 { met += 1 }
        }
        met += counted.filter(\.required).count
        return (met, credits)
    }

    /// Sets the minimum each item fills, trying every combination of the two-way choices.
    static func assignMinimums(_ items: [CountedCredit], _ pathway: Pathway) -> [CountedCredit] {
        let fits = items.map { item in pathway.minimums.indices.filter { pathway.minimums[$0].accepts(item.category) } }
        let choices = items.indices.filter { fits[$0].count > 1 }
        var picks = fits.map { $0.first }
        var combinations = 1
        for i in choices { combinations = min(combinations * fits[i].count, exhaustiveLimit + 1) }

        guard combinations <= exhaustiveLimit else {
            for i in choices { picks[i] = greedyPick(i, fits[i], items, picks, pathway) }
            return apply(items, picks, pathway)
        }
        var best = apply(items, picks, pathway)
        var bestScore = score(best, pathway)
        var digits = [Int](repeating: 0, count: choices.count)
        while let position = digits.indices.last(where: { digits[$0] + 1 < fits[choices[$0]].count }) {
            digits[position] += 1
            for later in (position + 1)..<digits.count { digits[later] = 0 }
            for (k, i) in choices.enumerated() { picks[i] = fits[i][digits[k]] }
            let candidate = apply(items, picks, pathway)
            let candidateScore = score(candidate, pathway)
            if candidateScore.met > bestScore.met || (candidateScore.met == bestScore.met && candidateScore.credits > bestScore.credits + 1e-9) {
                best = candidate
                bestScore = candidateScore
            }
        }
        return best
    }

    static func greedyPick(_ i: Int, _ fit: [Int], _ items: [CountedCredit], _ picks: [Int?], _ pathway: Pathway) -> Int {
        func shortfall(_ m: Int) -> Double {
            let got = items.indices.filter { picks[$0] == m && $0 < i }.reduce(0) { $0 + items[$1].credits }
            return pathway.minimums[m].credits - got
        }
        return fit.max { shortfall($0) < shortfall($1) }!
    }

    static func apply(_ items: [CountedCredit], _ picks: [Int?], _ pathway: Pathway) -> [CountedCredit] {
        var out = items
        for i in out.indices { out[i].minimum = picks[i].map { pathway.minimums[$0].name } }
        return out
    }
}
