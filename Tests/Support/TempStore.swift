import Foundation
import CredStackCore
import CredStackStore
import CredStackTOML

/// A fresh store folder under the system temp dir, removed when the test ends.
/// Shared by the store, operations and dashboard tests.
public final class TempStore {
    public let store: Store
    public var dir: String { store.directory }

    public init(initialized: Bool = true, profile: Profile = Profile(name: "Test", weeklyGoalMinutes: 300)) throws {
        let base = NSTemporaryDirectory() + "credstack-test-\(UUID().uuidString)"
        store = Store(directory: base + "/store")
        if initialized { try store.initialize(profile: profile) } else { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        chmod(dir, 0o700)
    }

    deinit { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }

    public func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    public func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: dir + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + name) }
    public func text(_ name: String) -> String { bytes(name).map { String(decoding: $0, as: UTF8.self) } ?? "" }

    public func files(_ sub: String = "") -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir + (sub.isEmpty ? "" : "/" + sub))) ?? []).sorted() }

    /// Every file of the store and its bytes.
    public func everything() -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let name = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            // The lock and the log's index (a cache of the log, rebuilt by any read) are not the learner's data.
            if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), !isDir.boolValue, name != ".lock",
               name != ".sessions.log.tmp-index" {
                out[name] = bytes(name)
            }
        }
        return out
    }

    /// Adds a whole learner and sessions in one transaction.
    public func seed(_ learner: Learner, sessions: [StudySession] = []) throws {
        try store.transaction { tx in
            if learner.profile != tx.learner.profile {
                let p = learner.profile
                try tx.patchProfile(ProfilePatch([.name(p.name), .weeklyGoalMinutes(p.weeklyGoalMinutes), .weekStart(p.weekStart),
                                                  .timeZone(p.timeZone), .theme(p.theme), .mouse(p.mouse)]))
            }
            for c in learner.courses { try tx.addCourse(c) }
            for p in learner.pathways { try tx.addPathway(p) }
            try tx.append(sessions)
        }
    }
}

/// A format 1 `learner.toml` as credstack 0.x wrote it, for migration tests.
public enum LegacyLearnerFile {
    public static func text(_ l: Learner, extraCourseLines: [String: String] = [:], extraTables: String = "") -> String {
        func q(_ s: String) -> String { TOMLQuote.string(s) }
        func n(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
        var out = "# credstack learner file\nformat = 1\n\n[profile]\nname = \(q(l.profile.name))\nweekly_goal_minutes = \(l.profile.weeklyGoalMinutes)\nweek_start = \(q(l.profile.weekStart.name))\n"
        if let z = l.profile.timeZone { out += "time_zone = \(q(z))\n" }
        for c in l.courses {
            out += "\n[[course]]\nid = \(q(c.id))\ntitle = \(q(c.title))\n"
            if !c.provider.isEmpty { out += "provider = \(q(c.provider))\n" }
            if !c.category.isEmpty { out += "category = \(q(c.category))\n" }
            out += "mode = \(q(c.mode.rawValue))\nstatus = \(q(c.status.rawValue))\n"
            if c.modulesTotal > 0 { out += "modules_done = \(c.modulesDone)\nmodules_total = \(c.modulesTotal)\n" }
            if let s = c.start { out += "start = \(s)\n" }
            if let d = c.due { out += "due = \(d)\n" }
            if let h = c.hours { out += "hours = \(n(h))\n" }
            if let cr = c.credits { out += "credits = \(n(cr))\n" }
            if let lv = c.level { out += "level = \(q(lv))\n" }
            if !c.skills.isEmpty { out += "skills = [" + c.skills.map(q).joined(separator: ", ") + "]\n" }
            if !c.about.isEmpty { out += "description = \(q(c.about))\n" }
            if let f = c.fee { out += "fee = \(q(f.label))\n" }
            if let extra = extraCourseLines[c.id] { out += extra }
            if let cr = c.credential {
                out += "\n[course.credential]\nawarded_by = \(q(cr.awardedBy))\nissued = \(cr.issued)\n"
                if let e = cr.expires { out += "expires = \(e)\n" }
                if let v = cr.credentialID { out += "credential_id = \(q(v))\n" }
                if let v = cr.url { out += "url = \(q(v))\n" }
                if let v = cr.credits { out += "credits = \(n(v))\n" }
                if let v = cr.assessment { out += "assessment = \(q(v))\n" }
                if let v = cr.grade { out += "grade = \(q(v))\n" }
                if cr.unverified { out += "unverified = true\n" }
                if let v = cr.redeemedFor { out += "redeemed_for = \(q(v))\n" }
            }
        }
        for p in l.pathways {
            out += "\n[[pathway]]\nid = \(q(p.id))\nname = \(q(p.name))\ntotal_credits = \(n(p.totalCredits))\n"
            if let t = p.template { out += "template = \(q(t))\n" }
            if let v = p.awardLevel { out += "award_level = \(n(v))\n" }
            if let v = p.hoursPerCredit { out += "hours_per_credit = \(n(v))\nrounding = \(q(p.rounding.rawValue))\n" }
            if p.countBy != .credits { out += "count_by = \(q(p.countBy.rawValue))\n" }
            if let v = p.maxOnlineShare { out += "max_online_share = \(n(v))\n" }
            if let v = p.shelfLifeYears { out += "shelf_life_years = \(v)\n" }
            if let v = p.minLevel { out += "min_level = \(n(v))\n" }
            if let v = p.creditSystem { out += "credit_system = \(q(v))\n" }
            if let v = p.levelFramework { out += "level_framework = \(q(v))\n" }
            if !p.stacksOn.isEmpty { out += "stacks_on = [" + p.stacksOn.map(q).joined(separator: ", ") + "]\n" }
            if !p.requiredCourses.isEmpty { out += "required_courses = [" + p.requiredCourses.map(q).joined(separator: ", ") + "]\n" }
            for m in p.minimums {
                out += "\n[[pathway.minimum]]\nname = \(q(m.name))\ncredits = \(n(m.credits))\n"
                if m.categories != [m.name] { out += "categories = [" + m.categories.map(q).joined(separator: ", ") + "]\n" }
            }
        }
        return out + extraTables
    }
}

enum TOMLQuote {
    static func string(_ s: String) -> String { TOMLFormat.basicString(s) }
}
