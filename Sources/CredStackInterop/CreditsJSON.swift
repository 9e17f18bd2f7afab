import CredStackCore

/// `credstack credits --format json`: the engine's report as data, so scripts and tests read numbers, not
/// prose. The text report and the dashboard's Credits pane are views of the same `PathwayReport`.
public struct CreditsJSON: Encodable {
    struct Report: Encodable {
        var id: String
        var name: String
        var award: String
        var totalCredits: Double
        var countedCredits: Double
        var inProgressCredits: Double
        var missingCredits: Double
        /// What every rule still needs: the total's shortfall, or a minimum's when the total is reached.
        var neededCredits: Double
        var met: Bool
        var rules: [Rule]
        var counted: [Counted]
        var notCounted: [NotCounted]
        var inProgress: [InProgress]
        var onlineCreditsCounted: Double
        var onlineCreditsLeftOut: Double
        var projection: ProjectionJSON
        var nextStep: Step?
        var costs: [Cost]
    }
    struct Rule: Encodable { var text: String; var met: Bool }
    struct Counted: Encodable {
        var course: String; var title: String; var credits: Double; var how: String; var minimum: String?
        var category: String; var onlineShare: Double; var modeUnknown: Bool; var required: Bool; var countsUntil: String?
    }
    struct NotCounted: Encodable { var course: String; var title: String; var credits: Double?; var reason: String }
    struct InProgress: Encodable { var course: String; var title: String; var credits: Double; var how: String }
    struct Pace: Encodable {
        var basis: String
        var windowDays: Int
        var studyMinutes: Int?
        var hoursPerCredit: Double?
        var creditsEarned: Double?
        var creditsPerWeek: Double
        var earlyEstimate: Bool
    }
    struct ProjectionJSON: Encodable {
        /// "reached", "reaches", "none", "beyond_horizon", "outpaced_by_shelf_life".
        var status: String
        var date: String?
        var days: Int?
        var neededCredits: Double?
        var expiringOnTheWay: [String]?
        var pace: Pace?
        var reason: String?
    }
    struct Step: Encodable { var course: String; var title: String; var credits: Double; var closes: [String]; var text: String }
    struct Cost: Encodable { var currency: String; var amount: Double; var credits: Double }

    var today: String
    var pathways: [Report]

    public init(_ reports: [PathwayReport], today: LocalDate) {
        self.today = today.description
        pathways = reports.map(CreditsJSON.report)
    }

    public var text: String { JSONText.encode(self) }

    static func report(_ r: PathwayReport) -> Report {
        Report(id: r.pathway.id, name: r.pathway.name, award: r.pathway.awardKey, totalCredits: r.pathway.totalCredits,
               countedCredits: r.countedCredits, inProgressCredits: r.inProgressCredits, missingCredits: r.missingCredits,
               neededCredits: r.neededCredits, met: r.isMet,
               rules: r.rules.map { Rule(text: $0.text, met: $0.met) },
               counted: r.counted.map {
                   Counted(course: $0.courseID, title: $0.title, credits: $0.credits, how: $0.how, minimum: $0.minimum, category: $0.category,
                           onlineShare: $0.onlineShare, modeUnknown: $0.modeUnknown, required: $0.required, countsUntil: $0.countsUntil?.description)
               },
               notCounted: r.excluded.map { NotCounted(course: $0.courseID, title: $0.title, credits: $0.credits, reason: $0.reason) },
               inProgress: r.inProgress.map { InProgress(course: $0.courseID, title: $0.title, credits: $0.credits, how: $0.how) },
               onlineCreditsCounted: r.onlineCredits, onlineCreditsLeftOut: r.onlineCut, projection: projection(r.projection),
               nextStep: r.nextStep.map { Step(course: $0.courseID, title: $0.title, credits: $0.credits, closes: $0.closes, text: $0.text) },
               costs: r.costs.map { Cost(currency: $0.currency, amount: $0.amount, credits: $0.credits) })
    }

    static func projection(_ p: Projection) -> ProjectionJSON {
        switch p {
        case .reached: return ProjectionJSON(status: "reached")
        case .none(let reason): return ProjectionJSON(status: "none", reason: reason)
        case .beyondHorizon(let pace): return ProjectionJSON(status: "beyond_horizon", pace: paceJSON(pace))
        case .outpacedByShelfLife(let pace, let years):
            return ProjectionJSON(status: "outpaced_by_shelf_life", pace: paceJSON(pace),
                                  reason: "the credits still needed take longer than the \(years)-year shelf life to earn at this pace")
        case .reaches(let date, let days, let pace, let needed, let expiring):
            return ProjectionJSON(status: "reaches", date: date.description, days: days, neededCredits: needed,
                                  expiringOnTheWay: expiring.map(\.courseID), pace: paceJSON(pace))
        }
    }

    static func paceJSON(_ p: CredStackCore.Pace) -> Pace {
        switch p.basis {
        case .studyTime(let minutes, let perCredit):
            return Pace(basis: "study_time", windowDays: p.windowDays, studyMinutes: minutes, hoursPerCredit: perCredit,
                        creditsPerWeek: p.creditsPerWeek, earlyEstimate: p.early)
        case .credentials(let credits):
            return Pace(basis: "credentials", windowDays: p.windowDays, creditsEarned: credits, creditsPerWeek: p.creditsPerWeek, earlyEstimate: p.early)
        }
    }
}
