/// The engine's report as lines a learner can check by hand: shared by `credstack credits` and the
/// dashboard's breakdown, so both always say the same thing.
public struct ExplainedLine: Hashable, Sendable {
    public enum Kind: Sendable { case title, heading, met, unmet, plain, note }
    public var text: String
    public var kind: Kind
    /// 0 for titles and headings, 1 for items under them.
    public var depth: Int
}

extension PathwayReport {
    /// Credits that stop counting within this many days are listed as expiring soon.
    public static let expiringSoonDays = 180

    /// "5 of 44 credits counted, 11 in progress, 28 more needed beyond those".
    public var summary: String {
        "\(CreditFormat.label(countedCredits)) of \(CreditFormat.label(pathway.totalCredits)) credits counted, "
            + "\(CreditFormat.label(inProgressCredits)) in progress, \(CreditFormat.label(neededBeyondInProgress)) more needed beyond those"
    }

    /// Credits still needed if every course in progress is earned.
    public var neededBeyondInProgress: Double { needed(countingInProgress: true) }

    /// "420 days (60 weeks)", "352 days (50 weeks 2 days)": the days the date is that many days away.
    static func daysText(_ days: Int) -> String {
        let weeks = days / 7, rest = days % 7
        let w = weeks == 1 ? "1 week" : "\(weeks) weeks"
        let d = rest == 1 ? "1 day" : "\(rest) days"
        return "\(days == 1 ? "1 day" : "\(days) days") (" + (weeks == 0 ? d : rest == 0 ? w : "\(w) \(d)") + ")"
    }

    public func explanation(today: LocalDate) -> [ExplainedLine] {
        var out: [ExplainedLine] = []
        func add(_ text: String, _ kind: ExplainedLine.Kind = .plain, _ depth: Int = 1) {
            out.append(ExplainedLine(text: text, kind: kind, depth: depth))
        }
        var origin = [pathway.id]
        if let template = pathway.template { origin.append("template \(template)") }
        if let award = pathway.award, award != pathway.template { origin.append("award \(award)") }
        if let level = pathway.awardLevel { origin.append("level \(CreditFormat.label(level))") }
        add("\(pathway.name) (\(origin.joined(separator: ", ")))", .title, 0)
        add(summary + (isMet ? ". All rules met." : "."), .plain, 0)

        add("Rules", .heading, 0)
        for rule in rules { add((rule.met ? "met   " : "open  ") + rule.text, rule.met ? .met : .unmet) }
        var how: [String] = []
        if let perCredit = pathway.hoursPerCredit {
            how.append((pathway.countBy == .hours ? "every course counts by its hours" : "courses without credits count by their hours")
                       + ": \(CreditFormat.label(perCredit)) h = 1 credit, \(pathway.rounding.phrase)")
        }
        if let system = pathway.creditSystem {
            let conversions = pathway.creditConversions.sorted { $0.key < $1.key }.map { "1 \($0.key) credit = \(CreditFormat.label($0.value))" }
            how.append("counts \(system) credits (and those naming no system); "
                       + (conversions.isEmpty ? "others by their hours" : conversions.joined(separator: ", ")))
        }
        if let years = pathway.shelfLifeYears { how.append("credits count for \(years) years, through the anniversary of the date earned") }
        if let level = pathway.minLevel { how.append("courses at \(pathway.levelFramework.map { "\($0) " } ?? "")level \(CreditFormat.label(level)) and above") }
        if pathway.maxOnlineShare != nil || pathway.maxOnlineCoursesShare != nil {
            how.append("online courses count whole or not at all; blended ones weigh their online share")
        }
        if !pathway.stacksOn.isEmpty { how.append("also counts credits redeemed for \(pathway.stacksOn.joined(separator: ", "))") }
        for line in how { add(line, .note) }

        add("Counted (\(CreditFormat.label(countedCredits)))", .heading, 0)
        if counted.isEmpty { add("nothing yet", .note) }
        for item in counted {
            var text = "\(item.title): \(item.how)"
            if pathway.maxOnlineShare != nil || pathway.maxOnlineCoursesShare != nil {
                if item.modeUnknown { text += " (mode not recorded: counted as online under the cap)" }
                else if item.onlineShare > 0 && item.onlineShare < 1 { text += " (blended: \(CreditFormat.label(item.onlineShare * 100))% online under the cap)" }
            }
            text += " -> " + (item.minimum ?? "total")
            if let until = item.countsUntil { text += "; counts until \(until)" }
            add(text)
        }
        if !excluded.isEmpty {
            add("Not counted", .heading, 0)
            for item in excluded { add(item.line, .unmet) }
        }
        if !inProgress.isEmpty {
            add("In progress (\(CreditFormat.label(inProgressCredits)))", .heading, 0)
            for item in inProgress { add("\(item.title): \(item.how)") }
        }
        let soon = expiring(within: PathwayReport.expiringSoonDays, today: today)
        if !soon.isEmpty {
            add("Expiring within \(PathwayReport.expiringSoonDays) days", .heading, 0)
            for item in soon { add("\(item.title), \(CreditFormat.count(item.credits)): last counts \(item.countsUntil!)", .unmet) }
        }

        add("Projection", .heading, 0)
        switch projection {
        case .reached:
            add("every rule is met")
        case .none(let reason):
            add("no projection yet: \(reason)", .note)
        case .beyondHorizon(let pace):
            add("pace: \(pace.text)", .note)
            add("at this pace the total is more than 50 years away")
        case .outpacedByShelfLife(let pace, let years):
            add("pace: \(pace.text)", .note)
            add("at this pace the credits still needed take longer than \(years) years to earn, so the first would stop counting before the last is earned: the total is out of reach until the pace rises", .unmet)
        case .reaches(let date, let days, let pace, let needed, let lapsing):
            add("pace: \(pace.text)", .note)
            var text = "\(CreditFormat.count(needed)) to go"
            if !lapsing.isEmpty {
                let extra = lapsing.reduce(0) { $0 + $1.credits }
                text = "\(CreditFormat.label(missingCredits)) missing + \(CreditFormat.label(extra)) that expire on the way = " + text
            }
            add(text + " at \(pace.rateText) = \(Self.daysText(days)): reached around \(date)" + (pace.early ? " (early estimate)" : ""))
            for item in lapsing { add("\(item.title), \(CreditFormat.count(item.credits)), stops counting after \(item.countsUntil!)", .unmet) }
        }
        if let nextStep { add("Next step: " + nextStep.text, .plain, 0) }
        if !costs.isEmpty {
            add("Cost of counted credits", .heading, 0)
            for cost in costs { add(cost.line) }
        }
        return out
    }
}
