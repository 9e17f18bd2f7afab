import Foundation
import Testing
import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackTestSupport
@testable import CredStackTUI

/// The dashboard's `update` and its effect runner on a real store, the way the program runs them.
final class LiveDashboard {
    let t: TempStore
    let runner: EffectRunner
    var state: AppState

    init(_ t: TempStore, now: Int64 = Fixtures.now) {
        self.t = t
        runner = EffectRunner(store: t.store, clock: FixedClock(now))
        state = AppState(data: nil, now: now)
        state = runner.reload(state)
    }

    /// Keys through `update`; every effect run against the store as the program runs it.
    func press(_ keys: [Key]) {
        for k in keys {
            let (next, effects) = update(state, .key(k))
            state = next
            for e in effects { state = runner.run(e, on: state) }
        }
    }

    var message: String { state.message?.text ?? "" }
}

/// A course file with everything a form could disturb: awkward numbers, a skill holding a comma, an
/// unverified imported credential redeemed for an award, keys this version does not know, comments.
let awkwardCourse = """
# My notes: keep them.
title = "Data Science"
provider = "NPTEL"
credits = 2.25
hours = 37.75
skills = ["C, C++", "statistics"]   # a skill with a comma
level = "EQF 5"
fee = "49.999 USD"
future_key = { a = [1, 2] }

[credential]
awarded_by = "IIT Madras"
issued = 2026-11-02
credits = 2.25
unverified = true
redeemed_for = "ug-cert"
signature = 'abc'

"""

@Suite(.serialized) struct DashboardOnAStoreTests {
    func store() throws -> TempStore {
        let t = try TempStore()
        try t.write("courses/ds.toml", awkwardCourse)
        try t.write("pathways/ug-cert.toml", "name = \"UG\"\ntotal_credits = 44\n")
        return t
    }

    @Test func everyFormSentBackUntouchedLeavesEveryFileByteForByte() throws {
        let t = try store()
        let before = t.everything()
        let d = LiveDashboard(t)
        #expect(d.state.selectedCourse?.id == "ds")
        for form: Key in [.char("e"), .char("c")] {
            d.press([form])
            guard case .form = d.state.overlay else { Issue.record("\(form) opened no form"); continue }
            d.press([.enter])
            #expect(d.state.overlay == nil)
            #expect(d.message == "Nothing changed; nothing was saved.")
            // Walk every field, even change one and change it back: still nothing.
            d.press([form, .tab, .tab, .char("x"), .backspace, .enter])
            #expect(t.everything() == before, "\(form): a file changed")
        }
    }

    @Test func aFormWritesOnlyTheFieldTheLearnerChanged() throws {
        let t = try store()
        let d = LiveDashboard(t)
        // The credential form: the grade only.
        d.press([.char("c")] + Array(repeating: Key.tab, count: 7) + Fixtures.type("A") + [.enter])
        #expect(d.message.hasPrefix("Recorded the credential for ds"), "\(d.message)")
        let text = t.text("courses/ds.toml")
        #expect(text == awkwardCourse.replacingOccurrences(of: "signature = 'abc'\n", with: "signature = 'abc'\ngrade = \"A\"\n"), "\(text)")
    }

    /// Another process holds the lock when the log form is saved: nothing is written, and the form comes
    /// back as typed, so Enter saves it once the store is free.
    @Test func aFormSavedWhileTheStoreIsBusyKeepsWhatWasTyped() throws {
        let t = try store()
        let d = LiveDashboard(t)
        let other = open(t.dir + "/.lock", O_RDWR)
        defer { close(other) }
        #expect(flock(other, LOCK_EX) == 0)
        d.press([.char("l")] + Fixtures.type("45m") + [.tab, .tab, .tab] + Fixtures.type("joins") + [.enter])
        #expect(d.message.hasPrefix("Not saved: the store is busy") && d.message.contains("Kept: Enter tries again"), "\(d.message)")
        guard case .form(let form)? = d.state.overlay else { Issue.record("the form is gone"); return }
        #expect(form.value("duration") == "45m" && form.value("note") == "joins")
        #expect(!t.text("sessions.log").contains("joins"))
        flock(other, LOCK_UN)
        d.press([.enter])
        #expect(d.message.hasPrefix("Logged 45m on ds"), "\(d.message)")
        #expect(d.state.overlay == nil && t.text("sessions.log").contains("45m ds #") && t.text("sessions.log").contains("joins"))
    }

