import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// Hand-written record files: any valid TOML is read as TOML says, and a change writes only its own bytes.
@Suite struct FormatPreservationTests {
    let handWritten = """
    # My notes on this course: the lecturer is great.
    title    = 'AWS Cloud'          # literal, as I like it
    provider = "AWS Skill Builder"
    credits  = 2.25
    hours    = 37.75
    skills   = ["C, C++", "iam"]    # one skill with a comma
    modules_done = 3
    modules_total = 0x1F
    description = '''
    Two lines
    of text'''
    "[x]" = 1
    future_field = { nested = [1, 2] }

    # From the badge I imported.
    credential = { awarded_by = "Amazon", issued = 2026-01-05, unverified = true, redeemed_for = "ug-cert", credits = 2.25, signature = 'abc' }

    """

    func store(_ text: String, bom: Bool = false) throws -> TempStore {
        let t = try TempStore()
        try t.write("courses/aws.toml", (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8))
        return t
    }

    @Test func anyValidTOMLIsReadAsTOMLSays() throws {
        let t = try store(handWritten, bom: true)
        let c = try #require(try t.store.load().learner.course("aws"))
        #expect(c.title == "AWS Cloud" && c.credits == 2.25 && c.hours == 37.75)
        #expect(c.skills == ["C, C++", "iam"])
        #expect(c.modulesTotal == 31 && c.modulesDone == 3)
        #expect(c.about == "Two lines\nof text")
        let cr = try #require(c.credential)
        #expect(cr.awardedBy == "Amazon" && cr.unverified && cr.redeemedFor == "ug-cert" && cr.credits == 2.25)
    }

    @Test func aPatchChangesOnlyItsOwnBytes() throws {
        let t = try store(handWritten, bom: true)
        let before = t.bytes("courses/aws.toml")!
        try t.store.transaction { tx in try tx.patchCourse("aws", CoursePatch([.status(.completed)])) }
        let after = t.bytes("courses/aws.toml")!
        // The new key goes after the last key of the table, in its style; nothing else moves.
        let expected = Data([0xEF, 0xBB, 0xBF]) + Data((handWritten + "status = \"completed\"\n").utf8)
        #expect(after == expected, "\(String(decoding: after, as: UTF8.self))")
        #expect(before != after)
        // Changing a value in the inline credential touches only that value.
        try t.store.transaction { tx in try tx.patchCredential("aws", CredentialPatch([.grade("A")])) }
        #expect(t.text("courses/aws.toml").contains("signature = 'abc', grade = \"A\" }"))
        try t.store.transaction { tx in try tx.patchCourse("aws", CoursePatch([.title("AWS Cloud Practitioner")])) }
        #expect(t.text("courses/aws.toml").contains("title    = 'AWS Cloud Practitioner'          # literal, as I like it"))
    }

    @Test func anUnchangedValueIsNotRewritten() throws {
        let t = try store(handWritten)
        let before = t.bytes("courses/aws.toml")
        // The same values, as a form would send them after showing them.
        try t.store.transaction { tx in
            try tx.patchCourse("aws", CoursePatch([.title("AWS Cloud"), .credits(2.25), .skills(["C, C++", "iam"]), .modules(done: 3, total: 31)]))
            try tx.patchCredential("aws", CredentialPatch([.awardedBy("Amazon"), .issued(LocalDate.parse("2026-01-05")!)]))
        }
        #expect(t.bytes("courses/aws.toml") == before)
    }

    @Test func removingAFieldRemovesItsLineAndKeepsComments() throws {
        let t = try store(handWritten)
        try t.store.transaction { tx in
            try tx.patchCourse("aws", CoursePatch([.hours(nil), .skills([])]))
            try tx.removeCredential("aws")
        }
        let text = t.text("courses/aws.toml")
        #expect(!text.contains("hours") && !text.contains("skills") && !text.contains("credential ="))
        #expect(text.contains("# My notes on this course") && text.contains("# From the badge I imported."))
        #expect(text.contains("\"[x]\" = 1") && text.contains("future_field = { nested = [1, 2] }"))
        #expect(try t.store.load().learner.course("aws")?.credential == nil)
    }

    @Test func aNewKeyFollowsTheFilesStyle() throws {
        let t = try store("title=\"A\"\r\nprovider=\"P\"\r\n")
        try t.store.transaction { tx in try tx.patchCourse("aws", CoursePatch([.level("4.5")])) }
        #expect(t.text("courses/aws.toml") == "title=\"A\"\r\nprovider=\"P\"\r\nlevel=\"4.5\"\r\n")
    }

    @Test func aCredentialTableIsAddedAtTheEnd() throws {
        let t = try store("title = \"A\"\n# keep me\n")
        try t.store.transaction { tx in
            try tx.patchCredential("aws", CredentialPatch(allOf: Credential(awardedBy: "X", issued: LocalDate.parse("2026-01-02")!, credits: 2)))
        }
        #expect(t.text("courses/aws.toml") == "title = \"A\"\n# keep me\n\n[credential]\nawarded_by = \"X\"\nissued = 2026-01-02\ncredits = 2\n")
    }

    @Test func timerWithFractionalSecondsAndProfileWithUnknownTables() throws {
        let t = try store("title = \"A\"\n")
        try t.write("timer.toml", "course = \"aws\"\nstarted = 2026-11-30T09:00:00.750+05:30\n")
        #expect(try t.store.load().timer?.started == Timestamp.parse("2026-11-30T09:00:00+05:30"))
        try t.write("profile.toml", "format = 2\nname = \"Ana\"\n\n[sync]\nremote = \"git@example.org:me/x.git\"\n")
        try t.store.transaction { tx in try tx.patchProfile(ProfilePatch([.weeklyGoalMinutes(420)])) }
        #expect(t.text("profile.toml") == "format = 2\nname = \"Ana\"\nweekly_goal_minutes = 420\n\n[sync]\nremote = \"git@example.org:me/x.git\"\n")
    }
}
