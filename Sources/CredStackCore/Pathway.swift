/// A target award the learner follows (e.g. "UG Certificate in Data Science") and the rules under which
/// credits count toward it. Every rule is optional; a pathway with only a total just adds credits up.
public struct Pathway: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var totalCredits: Double
    /// The level of the award itself (NCrF: certificate 4.5, diploma 5, degree 5.5, honours 6).
    public var awardLevel: Double?
    /// The shipped template it was made from, if any (kept so a learner can see where the rules came from).
    public var template: String?
    /// Hours of notional study per credit, for courses that state hours but no credits (NCrF: 30).
    public var hoursPerCredit: Double?
    public var rounding: CreditRounding
    /// `.hours` converts every course through `hoursPerCredit`, ignoring stated credits (a stack in
    /// another credit unit, such as ECTS).
    public var countBy: CreditBasis
    /// At most this share (0...1) of `totalCredits` may come from online courses (UGC/SWAYAM: 0.4).
    public var maxOnlineShare: Double?
    /// Credits count for this many years from the date earned (ABC: 7).
    public var shelfLifeYears: Int?
    /// The lowest course level that counts (NCrF levels such as 4.5).
    public var minLevel: Double?
    /// Pathway ids whose redeemed credits this one may still count (a diploma that includes the certificate).
    public var stacksOn: [String]
    public var requiredCourses: [String]
    public var minimums: [CategoryMinimum]

    public init(id: String, name: String, totalCredits: Double, awardLevel: Double? = nil, template: String? = nil,
                hoursPerCredit: Double? = nil, rounding: CreditRounding = .down, countBy: CreditBasis = .credits,
                maxOnlineShare: Double? = nil, shelfLifeYears: Int? = nil, minLevel: Double? = nil,
                stacksOn: [String] = [], requiredCourses: [String] = [], minimums: [CategoryMinimum] = []) {
        self.id = id
        self.name = name
        self.totalCredits = totalCredits
        self.awardLevel = awardLevel
        self.template = template
        self.hoursPerCredit = hoursPerCredit
        self.rounding = rounding
        self.countBy = countBy
        self.maxOnlineShare = maxOnlineShare
        self.shelfLifeYears = shelfLifeYears
        self.minLevel = minLevel
        self.stacksOn = stacksOn
        self.requiredCourses = requiredCourses
        self.minimums = minimums
    }
}

/// "At least 12 credits in Data": credits from courses whose category is one of `categories`.
public struct CategoryMinimum: Hashable, Sendable {
    public var name: String
    public var credits: Double
    /// Course categories that fill it, compared without case; defaults to the name alone.
    public var categories: [String]

    public init(name: String, credits: Double, categories: [String] = []) {
        self.name = name
        self.credits = credits
        self.categories = categories.isEmpty ? [name] : categories
    }

    public func accepts(_ category: String) -> Bool {
        categories.contains { $0.lowercased() == category.lowercased() }
    }
}

public enum CreditBasis: String, CaseIterable, Sendable {
    case credits, hours
}

/// How converted hours become credits: whole credits down, to nearest, or up, or down to the half credit.
public enum CreditRounding: String, CaseIterable, Sendable {
    case down, nearest, up, half

    public func apply(_ credits: Double) -> Double {
        // A hair of tolerance so 90 h / 30 h is 3, not 2.9999.
        switch self {
        case .down: return (credits + 1e-9).rounded(.down)
        case .up: return (credits - 1e-9).rounded(.up)
        case .nearest: return credits.rounded(.toNearestOrAwayFromZero)
        case .half: return ((credits * 2) + 1e-9).rounded(.down) / 2
        }
    }

    public var phrase: String {
        switch self {
        case .down: return "rounded down"
        case .up: return "rounded up"
        case .nearest: return "rounded to nearest"
        case .half: return "rounded down to the half credit"
        }
    }
}

public enum CreditFormat {
    /// `4`, `2.5`: credits are often halves, rarely more precise.
    public static func label(_ credits: Double) -> String {
        let r = (credits * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// "1 credit", "2.5 credits".
    public static func count(_ credits: Double) -> String {
        label(credits) + (label(credits) == "1" ? " credit" : " credits")
    }
}
