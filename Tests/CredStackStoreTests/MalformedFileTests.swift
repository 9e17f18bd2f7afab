import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

private let profile = "format = 2\nname = \"T\"\n"
private let course = "title = \"AWS\"\n"

/// Each broken file gives file:line:col and what was expected, and is left byte for byte as it was.
@Suite struct MalformedFileTests {
    struct Case: CustomStringConvertible, Sendable {
        var file: String
        var content: String
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(file):\(line):\(column) \(message)" }
    }

    static let c = "courses/aws-cloud.toml"
    static let cases: [Case] = [
        Case(file: c, content: course + "due = \"14/03/2026\"\n", line: 2, column: 7, message: "due: expected a date like 2026-03-14, found \"14/03/2026\""),
        Case(file: c, content: course + "due = 2026-02-30\n", line: 2, column: 15, message: "day 30 does not exist in 2026-02"),
        Case(file: c, content: course + "title = \"again\"\n", line: 2, column: 1, message: "the key title is defined twice"),
        Case(file: c, content: course + "status = \"finished\"\n", line: 2, column: 10, message: "status: expected one of"),
        Case(file: c, content: course + "credits = -4\n", line: 2, column: 11, message: "credits: expected a number from 0 to 1000"),
        Case(file: c, content: course + "hours = 1e400\n", line: 2, column: 9, message: "hours: expected a number from 0 to 100000"),
        Case(file: c, content: course + "modules_total = 99999999999999999999\n", line: 2, column: 17, message: "too large for a 64-bit integer"),
        Case(file: c, content: course + "note = \"unterminated\n", line: 2, column: 8, message: "not closed with \" on its line"),
        Case(file: c, content: course + "id = \"other\"\n", line: 2, column: 6, message: "this file is courses/aws-cloud.toml, so its id is aws-cloud"),
        Case(file: c, content: course + "[credential]\nawarded_by = \"X\"\n", line: 2, column: 1, message: "[credential] has no issued"),
        Case(file: c, content: course + "fee = \"lots\"\n", line: 2, column: 7, message: "fee: expected an amount and currency"),
        Case(file: c, content: course + "x = Cloud\n", line: 2, column: 5, message: "text needs quotes"),
        Case(file: c, content: "provider = \"P\"\n", line: 1, column: 1, message: "the course file has no title"),
        Case(file: c, content: course + "<<<<<<< HEAD\ntitle = \"a\"\n=======\ntitle = \"b\"\n>>>>>>> other\n", line: 2, column: 1, message: "git conflict markers"),
        Case(file: c, content: "\n \n", line: 1, column: 1, message: "the file is empty"),
        Case(file: "profile.toml", content: "format = 2\nweekly_goal_minutes = \"5h\"\n", line: 2, column: 23, message: "weekly_goal_minutes: expected a whole number"),
        Case(file: "profile.toml", content: "format = 3\n", line: 1, column: 10, message: "format 3 is newer than this credstack reads"),
        Case(file: "profile.toml", content: "name = \"T\"\n", line: 1, column: 1, message: "expected format = 2"),
        Case(file: "profile.toml", content: profile + "time_zone = \"Asia/Kolkatta\"\n", line: 3, column: 13, message: "did you mean Asia/Kolkata?"),
        Case(file: "profile.toml", content: profile + "time_zone = \"IST\"\n", line: 3, column: 13, message: "is not a time zone; expected a name like Asia/Kolkata or Europe/Berlin, or an offset like +05:30; did you mean Asia/Kolkata?"),
        Case(file: "profile.toml", content: profile + "bad\u{0}byte = 1\n", line: 3, column: 4, message: "U+0000"),
        Case(file: "pathways/p.toml", content: "name = \"P\"\ntotal_credits = 40\nmax_online_share = 40\n", line: 3, column: 20, message: "max_online_share: expected a number from 0 to 1"),
        Case(file: "pathways/p.toml", content: "name = \"P\"\ntotal_credits = 40\nrounding = \"sideways\"\n", line: 3, column: 12, message: "rounding: expected one of \"down\", \"nearest\", \"up\", \"half\""),
        Case(file: "pathways/p.toml", content: "name = \"P\"\ntotal_credits = 60\ncount_by = \"hours\"\n", line: 3, column: 12, message: "count_by = \"hours\" needs hours_per_credit"),
        Case(file: "pathways/p.toml", content: "name = \"P\"\ntotal_credits = 40\n\n[[minimum]]\nname = \"Data\"\ncredits = 12\ncategory = \"Data\"\n", line: 7, column: 12, message: "[[minimum]] knows name, credits and categories, not category"),
        Case(file: "pathways/p.toml", content: "name = \"P\"\n", line: 1, column: 1, message: "has no total_credits"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m aws-cloud ok\n2026-11-30T09:00Z 45x aws-cloud\n", line: 2, column: 21, message: "expected a duration like 45m"),
        Case(file: "sessions.log", content: "14/03/2026 45m aws-cloud\n", line: 1, column: 1, message: "expected a date like 2026-11-30"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z -45m aws-cloud\n", line: 1, column: 19, message: "negative"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 9999h aws-cloud\n", line: 1, column: 19, message: "at most 24h"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m aws-clod\n", line: 1, column: 23, message: "no course \"aws-clod\" in courses/ (did you mean \"aws-cloud\"?)"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m\n", line: 1, column: 22, message: "expected a course id"),
        Case(file: "sessions.log", content: "# credstack study log, format 7. x\n", line: 1, column: 31, message: "format 7 is newer"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m aws-cloud\n<<<<<<< HEAD\n2026-11-30T10:00Z 5m aws-cloud\n=======\n>>>>>>> lab\n", line: 2, column: 1, message: "git conflict markers"),
        Case(file: "timer.toml", content: "course = \"aws-cloud\"\n", line: 1, column: 1, message: "has no started"),
        Case(file: "timer.toml", content: "course = \"gone\"\nstarted = 2026-11-30T09:00:00Z\n", line: 1, column: 10, message: "not one of your courses"),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhatAndKeepsTheFile(_ c: Case) throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "aws-cloud", title: "AWS")) }
        let bytes = Data(c.content.utf8)
        try t.write(c.file, bytes)
        let error = loadError(t.store)
        #expect(error?.exitCode == 65)
        if case let .malformed(path, line, column, message)? = error {
            #expect(path.hasSuffix("/" + c.file))
            #expect(line == c.line, "\(error!)")
            #expect(column == c.column, "\(error!)")
            #expect(message.contains(c.message), "\(error!)")
        } else {
            Issue.record("expected a malformed-file error for \(c), got \(String(describing: error))")
        }
        // A change attempted on a malformed store writes nothing.
        let before = t.everything()
        _ = try? t.store.transaction { tx in try tx.patchProfile(ProfilePatch([.name("changed")])) }
        _ = try? t.store.transaction { tx in try tx.append([StudySession(start: Timestamp.parse("2026-11-30T10:00Z")!, durationSeconds: 60, courseID: "aws-cloud")]) }
        if c.file != "sessions.log" { #expect(t.everything() == before, "\(c.file): something was modified") }
        #expect(t.bytes(c.file) == bytes)
    }

    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let t = try TempStore()
        try t.write("courses/a.toml", Data("title = \"caf".utf8) + Data([0xC3, 0x28]) + Data("\"\n".utf8))
        guard case let .malformed(_, line, column, message)? = loadError(t.store) else { Issue.record("loaded"); return }
        #expect(line == 1 && column == 13 && message.contains("not valid UTF-8"))
    }

