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
    /// The award this pathway leads to, which other pathways' `stacks_on` name ("ug-certificate"): defaults
    /// to the template, then the id, so a certificate followed under any id still stacks.
    public var award: String?
    /// The credit system this pathway counts in ("NCrF", "ECTS"); credits stated in another system count
    /// only through a conversion the pathway states, else through their hours.
    public var creditSystem: String?
    /// "1 credit of that system is this many here", only where the pathway states it.
    public var creditConversions: [String: Double]
    /// The framework `min_level` is on ("NCrF", "EQF"); a course level on another framework is not compared.
    public var levelFramework: String?
    /// Hours of notional study per credit, for courses that state hours but no credits (NCrF: 30).
    public var hoursPerCredit: Double?
    public var rounding: CreditRounding
    /// `.hours` converts every course through `hoursPerCredit`, ignoring stated credits (a stack in
    /// another credit unit, such as ECTS).
    public var countBy: CreditBasis
    /// At most this share (0...1) of `totalCredits` may come from online courses (UGC/SWAYAM: 0.4).
    public var maxOnlineShare: Double?
    /// At most this share (0...1) of the courses counted may be online courses (SWAYAM counts courses).
    public var maxOnlineCoursesShare: Double?
    /// Credits count for this many years from the date earned (ABC: 7).
    public var shelfLifeYears: Int?
    /// The lowest course level that counts (NCrF levels such as 4.5).
    public var minLevel: Double?
    /// Awards (or pathway ids) whose redeemed credits this one may still count (a diploma that includes the
    /// certificate).
    public var stacksOn: [String]
    public var requiredCourses: [String]
    public var minimums: [CategoryMinimum]

    public init(id: String, name: String, totalCredits: Double, awardLevel: Double? = nil, template: String? = nil,
                hoursPerCredit: Double? = nil, rounding: CreditRounding = .down, countBy: CreditBasis = .credits,
                maxOnlineShare: Double? = nil, shelfLifeYears: Int? = nil, minLevel: Double? = nil,
                stacksOn: [String] = [], requiredCourses: [String] = [], minimums: [CategoryMinimum] = [],
                award: String? = nil, creditSystem: String? = nil, creditConversions: [String: Double] = [:],
                levelFramework: String? = nil, maxOnlineCoursesShare: Double? = nil) {
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
        self.award = award
        self.creditSystem = creditSystem
        self.creditConversions = creditConversions
        self.levelFramework = levelFramework
        self.maxOnlineCoursesShare = maxOnlineCoursesShare
    }

    /// What `stacks_on` in other pathways matches: the award, else the template, else the id.
    public var awardKey: String { award ?? template ?? id }

    /// Whether credits redeemed for the pathway `redeemedFor` (leading to `award`, as recorded when they were
    /// redeemed) may count here as well: by that pathway's id, or by its award, followed or not.
    public func stacks(on redeemedFor: String, award: String?, followed: [Pathway]) -> Bool {
        if stacksOn.contains(redeemedFor) { return true }
        if let award, stacksOn.contains(award) { return true }
        guard let other = followed.first(where: { $0.id == redeemedFor }) else { return false }
        return stacksOn.contains(other.awardKey)
    }

    /// The conversion factor for credits stated in `system`, if this pathway states one.
    public func conversion(from system: String) -> Double? {
        creditConversions.first { $0.key.caseInsensitiveEquals(system) }?.value
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

/// Credit systems by name: India's National Credit Framework and the European Credit Transfer System are
/// known and written in their usual spelling; any other name is kept as written and compared without case.
public enum CreditSystem {
    public static let known = ["NCrF", "ECTS"]

    public static func normalized(_ name: String) -> String {
        known.first { $0.caseInsensitiveEquals(name) } ?? name
    }

    /// A name typed in a form or a flag: empty clears it.
    public static func parse(_ text: String) -> Result<String?, FieldProblem> {
        if text.isEmpty { return .success(nil) }
        guard text.count <= 20, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) else {
            return .failure(FieldProblem("expected a credit system's name, like NCrF or ECTS"))
        }
        return .success(normalized(text))
    }
}

public enum CreditBasis: String, CaseIterable, Sendable {
    case credits, hours
}

/// How converted hours become credits: whole credits down, to nearest, or up, or down to the half credit.
public enum CreditRounding: String, CaseIterable, Sendable {
    case down, nearest, up, half

    /// Exact: 90 h / 30 h is 3, and 89 h / 30 h (2.967) rounded down is 2, never an artefact of binary
    /// floating point. Values are not negative.
    public func apply(_ credits: ExactCredits) -> Double {
        let n = credits.numerator, d = credits.denominator
        switch self {
        case .down: return Double(n / d)
        case .up: return Double((n + d - 1) / d)
        case .nearest: return Double((2 * n + d) / (2 * d))
        case .half: return Double(2 * n / d) / 2
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
    /// `4`, `2.5`, `2.25`, `2.967`: as stated, to three places at most (a thousandth of a credit is finer
    /// than any rule counts).
    public static func label(_ credits: Double) -> String {
        let thousandths = (credits * 1000).rounded()
        guard thousandths.isFinite, abs(thousandths) < 1e15 else { return "\(credits)" }
        let t = Int64(thousandths)
        let whole = "\(t < 0 ? "-" : "")\(abs(t) / 1000)"
        var fraction = Digits.pad(Int(abs(t) % 1000), 3)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// "1 credit", "2.5 credits".
    public static func count(_ credits: Double) -> String {
        label(credits) + (label(credits) == "1" ? " credit" : " credits")
    }
}
