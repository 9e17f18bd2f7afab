/// The fields of a credential a learner types: `credstack credential add` flags and the dashboard's
/// credential form parse through `parse`.
public enum CredentialField: String, CaseIterable, Sendable {
    case awardedBy, issued, expires, credentialID, url, credits, assessment, grade, creditSystem

    public var label: String {
        switch self {
        case .awardedBy: return "Awarded by"
        case .issued: return "Issued"
        case .expires: return "Expires"
        case .credentialID: return "Credential id"
        case .url: return "URL"
        case .credits: return "Credits"
        case .assessment: return "Assessment"
        case .grade: return "Grade"
        case .creditSystem: return "Credit system"
        }
    }

    public var hint: String {
        switch self {
        case .awardedBy: return "the awarding body"
        case .issued: return "YYYY-MM-DD"
        case .expires: return "YYYY-MM-DD or empty"
        case .credentialID: return ""
        case .url: return "where to verify it"
        case .credits: return "credits earned"
        case .assessment: return "e.g. proctored exam"
        case .grade: return ""
        case .creditSystem: return "NCrF, ECTS...; empty: the course's"
        }
    }

    public func text(of c: Credential) -> String {
        switch self {
        case .awardedBy: return c.awardedBy
        case .issued: return c.issued.description
        case .expires: return c.expires?.description ?? ""
        case .credentialID: return c.credentialID ?? ""
        case .url: return c.url ?? ""
        case .credits: return c.credits.map(FieldText.exact) ?? ""
        case .assessment: return c.assessment ?? ""
        case .grade: return c.grade ?? ""
        case .creditSystem: return c.creditSystem ?? ""
        }
    }

    public func parse(_ raw: String, today: LocalDate) -> Result<CredentialChange, FieldProblem> {
        let text = raw.trimmed
        func optional(_ s: String) -> String? { s.isEmpty ? nil : s }
        switch self {
        case .awardedBy: return text.isEmpty ? .failure(FieldProblem("needed: who awarded it")) : .success(.awardedBy(text))
        case .issued:
            guard let d = TimeInput.date(text, today: today) else { return .failure(FieldProblem(TimeInput.dateProblem(text, today: today))) }
            return .success(.issued(d))
        case .expires:
            if text.isEmpty { return .success(.expires(nil)) }
            guard let d = TimeInput.date(text, today: today) else { return .failure(FieldProblem(TimeInput.dateProblem(text, today: today))) }
            return .success(.expires(d))
        case .credentialID: return .success(.credentialID(optional(text)))
        case .url: return .success(.url(optional(text)))
        case .credits:
            if text.isEmpty { return .success(.credits(nil)) }
            return FieldText.number(text, in: 0...Limits.credits).map { .credits($0) }
        case .assessment: return .success(.assessment(optional(text)))
        case .grade: return .success(.grade(optional(text)))
        case .creditSystem: return CreditSystem.parse(text).map { .creditSystem($0) }
        }
    }
}

public enum CredentialChange: Hashable, Sendable {
    case awardedBy(String), issued(LocalDate), expires(LocalDate?), credentialID(String?), url(String?)
    case credits(Double?), assessment(String?), grade(String?), creditSystem(String?)
    /// Set by imports (a badge whose signature was not checked), never typed.
    case unverified(Bool)
    /// Set by `credential redeem`: the pathway, and the award it leads to (so stacking outlives the pathway).
    case redeemedFor(String?)
    case redeemedAward(String?)

    /// A key for "one change per field" (the typed fields and the two the program sets).
    var key: String {
        switch self {
        case .awardedBy: return "awardedBy"
        case .issued: return "issued"
        case .expires: return "expires"
        case .credentialID: return "credentialID"
        case .url: return "url"
        case .credits: return "credits"
        case .assessment: return "assessment"
        case .grade: return "grade"
        case .creditSystem: return "creditSystem"
        case .unverified: return "unverified"
        case .redeemedFor: return "redeemedFor"
        case .redeemedAward: return "redeemedAward"
        }
    }

    public func apply(to c: inout Credential) {
        switch self {
        case .awardedBy(let v): c.awardedBy = v
        case .issued(let v): c.issued = v
        case .expires(let v): c.expires = v
        case .credentialID(let v): c.credentialID = v
        case .url(let v): c.url = v
        case .credits(let v): c.credits = v
        case .assessment(let v): c.assessment = v
        case .grade(let v): c.grade = v
        case .creditSystem(let v): c.creditSystem = v
        case .unverified(let v): c.unverified = v
        case .redeemedFor(let v): c.redeemedFor = v
        case .redeemedAward(let v): c.redeemedAward = v
        }
    }
}

public struct CredentialPatch: Hashable, Sendable {
    public private(set) var changes: [String: CredentialChange] = [:]

    public init(_ changes: [CredentialChange] = []) { for c in changes { set(c) } }

    /// Every field of a credential: how a new one is written.
    public init(allOf c: Credential) {
        self.init([.awardedBy(c.awardedBy), .issued(c.issued), .expires(c.expires), .credentialID(c.credentialID), .url(c.url),
                   .credits(c.credits), .assessment(c.assessment), .grade(c.grade), .creditSystem(c.creditSystem),
                   .unverified(c.unverified), .redeemedFor(c.redeemedFor), .redeemedAward(c.redeemedAward)])
    }

    public mutating func set(_ change: CredentialChange) { changes[change.key] = change }
    public var isEmpty: Bool { changes.isEmpty }

    /// Every typed field, then the ones the program sets.
    static let order = CredentialField.allCases.map(\.rawValue) + ["unverified", "redeemedFor", "redeemedAward"]
    public var ordered: [CredentialChange] { CredentialPatch.order.compactMap { changes[$0] } }

    /// The credential after the patch; a patch on no credential needs who awarded it and when.
    public func applied(to credential: Credential?) -> Credential? {
        guard var c = credential ?? draft else { return nil }
        for change in ordered { change.apply(to: &c) }
        return c
    }

    private var draft: Credential? {
        guard case .awardedBy(let by)? = changes["awardedBy"], case .issued(let day)? = changes["issued"] else { return nil }
        return Credential(awardedBy: by, issued: day)
    }
}

extension Credential {
    public var problem: (field: CredentialField, message: String)? {
        if awardedBy.trimmed.isEmpty { return (.awardedBy, "needed: who awarded it") }
        if let e = expires, e <= issued { return (.expires, "\(e) is not after the issue date \(issued)") }
        return nil
    }
}
