/// Which category minimum each counted credential fills, and which online credits the online cap
/// leaves out. A credential whose category fits several minimums is a choice; all combinations of those
/// choices are tried (learners have a handful), keeping the first that meets the most requirements and
/// then counts the most credits, so the answer is exact and the same on every run.
enum CreditAllocation {
    struct Result {
        var counted: [CountedCredit]
        var onlineCut: Double
    }

    /// Above this many combinations the choices are made greedily (largest shortfall first).
    static let exhaustiveLimit = 200_000

    static func solve(_ items: [CountedCredit], _ pathway: Pathway) -> Result {
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

    /// Requirements met (each minimum, the total, each required course), then credits counted.
    static func score(_ result: Result, _ pathway: Pathway) -> (met: Int, credits: Double) {
        let counted = result.counted.reduce(0) { $0 + $1.counted }
        var met = counted >= pathway.totalCredits ? 1 : 0
        for minimum in pathway.minimums {
            let got = result.counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.counted }
            if got >= minimum.credits { met += 1 }
        }
        met += result.counted.filter { $0.required && $0.counted > 0 }.count
        return (met, counted)
    }

    static func greedyPick(_ i: Int, _ fit: [Int], _ items: [CountedCredit], _ picks: [Int?], _ pathway: Pathway) -> Int {
        func shortfall(_ m: Int) -> Double {
            let got = items.indices.filter { picks[$0] == m && $0 < i }.reduce(0) { $0 + items[$1].credits }
            return pathway.minimums[m].credits - got
        }
        return fit.max { shortfall($0) < shortfall($1) }!
    }

    /// Sets each item's minimum, then cuts online credits over the cap where the cut harms least:
    /// credits counting toward the total only, then surplus inside a minimum, then the rest, and
    /// required courses last. Later entries in the file are cut first.
    static func apply(_ items: [CountedCredit], _ picks: [Int?], _ pathway: Pathway) -> Result {
        var out = items
        for i in out.indices { out[i].minimum = picks[i].map { pathway.minimums[$0].name } }
        guard let share = pathway.maxOnlineShare else { return Result(counted: out, onlineCut: 0) }
        let online = out.filter(\.online).reduce(0) { $0 + $1.credits }
        var excess = online - share * pathway.totalCredits
        guard excess > 1e-9 else { return Result(counted: out, onlineCut: 0) }
        let cutTotal = excess

        var surplus = pathway.minimums.map { m in out.filter { $0.minimum == m.name }.reduce(0) { $0 + $1.credits } - m.credits }
        func cut(_ i: Int, atMost limit: Double) -> Double {
            let amount = min(excess, out[i].counted, max(0, limit))
            out[i].counted -= amount
            excess -= amount
            return amount
        }
        let order = out.indices.reversed().filter { out[$0].online }
        for i in order where !out[i].required && picks[i] == nil { _ = cut(i, atMost: .infinity) }
        for i in order where !out[i].required { if let m = picks[i] { surplus[m] -= cut(i, atMost: surplus[m]) } }
        for i in order where !out[i].required { _ = cut(i, atMost: .infinity) }
        for i in order { _ = cut(i, atMost: .infinity) }
        return Result(counted: out, onlineCut: cutTotal)
    }
}
