/// The engine's answer for one pathway: every figure with the words that explain it.
public struct PathwayReport: Hashable, Sendable {
    public var pathway: Pathway
    public var counted: [CountedCredit]
    public var excluded: [ExcludedCredit]
    public var inProgress: [CourseCredit]
    /// Each rule the pathway states, in file order, met or not.
    public var rules: [RuleCheck]
    public var projection: Projection
    public var nextStep: NextStep?
    public var costs: [CreditCost]
    /// Credits of the online courses left out, whole, because the pathway's online cap was reached.
    public var onlineCut: Double

    public var countedCredits: Double { counted.reduce(0) { $0 + $1.credits } }
    public var inProgressCredits: Double { inProgress.reduce(0) { $0 + $1.credits } }
    public var missingCredits: Double { max(0, pathway.totalCredits - countedCredits) }

    /// Credits still to earn for every rule: the total's shortfall, or, when the total is reached but a
    /// category minimum or a required course is not, what those need.
    public var neededCredits: Double { needed(countingInProgress: false) }

    /// As `neededCredits`, with every course in progress earned (each toward the first minimum its category fills).
    func needed(countingInProgress: Bool) -> Double {
        let going = countingInProgress ? inProgress : []
        var rules = 0.0
        for minimum in pathway.minimums {
            let got = counted.filter { $0.minimum == minimum.name }.reduce(0) { $0 + $1.credits }
                + going.filter { minimum.accepts($0.category) }.reduce(0) { $0 + $1.credits }
            rules += max(0, minimum.credits - got)
        }
        return max(0, pathway.totalCredits - countedCredits - going.reduce(0) { $0 + $1.credits }, rules)
    }
    public var isMet: Bool { rules.allSatisfy(\.met) }

    /// Gauge segments, each within the total: counted, then in progress up to what is missing, then the rest.
    public var gaugeSegments: (counted: Double, inProgress: Double, missing: Double) {
        let total = pathway.totalCredits
        let done = min(countedCredits, total)
        let going = min(inProgressCredits, total - done)
        return (done, going, total - done - going)
    }

    /// Counted credits that stop counting within `days` (expiry or shelf life).
    public func expiring(within days: Int, today: LocalDate) -> [CountedCredit] {
        counted.filter { $0.countsUntil.map { today.days(until: $0) <= days } ?? false }
    }

    /// Credits counted from online teaching, as the cap weighs them (a blended course by its share).
    public var onlineCredits: Double { counted.reduce(0) { $0 + $1.credits * $1.onlineShare } }
}

/// A credential that counts, whole: what it is worth here, how that was worked out, where it went.
public struct CountedCredit: Hashable, Sendable {
    public var courseID: String
    public var title: String
    /// Worth under this pathway's rules.
    public var credits: Double
    /// "2 credits on the credential", "120 h / 30 h per credit = 4 credits (rounded down)".
    public var how: String
    /// The category minimum these credits went to; nil counts toward the total only.
    public var minimum: String?
    public var category: String
    /// The share of it an online cap weighs: 1 online (or mode unknown), 0 on site, a blended course's share.
    public var onlineShare: Double
    /// The course's mode was not recorded, so the online cap counted it as online.
    public var modeUnknown: Bool
    public var required: Bool
    /// The last day it counts: the day before the credential expires or its shelf life ends.
    public var countsUntil: LocalDate?
    /// When the credential was issued (the pace counts what was earned lately).
    public var issued: LocalDate?
}

public struct ExcludedCredit: Hashable, Sendable {
    public var courseID: String
    public var title: String
    public var credits: Double?
    public var reason: String

    /// "AWS Cloud, 4 credits: expired on 2027-03-14".
    public var line: String { "\(title), \(credits.map(CreditFormat.count) ?? "no credits"): \(reason)" }
}

/// An enrolled course (no credential yet) and what it will be worth here.
public struct CourseCredit: Hashable, Sendable {
    public var courseID: String
    public var title: String
    public var credits: Double
    public var how: String
    public var category: String = ""
}

public struct RuleCheck: Hashable, Sendable {
    public var text: String
    public var met: Bool
}

public enum Projection: Hashable, Sendable {
    case reached
    case none(reason: String)
    /// The day the total is reached, `days` from today at `pace`; `needed` includes credits that expire on
    /// the way.
    case reaches(date: LocalDate, days: Int, pace: Pace, needed: Double, expiring: [CountedCredit])
    case beyondHorizon(pace: Pace)
    /// Credits earned at this pace stop counting (shelf life) before enough of them are held at once.
    case outpacedByShelfLife(pace: Pace, years: Int)

