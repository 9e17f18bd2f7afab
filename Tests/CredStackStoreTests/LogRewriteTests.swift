import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// Removing or replacing sessions rewrites the log, passing over the lines it keeps without decoding them:
/// every kept line must stay byte for byte, and exactly the sessions named must change, whatever the lines
/// look like (no id, an id-like word in a note, CRLF, tabs, comments, blank lines).
@Suite struct LogRewriteTests {
    @Test func aRewriteChangesExactlyTheSessionsNamedAndKeepsEveryOtherByte() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        let noID = "2026-11-20T09:00Z 30m a typed by hand"
        let lines: [String] = [
            String(StudyLogCodec.header.dropLast()),
            "2026-11-21T09:00Z 30m a #aaaaaaaa goes",
            "2026-11-21T10:00Z 30m a #bbbbbbbb is replaced",
            noID,
            // A note holding the removed id as a word: its own id is derived from its text, so it stays.
            "2026-11-22T09:00Z 30m a says #aaaaaaaa in its note",
            "2026-11-22T10:00Z 30m a #cccccccc kept, CRLF\r",
            "2026-11-22T11:00Z\t30m\ta\t#dddddddd tabs",
            "",
            "# a comment #aaaaaaaa",
            "2026-11-23T09:00Z 30m a #eeeeeeee kept",
            "2026-11-23T10:00Z 45m a #ffffffff goes too, CRLF\r",
        ]
        try t.write("sessions.log", lines.joined(separator: "\n") + "\n")
        let before = try t.store.load().sessions
        let derived = try #require(before.first { $0.note == "typed by hand" }).id
        let tabbed = try #require(before.first { $0.note.hasSuffix("tabs") }).id
        let replaced = try #require(before.first { $0.id.text == "bbbbbbbb" })
        var edited = replaced
        edited.durationSeconds = 50 * 60
        edited.note = "edited"
        try t.store.transaction { tx in
            try tx.removeSessions([SessionID("aaaaaaaa")!, SessionID("ffffffff")!, derived, tabbed])
            try tx.replaceSession(edited)
        }
        let expected: [String] = [
            String(StudyLogCodec.header.dropLast()),
            "2026-11-21T10:00Z 50m a #bbbbbbbb edited",
            "2026-11-22T09:00Z 30m a says #aaaaaaaa in its note",
            "2026-11-22T10:00Z 30m a #cccccccc kept, CRLF\r",
            "",
            "# a comment #aaaaaaaa",
            "2026-11-23T09:00Z 30m a #eeeeeeee kept",
        ]
        #expect(t.text("sessions.log") == expected.joined(separator: "\n") + "\n")
        let after = try t.store.load().sessions
        #expect(after.count == before.count - 4)
        #expect(Set(after.map(\.id)) == Set(before.map(\.id)).subtracting([SessionID("aaaaaaaa")!, SessionID("ffffffff")!, derived, tabbed]))
    }
}
