import CredStackCore
import CredStackText

/// An Open Badges 3.0 credential (`OpenBadgeCredential`, or `AchievementCredential` from earlier drafts),
/// read into what it says about the course and credential it records. Signatures are not checked.
public enum OpenBadge {
    /// Reads the JSON; every problem names the file and the field, and nothing is written.
    public static func parse(_ bytes: [UInt8], path: String) throws(InteropError) -> ImportedCredential {
        func bad(_ message: String) -> InteropError { InteropError(.malformed, "\(path): \(message); nothing was imported") }
        let root = try JSONValue.parse(bytes, path: path, expected: "an Open Badges 3.0 credential")
        guard root.object != nil else { throw bad("not an Open Badge: expected a JSON object at the top") }
        let types = root["type"]?.strings ?? []
        guard types.contains("OpenBadgeCredential") || types.contains("AchievementCredential") else {
            throw bad("JSON, but not an Open Badge: its type (\(types.isEmpty ? "none" : types.joined(separator: ", "))) has neither OpenBadgeCredential nor AchievementCredential")
        }
        guard let subject = root["credentialSubject"], subject.object != nil else { throw bad("credentialSubject is missing") }
        guard let achievement = subject["achievement"], achievement.object != nil else { throw bad("credentialSubject.achievement is missing") }
        guard let name = achievement["name"]?.string?.trimmed, !name.isEmpty else { throw bad("credentialSubject.achievement.name is missing") }

        let issuerName = root["issuer"]?.object != nil ? (root["issuer"]?["name"]?.string ?? root["issuer"]?["id"]?.string) : root["issuer"]?.string
        guard let issuer = issuerName?.trimmed, !issuer.isEmpty else { throw bad("issuer (with a name) is missing") }

        func day(_ keys: [String], required: Bool) throws(InteropError) -> LocalDate? {
            guard let key = keys.first(where: { root[$0] != nil }) else {
                if required { throw bad("\(keys.joined(separator: " or ")) is missing: the badge needs an issue date") }
                return nil
            }
            guard let text = root[key]?.string, let d = LocalDate.parse(text.prefix(10)) else {
                throw bad("\(key): expected a date and time like 2026-03-14T09:30:00Z (years 0001 to 9999), found \(root[key]!.shown)")
            }
            return d
        }
        let issued = try day(["validFrom", "issuanceDate"], required: true)!
        let expires = try day(["validUntil", "expirationDate"], required: false)

        let creditKey = subject["creditsEarned"] != nil ? "credentialSubject.creditsEarned" : "credentialSubject.achievement.creditsAvailable"
        var credits: Double?
        if let raw = subject["creditsEarned"] ?? achievement["creditsAvailable"] {
            guard let n = raw.number, n.isFinite, (0...Limits.credits).contains(n) else {
                throw bad("\(creditKey): expected a number of credits from 0 to \(FieldText.exact(Limits.credits)), found \(raw.shown)")
            }
            credits = n
        }
        let alignments = achievement["alignment"]?.array ?? []
        let level = alignments.first { $0["targetFramework"]?.string?.uppercased() == "NCRF" }?["targetCode"]?.string
        let skills = (achievement["tag"]?.strings ?? []) + alignments.compactMap { a in
            a["targetFramework"]?.string?.uppercased() == "NCRF" ? nil : a["targetName"]?.string
        }
        let results = subject["result"]?.array ?? []
        return ImportedCredential(badgeID: root["id"]?.string, name: name, about: achievement["description"]?.string ?? "",
                                  issuer: issuer, issued: issued, expires: expires, credits: credits,
                                  field: achievement["fieldOfStudy"]?.string ?? "", level: level,
                                  skills: skills.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
                                  grade: results.first?["value"]?.string, achievementType: achievement["achievementType"]?.string)
    }

    /// What an import does to the course, field by field: every field of a new course, the changed ones of
    /// an existing course, and the credential.
    public static func describe(_ course: Course, before: Course?, today: LocalDate) -> [String] {
        var out = [before == nil ? "New course \(course.id): \(course.title)" : "Course \(course.id): \(course.title) (changed fields)"]
        let old = before.map { Dictionary($0.facts(today: today).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        var indent = "  "
        for fact in course.facts(today: today) where fact.label != "Id" && fact.label != "Title" {
            if fact.value.isEmpty {
                out.append("  Credential" + (before?.credential == nil ? " (new)" : " (replaces the one issued \(before!.credential!.issued))"))
                indent = "    "
            } else if indent == "    " || old[fact.label] != fact.value {
                out.append(indent + TextWidth.fit(fact.label, 14) + fact.value)
            }
        }
        return out
    }
}