    public var shortLabel: String {
        switch self {
        case .reached: return "total reached"
        case .none: return "no projection yet"
        case .reaches(let date, _, let pace, _, _): return (pace.early ? "early: ~" : "reach ~") + date.description
        case .beyondHorizon: return "over 50 years at this pace"
        case .outpacedByShelfLife: return "out of reach at this pace"
        }
    }

    public var compactLabel: String {
        switch self {
        case .reached: return "done"
        case .none: return "no pace yet"
        case .reaches(let date, _, _, _, _): return "~" + date.description
        case .beyondHorizon: return "50+ yrs"
        case .outpacedByShelfLife: return "too slow"
        }
    }
}

/// The learner's real pace: what it is measured from, over which days, and what it comes to.
public struct Pace: Hashable, Sendable {
    public enum Basis: Hashable, Sendable {
        /// Study time turned into credits through the pathway's hours per credit.
        case studyTime(minutes: Int, hoursPerCredit: Double)
        /// Credentials issued in the window, for a pathway that does not turn hours into credits.
        case credentials(credits: Double)
    }

    public var basis: Basis
    /// The days measured, ending today: from the first study (or credential), at least 14, at most 84.
    public var windowDays: Int
    /// Fewer than 28 days of history: said, because a date from a few days says little.
    public var early: Bool

    /// Credits a day as an exact fraction (what the date is computed from).
    public var creditsPerDay: ExactCredits {
        switch basis {
        case .studyTime(let minutes, let perCredit):
            return ExactCredits(Int128(minutes)) / (ExactCredits(perCredit) * ExactCredits(60) * ExactCredits(Int128(windowDays)))
        case .credentials(let credits):
            return ExactCredits(credits) / ExactCredits(Int128(windowDays))
        }
    }

    public var creditsPerWeek: Double { (creditsPerDay * ExactCredits(7)).double }

    /// The rate the days come from, in the units it was measured in: "42h per 84 days at 30 h per credit",
    /// "3 credits per 84 days".
    public var rateText: String {
        switch basis {
        case .studyTime(let minutes, let perCredit):
            return "\(StudyDuration.label(minutes: minutes)) per \(windowDays) days at \(CreditFormat.label(perCredit)) h per credit"
        case .credentials(let credits):
            return "\(CreditFormat.count(credits)) per \(windowDays) days"
        }
    }

    /// "42h studied in the last 84 days / 30 h per credit = 1.4 credits, 0.117 a week".
    public var text: String {
        let window = "the last \(windowDays) days" + (early ? " (early estimate: fewer than 4 weeks of history)" : "")
        switch basis {
        case .studyTime(let minutes, let perCredit):
            let credits = Double(minutes) / 60 / perCredit
            return "\(StudyDuration.label(minutes: minutes)) studied in \(window) / \(CreditFormat.label(perCredit)) h per credit"
                + " = \(CreditFormat.label(credits)) credits, \(CreditFormat.label(creditsPerWeek)) a week"
        case .credentials(let credits):
            return "\(CreditFormat.count(credits)) earned in \(window) = \(CreditFormat.label(creditsPerWeek)) a week"
        }
    }
}

/// The enrolled or planned course that closes most of the gap.
public struct NextStep: Hashable, Sendable {
    public var courseID: String
    public var title: String
    public var credits: Double
    /// Requirements it would complete on its own ("total", "Data", "required course").
    public var closes: [String]
    public var text: String
}

/// What the counted credits cost where fees are known, per currency.
public struct CreditCost: Hashable, Sendable {
    public var currency: String
    public var amount: Double
    public var credits: Double

    public var line: String {
        let per = credits > 0 ? amount / credits : 0
        return "\(MoneyFormat.label(amount)) \(currency) for \(CreditFormat.count(credits)) = \(MoneyFormat.label(per)) \(currency) per credit"
    }
}

public enum MoneyFormat {
    /// Whole amounts without decimals, others with two.
    public static func label(_ amount: Double) -> String {
        let cents = (amount * 100).rounded()
        if cents.truncatingRemainder(dividingBy: 100) == 0 { return String(Int(cents / 100)) }
        let whole = Int(cents / 100), rest = Int(abs(cents).truncatingRemainder(dividingBy: 100))
        return "\(whole).\(Digits.pad(rest, 2))"
    }
}
