public enum CourseStatus: String, CaseIterable, Sendable {
    case planned, enrolled, paused, completed, dropped
}

public enum StudyMode: String, CaseIterable, Sendable {
    /// Not recorded. An online cap cannot admit what it cannot place, so it counts such a course as online
    /// and says so.
    case unknown
    case online, blended
    case onSite = "on-site"

    /// The share of a course's credits an online cap counts: all for online (and unknown), none on site, a
    /// blended course's own `online_share` (half when it does not say).
    public func onlineShare(stated: Double?) -> Double {
        switch self {
        case .online, .unknown: return 1
        case .onSite: return 0
        case .blended: return stated ?? 0.5
        }
    }
}

/// A level on a named framework: "EQF 6" is never compared with NCrF 6.
public struct CourseLevel: Hashable, Sendable {
    /// "NCrF", "EQF", ... as written (nil for a bare number, which takes the pathway's framework).
    public var framework: String?
    public var value: Double

    /// "4.5", "NCrF 5", "EQF 6", "level 5 (NSQF)": the first number, and the framework named before or after it.
    public static func parse(_ text: String) -> CourseLevel? {
        let number = text.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number) else { return nil }
        let words = text.split { !$0.isLetter }.map(String.init)
        let framework = words.first { w in frameworks.contains { $0.caseInsensitiveEquals(w) } }
            .flatMap { w in frameworks.first { $0.caseInsensitiveEquals(w) } }
        return CourseLevel(framework: framework, value: value)
    }

    /// The frameworks a level may name: India's credit framework (and its skills framework, whose levels
    /// NCrF takes over), and the European Qualifications Framework.
    public static let frameworks = ["NCrF", "NSQF", "EQF"]

    /// Every framework named here runs from level 1 to 8 (NCrF places higher education at 4.5 to 8).
    public static let levels: ClosedRange<Double> = 1...8

    /// NSQF levels are NCrF levels (NCrF 2023 integrates the NSQF).
    public var scale: String? { framework == "NSQF" ? "NCrF" : framework }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

public struct Fee: Hashable, Sendable {
    /// Kept as typed (`49.99`) so money never passes through binary floating point on the way to disk.
    public var amount: String
    public var currency: String
    public init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }
    public var label: String { "\(amount) \(currency)" }
}

