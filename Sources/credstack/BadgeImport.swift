import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

/// An Open Badges 3.0 credential (`OpenBadgeCredential`, or `AchievementCredential` from earlier drafts),
/// read into the course and credential it records. Signatures are not checked.
struct OpenBadge {
    var badgeID: String?
    var name: String
    var about: String
    var issuer: String
    var issued: LocalDate
    var expires: LocalDate?
    var credits: Double?
    var field: String
    var level: String?
    var skills: [String]
    var grade: String?
    var achievementType: String?

    /// Reads the JSON; every problem names the file and the field, and nothing is written.
    static func parse(_ data: Data, path: String) throws -> OpenBadge {
        func bad(_ message: String) -> UserFacingError { UserFacingError(message: "\(path): \(message); nothing was imported", code: 65) }
        let json = try ImportCommand.json(data, path: path, expected: "an Open Badges 3.0 credential")
        guard let root = json as? [String: Any] else { throw bad("not an Open Badge: expected a JSON object at the top") }
        let types = strings(root["type"])
        guard types.contains("OpenBadgeCredential") || types.contains("AchievementCredential") else {
            throw bad("JSON, but not an Open Badge: its type (\(types.isEmpty ? "none" : types.joined(separator: ", "))) has neither OpenBadgeCredential nor AchievementCredential")
        }
        guard let subject = root["credentialSubject"] as? [String: Any] else { throw bad("credentialSubject is missing") }
        guard let achievement = subject["achievement"] as? [String: Any] else { throw bad("credentialSubject.achievement is missing") }
        guard let name = (achievement["name"] as? String)?.trimmed, !name.isEmpty else { throw bad("credentialSubject.achievement.name is missing") }

        let issuerName: String?
        if let issuer = root["issuer"] as? [String: Any] { issuerName = (issuer["name"] as? String) ?? (issuer["id"] as? String) }
        else { issuerName = root["issuer"] as? String }
        guard let issuer = issuerName?.trimmed, !issuer.isEmpty else { throw bad("issuer (with a name) is missing") }

        func day(_ keys: [String], required: Bool) throws -> LocalDate? {
            guard let key = keys.first(where: { root[$0] != nil }) else {
                if required { throw bad("\(keys.joined(separator: " or ")) is missing: the badge needs an issue date") }
                return nil
            }
            guard let text = root[key] as? String, let d = LocalDate.parse(text.prefix(10)) else {
                throw bad("\(key): expected a date and time like 2026-03-14T09:30:00Z, found \(String(describing: root[key]!))")
            }
            return d
        }
        let issued = try day(["validFrom", "issuanceDate"], required: true)!
        let expires = try day(["validUntil", "expirationDate"], required: false)

        let creditKey = subject["creditsEarned"] != nil ? "credentialSubject.creditsEarned" : "credentialSubject.achievement.creditsAvailable"
        var credits: Double?
        if let raw = subject["creditsEarned"] ?? achievement["creditsAvailable"] {
            guard let n = raw as? NSNumber, !(raw is Bool), n.doubleValue.isFinite, (0...1_000).contains(n.doubleValue) else {
                throw bad("\(creditKey): expected a number of credits from 0 to 1000, found \(raw)")
            }
            credits = n.doubleValue
        }
        let alignments = (achievement["alignment"] as? [[String: Any]]) ?? []
        let level = alignments.first { ($0["targetFramework"] as? String)?.uppercased() == "NCRF" }?["targetCode"] as? String
        let skills = strings(achievement["tag"]) + alignments.compactMap { a in
            (a["targetFramework"] as? String)?.uppercased() == "NCRF" ? nil : a["targetName"] as? String
        }
        let results = (subject["result"] as? [[String: Any]]) ?? []
        return OpenBadge(badgeID: root["id"] as? String, name: name, about: (achievement["description"] as? String) ?? "",
                         issuer: issuer, issued: issued, expires: expires, credits: credits,
                         field: (achievement["fieldOfStudy"] as? String) ?? "", level: level,
                         skills: skills.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
                         grade: results.first?["value"] as? String, achievementType: achievement["achievementType"] as? String)
    }

