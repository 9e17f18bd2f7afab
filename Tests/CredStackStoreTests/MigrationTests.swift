import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// Format 1 (one learner.toml) moves to format 2 (one file per record) on first use, once, losing nothing.
@Suite struct MigrationTests {
    func legacyStore(_ text: String, log: String = StudyLogCodec.header) throws -> TempStore {
        let t = try TempStore(initialized: false)
        try t.write("learner.toml", text)
        try t.write("sessions.log", log)
        return t
    }

    @Test func theDemoMigratesWithIdenticalValues() throws {
        let demo = DemoData.make(now: testNow, calendar: utc)
        let log = StudyLogCodec.header.replacingOccurrences(of: "format 2", with: "format 1") + demo.sessions.map { s in
            var old = s
            old.id = .unassigned
            return StudyLogCodec.encode(old)
        }.joined()
        let t = try legacyStore(LegacyLearnerFile.text(demo.learner), log: log)
        let snap = try t.store.load()
        #expect(snap.learner == demo.learner.inFileOrder)
        #expect(snap.sessions.map(\.start) == demo.sessions.map(\.start))
        #expect(snap.sessions.map(\.note) == demo.sessions.map(\.note))
        #expect(snap.warnings.contains { $0.contains("moved this store to format 2") })
        #expect(t.files().contains { $0.hasPrefix("learner.toml.format1-") && $0.hasSuffix(".bak") })
        #expect(!t.files().contains("learner.toml"))
        #expect(t.bytes("sessions.log") == Data(log.utf8), "the log needs no change")
        // A second run does nothing more.
        let files = t.everything()
        let again = try t.store.load()
        #expect(again.learner == snap.learner && again.warnings.isEmpty)
        #expect(t.everything() == files)
    }

    @Test func unknownKeysAndTablesAndInlineTablesCarryOver() throws {
        let t = try legacyStore("""
        format = 1
        future_root = { a = 1, b = [1, 2] }
        profile = { name = "Ana", weekly_goal_minutes = 600, avatar = "cat.png" }

        [[course]]
        id = "a"
        title = "A"
        colour = "#ff0000"
        "[x]" = 1
        credential = { awarded_by = "X", issued = 2026-01-02, signature = 'abc' }

        [[course]]
        id = "b"
        title = "B"
        credits = 2.25

        [sync]
        remote = "git@example.org:me/credits.git"

        """)
        let snap = try t.store.load()
        #expect(snap.learner.profile.name == "Ana" && snap.learner.profile.weeklyGoalMinutes == 600)
        #expect(snap.learner.courses.map(\.id) == ["a", "b"])
        #expect(snap.learner.courses[0].credential?.awardedBy == "X")
        #expect(snap.learner.courses[1].credits == 2.25)
        let a = t.text("courses/a.toml"), profile = t.text("profile.toml")
        for kept in ["colour = \"#ff0000\"", "\"[x]\" = 1", "signature = \"abc\""] { #expect(a.contains(kept), "lost \(kept):\n\(a)") }
        for kept in ["future_root = { a = 1, b = [1, 2] }", "avatar = \"cat.png\"", "remote = \"git@example.org:me/credits.git\""] {
            #expect(profile.contains(kept), "lost \(kept):\n\(profile)")
        }
    }

    @Test func aBrokenFormat1FileIsReportedAndLeftAsItWas() throws {
        let text = "format = 1\n[profile]\nname = \"T\"\n\n[[course]]\nid = \"a\"\ntitle = \"A\"\ndue = 2026-02-30\n"
        let t = try legacyStore(text)
        guard case let .malformed(path, line, _, message)? = loadError(t.store) else { Issue.record("loaded"); return }
        #expect(path.hasSuffix("learner.toml") && line == 8 && message.contains("day 30 does not exist"))
        #expect(t.files() == [".lock", "learner.toml", "sessions.log"], "nothing written beside it")
        #expect(t.text("learner.toml") == text)
        // So is a log that does not read against it.
        let u = try legacyStore("format = 1\n[[course]]\nid = \"a\"\ntitle = \"A\"\n", log: "2026-11-30T09:00Z 30m zz\n")
        #expect(loadError(u.store)?.description.contains("no course \"zz\"") == true)
        #expect(!u.files().contains("profile.toml"))
    }

    @Test func aMigrationThatFailsPartWayLeavesFormat1AsItWas() throws {
        // A file where the courses folder should be: the first course cannot be written.
        let text = "format = 1\n[profile]\nname = \"T\"\n\n[[pathway]]\nid = \"p\"\nname = \"P\"\ntotal_credits = 4\n\n[[course]]\nid = \"a\"\ntitle = \"A\"\n"
        let t = try legacyStore(text)
        try t.write("courses", "in the way")
        #expect(loadError(t.store) != nil)
        #expect(t.text("learner.toml") == text)
        #expect(t.files() == [".lock", "courses", "learner.toml", "sessions.log"], "what it wrote is gone again")
        // Once the way is clear it moves.
        try FileManager.default.removeItem(atPath: t.dir + "/courses")
        #expect(try t.store.load().learner.courses.map(\.id) == ["a"])
    }

    @Test(.enabled(if: getuid() != 0, "root writes through permissions"))
    func aStoreThatCannotBeWrittenIsReadAsFormat1() throws {
        let text = "format = 1\n[profile]\nname = \"T\"\n\n[[course]]\nid = \"a\"\ntitle = \"A\"\n"
        let t = try legacyStore(text)
        chmod(t.dir, 0o500)
        defer { chmod(t.dir, 0o700) }
        let snap = try t.store.load()
        #expect(snap.learner.courses.map(\.id) == ["a"])
        #expect(snap.warnings.contains { $0.contains("could not be moved to format 2") })
        #expect(t.text("learner.toml") == text)
    }

    @Test func aStoreNewerThanTheProgramIsRefused() throws {
        let t = try TempStore()
        try t.write("profile.toml", "format = 3\nname = \"From the future\"\n")
        #expect(loadError(t.store)?.description.contains("format 3 is newer than this credstack reads (2); upgrade credstack") == true)
    }
}