public struct Course: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var provider: String
    public var category: String
    public var mode: StudyMode
    public var status: CourseStatus
    public var modulesDone: Int
    public var modulesTotal: Int
    public var start: LocalDate?
    public var due: LocalDate?
    /// Notional workload in hours.
    public var hours: Double?
    /// Credits the course declares; earned credits live on the credential.
    public var credits: Double?
    public var level: String?
    /// The credit system `credits` are stated in ("NCrF", "ECTS"); nil when the course does not say.
    public var creditSystem: String?
    /// For a blended course: the share (0...1) of it taught online, which an online cap counts.
    public var onlineShare: Double?
    public var skills: [String]
    /// What the course teaches, in a sentence (the `description` key; from a badge's achievement).
    public var about: String
    public var fee: Fee?
    public var credential: Credential?

    public init(id: String, title: String, provider: String = "", category: String = "",
                mode: StudyMode = .unknown, status: CourseStatus = .enrolled,
                modulesDone: Int = 0, modulesTotal: Int = 0, start: LocalDate? = nil, due: LocalDate? = nil,
                hours: Double? = nil, credits: Double? = nil, level: String? = nil, skills: [String] = [],
                about: String = "", fee: Fee? = nil, credential: Credential? = nil, creditSystem: String? = nil,
                onlineShare: Double? = nil) {
        self.id = id
        self.title = title
        self.provider = provider
        self.category = category
        self.mode = mode
        self.status = status
        self.modulesDone = modulesDone
        self.modulesTotal = modulesTotal
        self.start = start
        self.due = due
        self.hours = hours
        self.credits = credits
        self.level = level
        self.skills = skills
        self.about = about
        self.fee = fee
        self.credential = credential
        self.creditSystem = creditSystem
        self.onlineShare = onlineShare
    }

    /// 0...1, or nil when the course has no modules set.
    /// A title as a name from a file may carry it (an import): line breaks and other control characters
    /// become spaces, so a title is always one line of text.
    public static func plainTitle(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })).trimmed
    }

    public var progress: Double? {
        modulesTotal > 0 ? min(1, Double(modulesDone) / Double(modulesTotal)) : nil
    }

    /// Credits earned on this course: the credential's own figure, else the credits the course declared;
    /// nil while no credential is recorded.
    public var earnedCredits: Double? { credential.map { $0.credits ?? credits ?? 0 } }

    /// The level and its framework ("4.5", "NCrF 5", "EQF 6"), for pathways with a minimum level.
    public var parsedLevel: CourseLevel? { level.flatMap(CourseLevel.parse) }

    /// The credit system of the credits that count: the credential's, else the course's.
    public var statedCreditSystem: String? { credential?.creditSystem ?? creditSystem }

    /// How course lists read: what is under way first, soonest due first (overdue at the top), then what is
    /// planned, then finished courses, most recent first. The file keeps courses sorted by id instead, so
    /// two machines' additions merge cleanly in git.
    public static func listOrder(_ a: Course, _ b: Course) -> Bool {
        func rank(_ c: Course) -> Int { [CourseStatus.enrolled: 0, .paused: 1, .planned: 2, .completed: 3, .dropped: 4][c.status]! }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        let finished = rank(a) >= 3
        switch (a.due, b.due) {
        case let (x?, y?) where x != y: return finished ? x > y : x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.title == b.title ? a.id < b.id : a.title < b.title
        }
    }

    public var isActive: Bool { status == .enrolled || status == .planned || status == .paused }

    public enum Deadline: Equatable, Sendable { case none, onTrack, dueSoon(days: Int), overdue(days: Int) }

    /// Due within `soonDays` (and not finished) is "due soon"; past due and not finished is "overdue".
    public func deadline(today: LocalDate, soonDays: Int = 14) -> Deadline {
        guard let due, isActive else { return .none }
        let left = today.days(until: due)
        if left < 0 { return .overdue(days: -left) }
        if left <= soonDays { return .dueSoon(days: left) }
        return .onTrack
    }

    /// Course ids are short slugs the learner types: lowercase letters, digits, `-`, `_`, `.`.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 40 else { return false }
        let ok: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 || $0 == 46 }
        // Not starting with `-` (an option) or `.` (a hidden file: courses/.x.toml would never be listed).
        return ok(first) && first != 45 && first != 46 && id.utf8.allSatisfy(ok)
    }

    /// "Data Analytics 101" -> "data-analytics-101": ASCII letters and digits kept, the rest as single dashes.
    public static func slug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == ".") { out.append(ch) }
            else if !out.isEmpty && out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return String(out.prefix(40))
    }

    public static let idForm = "a short id of lowercase letters, digits and dashes, like aws-cloud"
}

public struct Credential: Hashable, Sendable {
    public var awardedBy: String
    public var issued: LocalDate
    public var expires: LocalDate?
    public var credentialID: String?
    public var url: String?
    public var credits: Double?
    public var assessment: String?
    public var grade: String?
    /// Imported from a badge file whose signature credstack did not check.
    public var unverified: Bool
    /// The pathway these credits were redeemed for (ABC): used up there unless another pathway stacks on it.
    public var redeemedFor: String?
    /// The credit system its credits are stated in ("NCrF", "ECTS"); nil when it does not say.
    public var creditSystem: String?
    /// The award `redeemedFor` leads to ("ug-certificate"), kept so stacking still works once that pathway
    /// is no longer followed.
    public var redeemedAward: String?

    public init(awardedBy: String, issued: LocalDate, expires: LocalDate? = nil, credentialID: String? = nil,
                url: String? = nil, credits: Double? = nil, assessment: String? = nil, grade: String? = nil,
                unverified: Bool = false, redeemedFor: String? = nil, creditSystem: String? = nil) {
        self.awardedBy = awardedBy
        self.issued = issued
        self.expires = expires
        self.credentialID = credentialID
        self.url = url
        self.credits = credits
        self.assessment = assessment
        self.grade = grade
        self.unverified = unverified
        self.redeemedFor = redeemedFor
        self.creditSystem = creditSystem
    }

    /// How the transcript says this credential is known: typed in by the learner, or imported from a badge
    /// whose signature was not checked. ("verified" waits for signature checking.)
    public var verification: String { unverified ? "imported" : "self-reported" }

    public func isExpired(on day: LocalDate) -> Bool { expires.map { $0 <= day } ?? false }
}