    private static func strings(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    var credential: Credential {
        Credential(awardedBy: issuer, issued: issued, expires: expires, credentialID: badgeID,
                   url: badgeID.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil },
                   credits: credits, assessment: achievementType, grade: grade, unverified: true)
    }

    /// The learner's course this badge is for: the one named by `--course`, else the one holding a
    /// credential with the same id, else one with the same title.
    func matchingCourse(in learner: Learner, courseID: String?) -> Course? {
        if let courseID { return learner.course(courseID) }
        if let badgeID, let c = learner.courses.first(where: { $0.credential?.credentialID == badgeID }) { return c }
        return learner.courses.first { $0.title.lowercased() == name.lowercased() }
    }

    /// The course with this badge applied: the learner's own values kept, empty ones filled.
    func applied(to existing: Course?, id: String) -> Course {
        var c = existing ?? Course(id: id, title: name, provider: issuer, category: field)
        if c.provider.isEmpty { c.provider = issuer }
        if c.category.isEmpty { c.category = field }
        if c.level == nil { c.level = level }
        if c.about.isEmpty { c.about = about }
        if c.credits == nil { c.credits = credits }
        for skill in skills where !c.skills.contains(skill) { c.skills.append(skill) }
        c.status = .completed
        c.credential = credential
        return c
    }
}

extension ImportCommand {
    struct Badge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an Open Badges 3.0 credential (JSON) as a course and its credential.",
            discussion: "Shows what it changes. A course that already has a credential is only overwritten with --replace. The signature is not verified: the credential is marked \"imported, unverified\".")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The badge file (.json).", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("Attach it to this course id (default: the course with the same title, else a new one).", valueName: "ID")) var course: String?
        @Flag(help: "Overwrite the course's existing credential.") var replace = false
        @Flag(help: "Show what would change and save nothing.") var dryRun = false

        func run() throws {
            try guarded {
                let badge = try OpenBadge.parse(try ImportCommand.readFile(file), path: file)
                if let course { _ = try Parse.courseID(course) }
                let store = storeOptions.resolved
                var plan: [String] = []
                let change: (inout Learner) throws -> Void = { learner in
                    let existing = badge.matchingCourse(in: learner, courseID: course)
                    if let old = existing?.credential, !replace {
                        throw UserFacingError(message: "\(existing!.id) already has a credential (from \(old.awardedBy), issued \(old.issued)); "
                                              + "add --replace to overwrite it with this badge's (nothing was changed)", code: 1)
                    }
                    let updated = badge.applied(to: existing, id: existing?.id ?? course ?? learner.newCourseID(from: badge.name))
                    plan = OpenBadge.describe(updated, before: existing, today: Context(profile: learner.profile).today)
                    if let i = existing.flatMap({ learner.courseIndex($0.id) }) { learner.courses[i] = updated } else { learner.courses.append(updated) }
                }
                if dryRun {
                    var learner = try store.load().learner
                    try change(&learner)
                } else {
                    try store.updateLearner(change)
                }
                print(plan.map(Output.safe).joined(separator: "\n"))
                print(dryRun ? "Nothing saved (--dry-run)." : "Saved. The signature was not checked: the credential is marked \"imported, unverified\".")
            }
        }
    }
}

extension OpenBadge {
    /// What the import does to the course, field by field.
    static func describe(_ course: Course, before: Course?, today: LocalDate) -> [String] {
        var out = [before == nil ? "New course \(course.id): \(course.title)" : "Course \(course.id): \(course.title) (changed fields)"]
        let old = before.map { Dictionary($0.facts(today: today).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        var indent = "  "
        for fact in course.facts(today: today) where fact.label != "Id" && fact.label != "Title" {
            if fact.value.isEmpty {
                out.append("  Credential" + (before?.credential == nil ? " (new)" : " (replaces the one issued \(before!.credential!.issued))"))
                indent = "    "
            } else if indent == "    " || old[fact.label] != fact.value {
                out.append(indent + fact.label.padding(toLength: 14, withPad: " ", startingAt: 0) + fact.value)
            }
        }
        return out
    }
}
