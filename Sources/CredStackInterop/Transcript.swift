import CredStackCore
import CredStackText
import CredStackStore
import Foundation

/// A skills transcript for employers: each credential with issuer, dates, credits and level, and the
/// skills across all credentials with the hours studied toward them.
public struct Transcript: Encodable {
    struct Entry: Encodable {
        var course: String
        var title: String
        var issuer: String
        var issued: String
        var expires: String?
        var expired: Bool
        var credits: Double?
        var level: String?
        var skills: [String]
        var hoursStudied: Double
        var credentialId: String?
        var url: String?
        /// How the credential is known: "self-reported" (typed in by the learner) or "imported" (from a badge
        /// file whose signature was not checked). "verified" is kept for when signatures are checked.
        var verification: String
    }
    struct Skill: Encodable {
        var skill: String
        var credentials: [String]
        var hoursStudied: Double
    }

    var learner: String
    var generated: String
    var credentials: [Entry]
    var skills: [Skill]
    /// Credits of credentials that have not expired.
    var currentCredits: Double

    public init(_ snap: StoreSnapshot, calendar: StudyCalendar, today: LocalDate) {
        let studied = StudyHistory(sessions: snap.sessions, calendar: calendar).secondsPerCourse
        func hours(_ id: String) -> Double { (Double(studied[id] ?? 0) / 360).rounded() / 10 }
        learner = snap.learner.profile.name
        generated = today.description
        // Most recent first, as a CV lists them.
        let earned = snap.learner.courses.compactMap { c in c.credential.map { (c, $0) } }
            .sorted { a, b in a.1.issued != b.1.issued ? a.1.issued > b.1.issued : a.0.title < b.0.title }
        credentials = earned.map { c, cr in
            Entry(course: c.id, title: c.title, issuer: cr.awardedBy, issued: cr.issued.description, expires: cr.expires?.description,
                         expired: cr.isExpired(on: today), credits: c.earnedCredits, level: c.level, skills: c.skills,
                         hoursStudied: hours(c.id), credentialId: cr.credentialID, url: cr.url, verification: cr.verification)
        }
        var bySkill: [String: Skill] = [:]
        var order: [String] = []
        for entry in credentials {
            for skill in entry.skills {
                let key = skill.lowercased()
                if bySkill[key] == nil { order.append(key); bySkill[key] = Skill(skill: skill, credentials: [], hoursStudied: 0) }
                bySkill[key]!.credentials.append(entry.title)
                bySkill[key]!.hoursStudied += entry.hoursStudied
            }
        }
        // Most-studied first; ties keep the order they first appeared in.
        skills = order.enumerated().sorted { a, b in
            let x = bySkill[a.element]!.hoursStudied, y = bySkill[b.element]!.hoursStudied
            return x != y ? x > y : a.offset < b.offset
        }.map { bySkill[$0.element]! }
        currentCredits = credentials.filter { !$0.expired }.compactMap(\.credits).reduce(0, +)
    }

    public var json: String { JSONText.encode(self) }

    public var markdown: String {
        func cell(_ s: String) -> String {
            DisplaySafe.text(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        func row(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |\n" }
        func hoursLabel(_ h: Double) -> String { CreditFormat.label(h) + " h" }
        var out = "# Skills transcript" + (learner.isEmpty ? "" : ": \(cell(learner))") + "\n\n"
        out += "Generated \(generated) by credstack from the learner's own records. No credential here has been verified: each is either self-reported (typed in by the learner) or imported from a badge file whose signature was not checked.\n\n"
        out += "## Credentials\n\n"
        if credentials.isEmpty { out += "No credentials recorded yet.\n" } else {
            out += row(["Credential", "Issuer", "Issued", "Expires", "Credits", "Level", "Hours studied", "Skills", "Known as"])
            out += "|---|---|---|---|--:|---|--:|---|---|\n"
            for e in credentials {
                var title = e.title
                if e.expired { title += " (expired)" }
                if let url = e.url { title = "[\(title)](\(url))" }
                out += row([title, e.issuer, e.issued, e.expires ?? "-", e.credits.map(CreditFormat.label) ?? "-", e.level ?? "-",
                            hoursLabel(e.hoursStudied), e.skills.joined(separator: ", "), e.verification])
            }
            out += "\n\(CreditFormat.count(currentCredits)) from credentials that have not expired.\n"
        }
        out += "\n## Skills\n\n"
        if skills.isEmpty { out += "No skills recorded on credentials yet.\n" } else {
            out += row(["Skill", "Hours studied", "Credentials"])
            out += "|---|--:|---|\n"
            for s in skills { out += row([s.skill, hoursLabel(s.hoursStudied), s.credentials.joined(separator: "; ")]) }
        }
        return out
    }
}