    @Test func anEditOpenedOnOldDataIsRefusedAndTheDashboardShowsTheNewData() throws {
        let t = try store()
        let d = LiveDashboard(t)
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        // The course form.
        d.press([.char("e")])
        _ = try other.perform(.editCourse(id: "ds", CoursePatch([.title("Renamed elsewhere")]), expected: nil))
        let changed = t.everything()
        d.press([.ctrl("u")] + Fixtures.type("Mine") + [.enter])
        #expect(d.message.contains("changed elsewhere"), "\(d.message)")
        #expect(t.everything() == changed, "nothing lost, nothing overwritten")
        #expect(d.state.data?.learner.course("ds")?.title == "Renamed elsewhere", "the dashboard shows what is on disk")
        // What was typed comes back on the new version; Esc drops it, Enter would save it over the new one.
        guard case .form(let rebased)? = d.state.overlay, case .editCourse(let base, _) = rebased.kind else { Issue.record("the typing was lost"); return }
        #expect(base.title == "Renamed elsewhere" && rebased.field("title")?.value == "Mine")
        d.press([.escape])
        #expect(t.everything() == changed)
        // The credential form.
        d.press([.char("c")])
        _ = try other.perform(.recordCredential(courseID: "ds", CredentialPatch([.grade("B")]), mode: .edit, expected: nil))
        d.press(Array(repeating: Key.tab, count: 7) + [.ctrl("u")] + Fixtures.type("A") + [.enter])
        #expect(d.message.contains("changed elsewhere"), "\(d.message)")
        #expect(d.state.data?.learner.course("ds")?.credential?.grade == "B")
        d.press([.enter])
        #expect(d.state.data?.learner.course("ds")?.credential?.grade == "A", "saved over the new version once seen: \(d.message)")
    }

