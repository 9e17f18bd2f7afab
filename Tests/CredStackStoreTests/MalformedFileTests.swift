import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore

private let header = "format = 1\n[profile]\nname = \"T\"\n"
private let courses = header + "\n[[course]]\nid = \"aws-cloud\"\ntitle = \"AWS\"\n"

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

    static let cases: [Case] = [
        Case(file: "learner.toml", content: courses + "due = \"14/03/2026\"\n", line: 8, column: 7, message: "due: expected a date like 2026-03-14, found \"14/03/2026\""),
        Case(file: "learner.toml", content: courses + "due = 2026-02-30\n", line: 8, column: 7, message: "expected a real date"),
        Case(file: "learner.toml", content: header.replacingOccurrences(of: "name = \"T\"", with: "weekly_goal_minutes = \"5h\""), line: 3, column: 23, message: "weekly_goal_minutes: expected a whole number"),
        Case(file: "learner.toml", content: "format = 2\n", line: 1, column: 10, message: "format 2 is newer than this credstack reads"),
        Case(file: "learner.toml", content: courses + "\n[[course]]\nid = \"aws-cloud\"\ntitle = \"Again\"\n", line: 10, column: 6, message: "the course id \"aws-cloud\" is used twice (first on line 6)"),
        Case(file: "learner.toml", content: header + "name = \"again\"\n", line: 4, column: 1, message: "\"name\" is set twice"),
        Case(file: "learner.toml", content: courses + "status = \"finished\"\n", line: 8, column: 10, message: "status: expected one of"),
        Case(file: "learner.toml", content: courses + "credits = -4\n", line: 8, column: 11, message: "credits: expected a number from 0 to 1000"),
        Case(file: "learner.toml", content: courses + "title2 = \"unterminated\n", line: 8, column: 10, message: "not closed on its line"),
        Case(file: "learner.toml", content: "format = 1\n[profile\n", line: 2, column: 9, message: "expected ] to close the table name"),
        Case(file: "learner.toml", content: header + "\n[[course]]\ntitle = \"No id\"\n", line: 5, column: 1, message: "[[course]] has no id"),
        Case(file: "learner.toml", content: header + "bad\u{0}byte = 1\n", line: 4, column: 4, message: "NUL byte"),
        Case(file: "learner.toml", content: "format = 1\nname = \"caf\u{FFFD}\"\n", line: 2, column: 0, message: "not valid UTF-8"),
        Case(file: "learner.toml", content: courses + "id2 = Cloud\n", line: 8, column: 7, message: "text needs quotes"),
        Case(file: "learner.toml", content: header + "\n[[pathway]]\nid = \"p\"\nname = \"P\"\ntotal_credits = 40\nmax_online_share = 40\n", line: 9, column: 20, message: "max_online_share: expected a number from 0 to 1"),
        Case(file: "learner.toml", content: header + "\n[[pathway]]\nid = \"p\"\nname = \"P\"\ntotal_credits = 40\nrounding = \"sideways\"\n", line: 9, column: 12, message: "rounding: expected one of \"down\", \"nearest\", \"up\", \"half\""),
        Case(file: "learner.toml", content: header + "\n[[pathway]]\nid = \"p\"\nname = \"P\"\ntotal_credits = 60\ncount_by = \"hours\"\n", line: 9, column: 12, message: "count_by = \"hours\" needs hours_per_credit"),
        Case(file: "learner.toml", content: header + "\n[[pathway.minimum]]\nname = \"Data\"\ncredits = 12\n", line: 5, column: 1, message: "[[pathway.minimum]] must come after the [[pathway]] it belongs to"),
        Case(file: "learner.toml", content: header + "\n[[pathway]]\nid = \"p\"\nname = \"P\"\ntotal_credits = 40\n\n[[pathway.minimum]]\nname = \"Data\"\ncredits = 12\ncategory = \"Data\"\n", line: 13, column: 12, message: "[[pathway.minimum]] knows name, credits and categories, not category"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m aws-cloud ok\n2026-11-30T09:00Z 45x aws-cloud\n", line: 2, column: 21, message: "expected a duration like 45m"),
        Case(file: "sessions.log", content: "14/03/2026 45m aws-cloud\n", line: 1, column: 1, message: "expected a date like 2026-11-30"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z -45m aws-cloud\n", line: 1, column: 19, message: "negative"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 9999h aws-cloud\n", line: 1, column: 19, message: "at most 24h"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m aws-clod\n", line: 1, column: 23, message: "no course \"aws-clod\" in learner.toml (did you mean \"aws-cloud\"?)"),
        Case(file: "sessions.log", content: "2026-11-30T09:00Z 45m\n", line: 1, column: 22, message: "expected a course id"),
        Case(file: "sessions.log", content: "2026-11-30T09:0", line: 1, column: 12, message: "expected a time of day like T09:15"),
        Case(file: "sessions.log", content: "# credstack study log, format 7. x\n", line: 1, column: 31, message: "format 7 is newer"),
        Case(file: "timer.toml", content: "course = \"aws-cloud\"\n", line: 1, column: 1, message: "has no started"),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhatAndKeepsTheFile(_ c: Case) throws {
        let t = try TempStore()
        if c.file != "learner.toml" { try t.write("learner.toml", courses) }
        var bytes = Data(c.content.utf8)
        if c.message == "not valid UTF-8" { bytes = Data("format = 1\nname = \"caf".utf8) + Data([0xC3, 0x28]) + Data("\"\n".utf8) }
        try bytes.write(to: URL(fileURLWithPath: t.dir + "/" + c.file))
        let expectedColumn = c.message == "not valid UTF-8" ? 12 : c.column
        let error = loadError(t.store)
        #expect(error?.exitCode == 65)
        if case let .malformed(path, line, column, message)? = error {
            #expect(path.hasSuffix("/" + c.file))
            #expect(line == c.line, "\(error!)")
            #expect(column == expectedColumn, "\(error!)")
            #expect(message.contains(c.message), "\(error!)")
        } else {
            Issue.record("expected a malformed-file error for \(c), got \(String(describing: error))")
        }
        // A change attempted on a malformed store writes nothing.
        _ = try? t.store.updateLearner { $0.profile.name = "changed" }
        _ = try? t.store.append([StudySession(start: Timestamp.parse("2026-11-30T10:00Z")!, durationSeconds: 60, courseID: "aws-cloud")])
        if c.file != "sessions.log" { #expect(t.bytes(c.file) == bytes, "\(c.file) was modified") }
        if c.file == "learner.toml" { #expect(t.bytes("sessions.log") == Data(StudyLogCodec.header.utf8)) }
    }

    @Test func emptyLearnerFileAndFolderInPlaceOfAFile() throws {
        let t = try TempStore()
        try t.write("learner.toml", "\n")
        #expect(loadError(t.store)?.description.hasSuffix("learner.toml:1:1: the file is empty; expected format = 1 and a [profile] (restore it from a backup; nothing was changed)") == true)
        #expect(t.bytes("learner.toml") == Data("\n".utf8))
        try t.write("learner.toml", "format = 1\n")
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        try FileManager.default.createDirectory(atPath: t.dir + "/sessions.log", withIntermediateDirectories: false)
        #expect(throws: StoreError.malformed(path: t.dir + "/sessions.log", line: 1, column: 1, message: "expected a file here, found a folder")) { try t.store.load() }
    }

    @Test func missingStoreSaysHowToCreateOne() throws {
        let t = try TempStore(initialized: false)
        #expect(throws: StoreError.notInitialized(directory: t.dir)) { try t.store.load() }
        #expect(StoreError.notInitialized(directory: "/x").description.contains("credstack init"))
    }
}

func loadError(_ store: Store) -> StoreError? {
    do { _ = try store.load(); return nil } catch { return error }
}
