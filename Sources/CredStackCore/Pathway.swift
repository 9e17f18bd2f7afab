/// A target award the learner follows (e.g. "UG Certificate in Data Science").
public struct Pathway: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var totalCredits: Double
    public var preserved: [PreservedField]

    public init(id: String, name: String, totalCredits: Double, preserved: [PreservedField] = []) {
        self.id = id
        self.name = name
        self.totalCredits = totalCredits
        self.preserved = preserved
    }
}

/// The simple standing of a pathway: earned credits (from unexpired credentials) against its total,
/// and credits of courses still in progress.
public struct PathwayStanding: Hashable, Sendable {
    public var pathway: Pathway
    public var counted: Double
    public var inProgress: Double

    public var missing: Double { max(0, pathway.totalCredits - counted - inProgress) }

    public static func compute(_ pathway: Pathway, courses: [Course], today: LocalDate) -> PathwayStanding {
        var counted = 0.0, inProgress = 0.0
        for course in courses {
            if let credential = course.credential, let earned = course.earnedCredits {
                if !credential.isExpired(on: today) { counted += earned }
            } else if course.status == .enrolled {
                inProgress += course.credits ?? 0
            }
        }
        let cap = pathway.totalCredits
        counted = min(counted, cap)
        inProgress = min(inProgress, max(0, cap - counted))
        return PathwayStanding(pathway: pathway, counted: counted, inProgress: inProgress)
    }
}

public enum CreditFormat {
    /// `4`, `2.5`: credits are often halves, rarely more precise.
    public static func label(_ credits: Double) -> String {
        let r = (credits * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