    @Test func aDeleteRemovesWhatItListedOrNothing() throws {
        let t = try store()
        let d = LiveDashboard(t)
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: 600, start: Fixtures.utc.timestamp(Fixtures.now - 7200))))
        d.press([.char("r"), .char("d")])
        guard case .confirm(let c)? = d.state.overlay else { Issue.record("no dialog"); return }
        #expect(c.lines.contains("Its 1 logged session will be deleted too."))
        _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: 600)))
        d.press([.char("y")])
        #expect(d.message.contains("changed elsewhere") && d.message.contains("now 2"), "\(d.message)")
        #expect(try t.store.load().sessions.count == 2 && t.files("courses") == ["ds.toml"])
        d.press([.char("d"), .char("y")])
        #expect(d.message == "Removed ds and its 2 sessions.", "\(d.message)")
        #expect(t.files("courses").isEmpty)
    }

    @Test func theTimerKeyActsOnTheTimerItShowed() throws {
        let t = try store()
        let d = LiveDashboard(t)
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        d.press([.char("t")])
        #expect(d.message.hasPrefix("Timer started on ds"), "\(d.message)")
        let mine = try #require(try t.store.load().timer)
        // Elsewhere: that timer is stopped and another started.
        _ = try other.perform(.cancelTimer(expected: nil))
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 60), note: "elsewhere", expectedRunning: nil))
        d.state.data?.timer = mine
        d.press([.char("t")])
        #expect(d.message.contains("changed elsewhere"), "\(d.message)")
        #expect(try t.store.load().timer?.note == "elsewhere", "the other timer runs on")
        #expect(d.state.data?.timer?.note == "elsewhere", "and the dashboard shows it")
        // Starting where one was started elsewhere meanwhile: refused too.
        _ = try other.perform(.cancelTimer(expected: nil))
        d.press([.char("r")])
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 60), note: "again", expectedRunning: nil))
        d.press([.char("t")])
        #expect(d.message.contains("already running on ds"), "\(d.message)")
    }

    @Test func aForgottenTimerAsksWhenItStoppedAndTOnAnotherCourseSwitches() throws {
        let t = try store()
        try t.write("courses/sql.toml", "title = \"SQL Basics\"\n")
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        // Forgotten overnight: 14 h, past the 12 h default.
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 14 * 3600), note: "", expectedRunning: nil))
        let d = LiveDashboard(t)
        d.press([.char("t")])
        guard case .form(let form)? = d.state.overlay, case .stopTimer = form.kind else { Issue.record("\(String(describing: d.state.overlay))"); return }
        #expect(form.title.hasPrefix("Timer on ds since"), "\(form.title)")
        #expect(try t.store.load().sessions.isEmpty, "nothing is logged before the learner answers")
        // The suggested end is the start plus an hour (no sessions on ds yet); the learner types their own.
        let start = Fixtures.utc.timestamp(Fixtures.now - 14 * 3600)
        #expect(form.fields[0].value == "\(start.local.date) \(Fixtures.utc.timestamp(start.epochSeconds + 3600).clockLabel)")
        d.press([.ctrl("u")] + "tomorrow".map { .char($0) } + [.enter])
        #expect(d.state.overlay != nil && d.state.overlay.map { if case .form(let f) = $0 { return f.fields[0].error != nil } else { return false } } == true)
        let end = Fixtures.utc.timestamp(start.epochSeconds + 5400)
        d.press([.ctrl("u")] + "\(end.local.date) \(end.clockLabel)".map { .char($0) } + [.enter])
        #expect(try t.store.load().sessions.map(\.durationSeconds) == [5400], "\(d.message)")
        #expect(try t.store.load().timer == nil)
        // A timer within the limit: t on another course switches to it, logging the first.
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 1800), note: "", expectedRunning: nil))
        d.press([.char("r")])
        d.state.selectedCourseID = "sql"
        d.press([.char("t")])
        #expect(try t.store.load().timer?.courseID == "sql", "\(d.message)")
        #expect(try t.store.load().sessions.map(\.durationSeconds).sorted() == [1800, 5400])
        // And on its own course, t stops it.
        d.press([.char("t")])
        #expect(try t.store.load().timer == nil, "\(d.message)")
    }

    @Test func aPathwayIsFollowedAndACredentialRedeemedFromTheDashboard() throws {
        let t = try store()
        let d = LiveDashboard(t)
        d.press([.char("p")] + "diploma".map { .char($0) } + [.tab] + "ug-dip-data".map { .char($0) } + [.enter])
        #expect(d.message.contains("Following"), "\(d.message)")
        let pathway = try #require(try t.store.load().learner.pathway("ug-dip-data"))
        #expect(pathway.template == "ug-diploma")
        // The same id again is refused beside the field, nothing written.
        d.press([.char("p")] + "diploma".map { .char($0) } + [.tab] + "ug-dip-data".map { .char($0) } + [.enter])
        guard case .form(let again)? = d.state.overlay else { Issue.record("the form should stay open"); return }
        #expect(again.field("id")?.error?.contains("already") == true)
        d.press([.escape])
        // Redeem ds's credential for it: the credential form's last field, chosen by typing its name.
        d.state.selectedCourseID = "ds"
        d.press([.char("c"), .backTab] + "dip".map { .char($0) } + [.enter])
        let credential = try #require(try t.store.load().learner.course("ds")?.credential)
        #expect(credential.redeemedFor == "ug-dip-data" && credential.redeemedAward == "ug-diploma", "\(d.message)")
        #expect(t.text("courses/ds.toml").contains("signature = 'abc'"), "the rest of the file is untouched")
        #expect(t.text("courses/ds.toml").contains("credits = 2.25"))
    }

    @Test func aCoursesSessionsAreEditedAndDeletedFromTheDashboard() throws {
        let t = try store()
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        for (hoursAgo, note) in [(30, "older"), (6, "newer")] {
            _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: 2700, start: Fixtures.utc.timestamp(Fixtures.now - Int64(hoursAgo) * 3600), note: note)))
        }
        let d = LiveDashboard(t)
        d.state.selectedCourseID = "ds"
        d.press([.char("s")])
        #expect(d.state.overlay == .sessions(courseID: "ds", selected: 0))
        let screen = view(d.state, Size(width: 80, height: 24)).text
        #expect(screen.contains("Sessions: Data Science") && screen.range(of: "newer")!.lowerBound < screen.range(of: "older")!.lowerBound, "newest first")
        // Edit the older one's duration: only the duration changes, and the list comes back.
        d.press([.char("j"), .char("e"), .tab, .ctrl("u")] + "50m".map { .char($0) } + [.enter])
        #expect(d.message.hasPrefix("Saved session"), "\(d.message)")
        #expect(try t.store.load().sessions.sorted(by: StudySession.timeOrder).map(\.durationSeconds) == [3000, 2700])
        #expect(d.state.overlay == .sessions(courseID: "ds", selected: 1))
        // Changed elsewhere after the list showed it: the delete is refused and nothing goes.
        let older = try t.store.load().sessions.sorted(by: StudySession.timeOrder)[0]
        _ = try other.perform(.editSession(.id(older.id.text), SessionPatch(note: "edited elsewhere"), expected: nil))
        d.press([.char("d"), .char("y")])
        #expect(d.message.contains("changed") || d.message.contains("elsewhere"), "\(d.message)")
        #expect(try t.store.load().sessions.count == 2)
        // Looked at again, it goes after a yes; a no keeps it.
        d.state.overlay = .sessions(courseID: "ds", selected: 1)
        d.press([.char("d"), .char("n")])
        #expect(try t.store.load().sessions.count == 2 && d.state.overlay == .sessions(courseID: "ds", selected: 1))
        d.press([.char("d"), .char("y")])
        #expect(try t.store.load().sessions.map(\.note) == ["newer"], "\(d.message)")
        #expect(d.state.overlay == .sessions(courseID: "ds", selected: 0))
    }

    @Test func aTimerWhoseSessionWouldOverlapAsksForItsEndAndTheDashboardSpeaksItsOwnLanguage() throws {
        let t = try store()
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 3 * 3600), note: "", expectedRunning: nil))
        // Logged elsewhere while the timer ran: stopping it now would overlap that session.
        _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: 1800, start: Fixtures.utc.timestamp(Fixtures.now - 3600), allowOverlap: true)))
        let d = LiveDashboard(t)
        d.press([.char("t")])
        guard case .form(let form)? = d.state.overlay, case .stopTimer = form.kind else { Issue.record("\(d.message)"); return }
        #expect(form.field("when")?.error?.contains("overlaps session") == true && form.field("when")?.error?.contains("--allow") == false,
                "\(String(describing: form.field("when")?.error))")
        #expect(try t.store.load().sessions.count == 1 && t.store.load().timer != nil, "nothing logged, the timer runs on")
        let end = Fixtures.utc.timestamp(Fixtures.now - 3600)
        d.press([.ctrl("u")] + "\(end.local.date) \(end.clockLabel)".map { .char($0) } + [.enter])
        #expect(try t.store.load().sessions.map(\.durationSeconds).sorted() == [1800, 7200], "\(d.message)")
        // An overlapping edit in the sessions window: the reason, without command-line flags, whole.
        d.state.selectedCourseID = "ds"
        d.press([.char("s"), .char("e"), .ctrl("u")] + "\(end.local.date) \(Fixtures.utc.timestamp(end.epochSeconds - 1800).clockLabel)".map { .char($0) } + [.enter])
        #expect(d.message.hasPrefix("Not saved: it overlaps session") && !d.message.contains("--") && d.message.contains("time. Kept:"), "\(d.message)")
        // Esc on the timer question says the timer keeps running.
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 13 * 3600 - 7200), note: "", expectedRunning: nil))
        d.press([.escape, .escape, .char("r"), .char("t"), .escape])
        #expect(d.message == "Cancelled; the timer keeps running.", "\(d.message)")
    }

    @Test func aCoursesSessionsAreReadOnlyWhenAWindowListsThemAndFollowChangesElsewhere() throws {
        let t = try store()
        try t.write("courses/sql.toml", "title = \"SQL Basics\"\n")
        let other = Operations(store: t.store, clock: FixedClock(Fixtures.now))
        for (hoursAgo, minutes, note) in [(50, 30, "first"), (30, 90, "second"), (20, 50, "third")] {
            _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: minutes * 60, start: Fixtures.utc.timestamp(Fixtures.now - Int64(hoursAgo) * 3600), note: note)))
        }
        _ = try other.perform(.logSession(SessionDraft(courseID: "sql", seconds: 600, start: Fixtures.utc.timestamp(Fixtures.now - 3600), note: "sql one")))
        let d = LiveDashboard(t)
        #expect(d.state.data?.courseSessions.isEmpty == true, "the dashboard holds day totals, not sessions")
        d.state.selectedCourseID = "ds"
        d.press([.enter])
        var screen = view(d.state, Size(width: 80, height: 24)).text
        #expect(screen.contains("Sessions: 3, 2h 50m in all") && screen.contains("third"), "\(screen)")
        #expect(d.state.data?.recentSessions["ds"]?.map(\.note) == ["third", "second", "first"], "newest first")
        #expect(d.state.data?.recentSessions.keys.sorted() == ["ds"] && d.state.data?.courseSessions.isEmpty == true,
                "only the latest of the course the window shows")
        // Logged elsewhere while the window is open: the reload reads that course's sessions again.
        _ = try other.perform(.logSession(SessionDraft(courseID: "ds", seconds: 600, start: Fixtures.utc.timestamp(Fixtures.now - 1800), note: "fourth")))
        d.state = d.runner.reload(d.state)
        screen = view(d.state, Size(width: 80, height: 24)).text
        #expect(screen.contains("Sessions: 4, 3h in all") && screen.contains("fourth"), "\(screen)")
        // The session list reads them all.
        d.press([.escape, .char("s")])
        #expect(d.state.data?.courseSessions["ds"]?.map(\.note) == ["fourth", "third", "second", "first"])
        // A course with more sessions than the detail lists: the latest fifty, and the count of all.
        for n in 0..<60 {
            _ = try other.perform(.logSession(SessionDraft(courseID: "sql", seconds: 60, start: Fixtures.utc.timestamp(Fixtures.now - 90 * 86_400 + Int64(n) * 3600), note: "old \(n)")))
        }
        d.press([.escape])
        d.state = d.runner.reload(d.state)
        d.state.selectedCourseID = "sql"
        d.press([.enter])
        #expect(d.state.data?.recentSessions["sql"]?.count == 50 && d.state.data?.recentSessions["sql"]?.first?.note == "sql one")
        #expect(view(d.state, Size(width: 80, height: 24)).text.contains("Sessions: 61, 1h 10m in all"))
        d.press([.escape])
        // The delete dialog waits for the sessions it lists, then counts them.
        d.press([.escape])
        d.state.selectedCourseID = "sql"
        d.press([.char("d")])
        guard case .confirm(let c)? = d.state.overlay else { Issue.record("no dialog: \(d.message)"); return }
        #expect(c.lines.contains("Its 61 logged sessions will be deleted too."))
        d.press([.char("n")])
        // A timer left running past the limit: the suggested end is its start plus the usual session (the
        // median, 50 minutes), known from the overview without reading ds's sessions.
        _ = try other.perform(.startTimer(courseID: "ds", at: Fixtures.utc.timestamp(Fixtures.now - 14 * 3600), note: "", expectedRunning: nil))
        d.state.data?.courseSessions = [:]
        d.state = d.runner.reload(d.state)
        #expect(d.state.data?.courseSessions.isEmpty == true)
        d.state.selectedCourseID = "ds"
        d.press([.char("t")])
        guard case .form(let form)? = d.state.overlay else { Issue.record("\(d.message)"); return }
        let start = Fixtures.utc.timestamp(Fixtures.now - 14 * 3600)
        #expect(form.fields[0].value == "\(start.local.date) \(Fixtures.utc.timestamp(start.epochSeconds + 50 * 60).clockLabel)")
    }
}