    @Test func aLogWithAByteOrderMarkAndBlankLinesReads() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        try t.write("sessions.log", Data([0xEF, 0xBB, 0xBF]) + Data("2026-11-30T09:00Z 45m a\n   \n\t\n\n2026-11-30T10:00Z 5m a\n".utf8))
        #expect(try t.store.load().sessions.count == 2)
    }

    @Test func aFolderInPlaceOfAFile() throws {
        let t = try TempStore()
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        try FileManager.default.createDirectory(atPath: t.dir + "/sessions.log", withIntermediateDirectories: false)
        #expect(throws: StoreError.malformed(path: t.dir + "/sessions.log", line: 1, column: 1, message: "expected a file here, found a folder")) { try t.store.load() }
    }

    @Test func aFileNameThatIsNotAnIdIsReportedNotRead() throws {
        let t = try TempStore()
        try t.write("courses/My Notes.toml", "title = \"x\"\n")
        try t.write("courses/a.toml~", "title = \"editor backup\"\n")
        let snap = try t.store.load()
        #expect(snap.learner.courses.isEmpty)
        #expect(snap.warnings.contains { $0.contains("courses/My Notes.toml is not read") })
    }

    @Test func missingStoreSaysHowToCreateOne() throws {
        let t = try TempStore(initialized: false)
        #expect(throws: StoreError.notInitialized(directory: t.dir)) { try t.store.load() }
        #expect(StoreError.notInitialized(directory: "/x").description.contains("credstack init"))
        // A log whose profile is gone is not "no store": starting over would hide every logged minute.
        try Data("2026-11-30T09:00Z 45m a\n".utf8).write(to: URL(fileURLWithPath: t.dir + "/sessions.log"))
        #expect(throws: StoreError.profileLost(directory: t.dir)) { try t.store.load() }
        #expect(StoreError.profileLost(directory: "/x").description.contains("credstack init --recover"))
    }
}

func loadError(_ store: Store) -> StoreError? {
    do { _ = try store.load(); return nil } catch { return error }
}
