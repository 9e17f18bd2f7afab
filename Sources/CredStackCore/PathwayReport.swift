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
    /// Credits left out because online courses went over the pathway's online share.
    public var onlineCut: Double

    public var countedCredits: Double { counted.reduce(0) { $0 + $1.counted } }
    public var inProgressCredits: Double { inProgress.reduce(0) { $0 + $1.credits } }
    public var missingCredits: Double { max(0, pathway.totalCredits - countedCredits) }
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
}

/// A credential that counts: what it is worth here, how that was worked out, where it went.
public struct CountedCredit: Hashable, Sendable {
    public var courseID: String
    public var title: String
    /// Worth under this pathway's rules.
    public var credits: Double
    /// Counted after the online cap (equal to `credits` unless the cap cut it).
    public var counted: Double
    /// "2 credits on the credential", "120 h / 30 h per credit = 4 credits (rounded down)".
    public var how: String
    /// The category minimum these credits went to; nil counts toward the total only.
    public var minimum: String?
    public var category: String
    public var online: Bool
    public var required: Bool
    /// The last day it counts: the day before the credential expires or its shelf life ends.
    public var countsUntil: LocalDate?
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
}

public struct RuleCheck: Hashable, Sendable {
    public var text: String
    public var met: Bool
}

public enum Projection: Hashable, Sendable {
    case reached
    case none(reason: String)
    /// The day the total is reached at `perWeek`; `needed` includes credits that expire on the way.
    case reaches(date: LocalDate, perWeek: Double, pace: String, needed: Double, expiring: [CountedCredit])
    case beyondHorizon(perWeek: Double, pace: String)

    public var shortLabel: String {
        switch self {
        case .reached: return "total reached"
        case .none: return "no projection yet"
        case .reaches(let date, _, _, _, _): return "reach ~" + date.description
        case .beyondHorizon: return "over 50 years at this pace"
        }
    }

    public var compactLabel: String {
        switch self {
        case .reached: return "done"
        case .none: return "no pace yet"
        case .reaches(let date, _, _, _, _): return "~" + date.description
        case .beyondHorizon: return "50+ yrs"
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
