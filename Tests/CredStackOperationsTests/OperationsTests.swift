import Foundation
import Testing
import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackTestSupport

let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
let now = Timestamp.parse("2026-11-30T10:00:00Z")!.epochSeconds
func at(_ text: String) -> Timestamp { Timestamp.parse(text)! }

/// A store and the operations on it, at a fixed moment.
struct Bench {
    let t: TempStore
    var ops: Operations
    init(clock: Int64 = now, profile: Profile = Profile(name: "Test", weeklyGoalMinutes: 300)) throws {
        t = try TempStore(profile: profile)
        ops = Operations(store: t.store, clock: FixedClock(clock))
    }
    @discardableResult
    func run(_ op: StoreOperation) throws -> Outcome { try ops.perform(op) }
    func refused(_ op: StoreOperation) -> OperationError? {
        do { _ = try ops.perform(op); return nil } catch { return error }
    }
    var snap: StoreSnapshot { get throws { try t.store.load() } }
}

@Suite struct OperationsTests {
    @Test func anEditWritesOnlyTheFieldsItCarries() throws {
        let b = try Bench()
        try b.t.write("courses/c.toml", """
        # hand-written
        title = "C"
        credits = 2.25   # from the syllabus
        hours = 37.75
        skills = ["C, C++", "iam"]
        extra = "kept"

        [credential]
        awarded_by = "X"
        issued = 2026-01-05
        unverified = true
        redeemed_for = "ug-cert"
        signature = 'abc'

        """)
        let before = b.t.text("courses/c.toml")
        try b.run(.editCourse(id: "c", CoursePatch([.status(.paused)]), expected: nil))
        #expect(b.t.text("courses/c.toml") == before.replacingOccurrences(of: "extra = \"kept\"\n", with: "extra = \"kept\"\nstatus = \"paused\"\n"))
        // An empty patch (a form sent back untouched) writes nothing at all.
        let now = b.t.everything()
        let outcome = try b.run(.editCourse(id: "c", CoursePatch(), expected: nil))
        #expect(outcome == .courseEdited(try b.snap.learner.course("c")!, changed: []))
        #expect(b.t.everything() == now)
        // Credential edits keep unverified, redeemed_for and unknown keys.
        try b.run(.recordCredential(courseID: "c", CredentialPatch([.grade("A")]), mode: .edit, expected: nil))
        let text = b.t.text("courses/c.toml")
        for kept in ["unverified = true", "redeemed_for = \"ug-cert\"", "signature = 'abc'", "credits = 2.25   # from the syllabus", "grade = \"A\""] {
            #expect(text.contains(kept), "lost \(kept)")
        }
    }

    @Test func anActionOnARecordChangedElsewhereIsRefused() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        let shown = try b.snap.version(of: .course("c"))
        try b.run(.editCourse(id: "c", CoursePatch([.title("Changed in another terminal")]), expected: nil))
        let files = b.t.everything()
        for op: StoreOperation in [.editCourse(id: "c", CoursePatch([.credits(4)]), expected: shown),
                                   .recordCredential(courseID: "c", CredentialPatch(allOf: Credential(awardedBy: "X", issued: LocalDate.parse("2026-01-01")!)), mode: .new, expected: shown),
                                   .removeCourse(id: "c", sessions: .exactly([]), expected: shown)] {
            let e = b.refused(op)
            #expect(e?.kind == .changedElsewhere, "\(op)")
            #expect(e?.message.contains("changed elsewhere") == true)
        }
        #expect(b.t.everything() == files)
    }

    @Test func aDeleteRemovesExactlyWhatTheDialogListedOrRefuses() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T08:00Z"))))
        let listed = Set(try b.snap.sessions)
        let version = try b.snap.version(of: .course("c"))
        // Another terminal logs one more while the dialog is open.
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T09:00Z"))))
        #expect(b.refused(.removeCourse(id: "c", sessions: .exactly(listed), expected: version))?.kind == .changedElsewhere)
        #expect(try b.snap.sessions.count == 2)
        // A course with a running timer cannot disappear from under it.
        try b.run(.startTimer(courseID: "c", at: utc.timestamp(now - 60), note: "", expectedRunning: nil))
        let all = Set(try b.snap.sessions)
        #expect(b.refused(.removeCourse(id: "c", sessions: .exactly(all), expected: version))?.message.contains("timer is running") == true)
        try b.run(.cancelTimer(expected: nil))
        #expect(try b.run(.removeCourse(id: "c", sessions: .exactly(all), expected: version)) == .courseRemoved(id: "c", sessions: 2))
        #expect(try b.snap.sessions.isEmpty && b.snap.learner.courses.isEmpty)
        #expect(b.t.files("courses").isEmpty)
    }

    @Test func aSessionEditedWhileTheDeleteDialogWasOpenIsNotLost() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T08:00Z"))))
        let listed = Set(try b.snap.sessions)
        try b.run(.editSession(.recent(1), SessionPatch(seconds: 3600, note: "edited elsewhere"), expected: nil))
        #expect(b.refused(.removeCourse(id: "c", sessions: .exactly(listed), expected: nil))?.kind == .changedElsewhere)
        #expect(try b.snap.sessions.first?.note == "edited elsewhere")
    }

    @Test func aDuplicatedLineIsNeverEditedTwice() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "a", title: "A")))
        try b.t.write("sessions.log", "2026-11-28T10:00Z 45m a\n2026-11-28T10:00Z 45m a\n")
        #expect(b.refused(.editSession(.recent(1), SessionPatch(note: "x"), expected: nil))?.message.contains("appears 2 times") == true)
        #expect(b.t.text("sessions.log") == "2026-11-28T10:00Z 45m a\n2026-11-28T10:00Z 45m a\n")
        // A copied line with its id, an earlier session between: found through the index (@1) or by a search
        // for its id, the write still refuses.
        let copied = "2026-11-28T10:00Z 45m a #aaaaaaaa\n2026-11-28T09:00Z 30m a #bbbbbbbb\n2026-11-28T10:00Z 45m a #aaaaaaaa\n"
        try b.t.write("sessions.log", copied)
        _ = try b.t.store.sessions(startingIn: 0..<1, of: b.snap.learner)
        #expect(b.t.bytes(".sessions.log.tmp-index") != nil, "a read made the index")
        for ref in [SessionRef.recent(1), .id("aaaaaaaa"), .id("aaaa")] {
            #expect(b.refused(.editSession(ref, SessionPatch(note: "x"), expected: nil))?.message.contains("appears 2 times") == true, "\(ref)")
            #expect(b.refused(.removeSession(ref, expected: nil))?.message.contains("appears 2 times") == true, "\(ref)")
            #expect(b.t.text("sessions.log") == copied)
        }
        try b.run(.editSession(.id("bbbbbbbb"), SessionPatch(note: "the one"), expected: nil))
        #expect(b.t.text("sessions.log") == copied.replacingOccurrences(of: "#bbbbbbbb", with: "#bbbbbbbb the one"))
    }

    @Test func aTimerStoppedWithinAMinuteLogsNothing() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.startTimer(courseID: "c", at: utc.timestamp(now - 3), note: "", expectedRunning: nil))
        #expect(try b.run(.stopTimer(at: nil, expected: nil)).summary == "The timer on c ran 3s, under a minute: nothing logged.")
        #expect(try b.snap.sessions.isEmpty && b.snap.timer == nil)
        #expect(b.refused(.logSession(SessionDraft(courseID: "c", seconds: 30)))?.message.contains("at least a minute") == true)
    }

    @Test func editingACredentialChangesOnlyTheCredential() throws {
        let b = try Bench()
        try b.t.write("courses/x.toml", "title = \"X\"\nstatus = \"enrolled\"\nmodules_done = 1\nmodules_total = 6\ncredential = { awarded_by = \"Org\", issued = 2026-02-01 }\n")
        try b.run(.recordCredential(courseID: "x", CredentialPatch([.grade("A")]), mode: .edit, expected: nil))
        #expect(b.t.text("courses/x.toml") == "title = \"X\"\nstatus = \"enrolled\"\nmodules_done = 1\nmodules_total = 6\ncredential = { awarded_by = \"Org\", issued = 2026-02-01, grade = \"A\" }\n")
    }

    @Test func noSessionOutsideTheYearsTheLogHolds() throws {
        let b = try Bench(clock: Timestamp.parse("0001-01-01T00:10:00Z")!.epochSeconds)
        try b.run(.addCourse(Course(id: "c", title: "C")))
        #expect(b.refused(.logSession(SessionDraft(courseID: "c", seconds: 2700)))?.message.contains("between the years 0001 and 9999") == true)
        #expect(try b.snap.sessions.isEmpty)
    }

    @Test func stoppingATimerLogsItsSessionEvenWhenAnotherStartsAtTheSameTime() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        let start = at("2026-11-30T08:00Z")
        try b.run(.startTimer(courseID: "c", at: start, note: "", expectedRunning: nil))
        // Another session with the same start and course, logged by hand (an overlap the learner allowed).
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: start, allowOverlap: true)))
        // Its session would overlap that one: refused with the reason, never "logged" while writing nothing.
        #expect(b.refused(.stopTimer(at: nil, expected: nil))?.message.contains("overlaps session") == true)
        #expect(try b.snap.timer != nil && b.snap.sessions.count == 1)
        try b.run(.editSession(.recent(1), SessionPatch(start: at("2026-11-30T07:00Z"), allowOverlap: true), expected: nil))
        let outcome = try b.run(.stopTimer(at: nil, expected: nil))
        guard case .timerStopped(let s, let already) = outcome else { Issue.record("\(outcome)"); return }
        #expect(!already && s.durationSeconds == 7200)
        #expect(try b.snap.sessions.count == 2, "the timer's session was written")
        #expect(try b.snap.timer == nil)
    }

    @Test func aStopRetriedAfterACrashDoesNotLogTwiceAndSaysSo() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.startTimer(courseID: "c", at: at("2026-11-30T09:00Z"), note: "lab", expectedRunning: nil))
        let timer = try #require(try b.snap.timer)
        // The crash: the session reached the log, the timer file stayed; the retry comes five minutes later.
        try b.t.store.transaction { tx in try tx.append([timer.session(endingAt: now)!]) }
        let later = Operations(store: b.t.store, clock: FixedClock(now + 300))
        let outcome = try later.perform(.stopTimer(at: nil, expected: timer.id))
        guard case .timerStopped(let s, let already) = outcome else { Issue.record("\(outcome)"); return }
        #expect(already && s.durationSeconds == 3600, "what was logged then, not what the retry would have logged")
        #expect(outcome.summary.contains("was already logged"))
        #expect(try b.snap.sessions.count == 1 && b.snap.timer == nil)
    }

    @Test func aForgottenTimerIsNeverLoggedSilently() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.startTimer(courseID: "c", at: at("2026-11-28T00:00Z"), note: "", expectedRunning: nil))
        let e = b.refused(.stopTimer(at: nil, expected: nil))
        #expect(e?.message.contains("has run 58h") == true && e?.hint?.contains("--at") == true && e?.kind == .timerOverLimit)
        #expect(try b.snap.timer != nil && b.snap.sessions.isEmpty)
        try b.run(.stopTimer(at: at("2026-11-28T03:30Z").epochSeconds, expected: nil))
        #expect(try b.snap.sessions.map(\.durationSeconds) == [12_600])
    }

    @Test func timerStartSwitchAndTheDashboardsView() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "a", title: "A")))
        try b.run(.addCourse(Course(id: "b", title: "B")))
        try b.run(.startTimer(courseID: "a", at: utc.timestamp(now - 1800), note: "", expectedRunning: nil))
        let running = try #require(try b.snap.timer)
        #expect(b.refused(.startTimer(courseID: "b", at: utc.timestamp(now), note: "", expectedRunning: running.id))?.kind == .conflict)
        #expect(b.refused(.startTimer(courseID: "b", at: utc.timestamp(now), note: "", expectedRunning: nil))?.kind == .changedElsewhere)
        let outcome = try b.run(.switchTimer(courseID: "b", at: utc.timestamp(now), note: "", expected: running.id))
        guard case .timerStarted(let t, let stopped?) = outcome else { Issue.record("\(outcome)"); return }
        #expect(t.courseID == "b" && stopped.courseID == "a" && stopped.durationSeconds == 1800)
        #expect(b.refused(.stopTimer(at: nil, expected: running.id))?.kind == .changedElsewhere, "the dashboard saw the old timer")
    }

    @Test func overlapsAreRefusedAndJustFinishedGoesBeforeThePreviousSession() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 2700)))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 2700)))
        let starts = try b.snap.sessions.map(\.start.epochSeconds).sorted()
        #expect(starts == [now - 5400, now - 2700])
        let e = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 3600, start: at("2026-11-30T08:00Z"))))
        #expect(e?.message.contains("overlaps session") == true && e?.field == "when")
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 3600, start: at("2026-11-30T08:00Z"), allowOverlap: true)))
        // Even in parallel, a day holds at most 24h.
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 22 * 3600, start: at("2026-11-29T01:00Z"))))
        let full = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 3 * 3600, start: at("2026-11-29T02:00Z"), allowOverlap: true)))
        #expect(full?.message.contains("more than 24h of study on Sun 29 Nov 2026") == true)
    }

    @Test func sessionsAreNamedByIdPrefixOrRecency() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.addCourse(Course(id: "d", title: "D")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T07:00Z"))))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T06:00Z"))))
        let latest = try b.snap.sessions.max { $0.start < $1.start }!
        let outcome = try b.run(.editSession(.recent(1), SessionPatch(seconds: 900, courseID: "d", note: "fixed"), expected: nil))
        guard case .sessionEdited(let before, let after) = outcome else { Issue.record("\(outcome)"); return }
        #expect(before == latest && after.id == latest.id && after.durationSeconds == 900 && after.courseID == "d")
        #expect(b.t.text("sessions.log").contains("#\(latest.id) fixed"))
        let prefix = String(latest.id.text.prefix(4))
        try b.run(.removeSession(SessionRef(prefix)!, expected: after))
        #expect(try b.snap.sessions.count == 1)
        #expect(b.refused(.removeSession(.recent(5), expected: nil))?.message.contains("there are 1 sessions") == true)
        #expect(b.refused(.removeSession(.id("zzzz"), expected: nil))?.kind == .invalid)
        // What the dashboard showed no longer matches: refused.
        let only = try b.snap.sessions[0]
        try b.run(.editSession(.id(only.id.text), SessionPatch(note: "elsewhere"), expected: nil))
        #expect(b.refused(.removeSession(.id(only.id.text), expected: only))?.kind == .changedElsewhere)
    }

    @Test func theFutureRuleIsTheSameForEveryFront() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        // Ending up to a minute from now is allowed (clocks drift); later is not.
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 540))))
        let e = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 300))))
        #expect(e?.message.contains("in the future") == true)
    }

    @Test func importsSkipWhatIsThereAndDryRunsWriteNothing() throws {
        let b = try Bench()
        var h = ImportedHistory(unit: "line")
        h.add(line: 2, start: at("2026-11-29T09:00Z"), seconds: 1800, course: "Data Science", note: "a")
        h.add(line: 3, start: at("2026-11-29T10:00Z"), seconds: 1800, course: "data science", note: "b")
        h.add(line: 4, start: at("2026-11-29T11:00Z"), seconds: 90_000, course: "x", note: "")
        let files = b.t.everything()
        guard case .imported(let dry) = try b.run(.importHistory(h, source: "f.csv", dryRun: true)) else { return }
        #expect(dry.importedCount == 2 && dry.newCourses.map(\.id) == ["data-science"])
        #expect(b.t.everything() == files)
        guard case .imported(let real) = try b.run(.importHistory(h, source: "f.csv", dryRun: false)) else { return }
        #expect(real.importedCount == 2 && real.skipped.map(\.line) == [4])
        guard case .imported(let again) = try b.run(.importHistory(h, source: "f.csv", dryRun: false)) else { return }
        #expect(again.importedCount == 0 && again.skipped.count == 3)
        // Every row failing is a failure, not a quiet success.
        var bad = ImportedHistory(unit: "line")
        bad.skip(2, "start \"16/11/2026 6:30 PM\" is not a date and time")
        #expect(b.refused(.importHistory(bad, source: "in.csv", dryRun: false))?.kind == .invalid)
    }

    @Test func importsKeepTheOverlapRuleAndTheDayLimit() throws {
        let b = try Bench(clock: Timestamp.parse("2026-11-30T20:00:00Z")!.epochSeconds)
        try b.run(.addCourse(Course(id: "a", title: "A")))
        try b.run(.logSession(SessionDraft(courseID: "a", seconds: 3600, start: at("2026-11-28T09:30Z"))))
        var h = ImportedHistory(unit: "line")
        h.add(line: 2, start: at("2026-11-20T00:00Z"), seconds: 72_000, course: "a", note: "x")
        h.add(line: 3, start: at("2026-11-20T00:00Z"), seconds: 72_000, course: "b", note: "z")
        h.add(line: 4, start: at("2026-11-28T10:00Z"), seconds: 3600, course: "a", note: "over the logged one")
        h.add(line: 5, start: at("2026-11-28T12:00Z"), seconds: 3600, course: "a", note: "fine")
        guard case .imported(let r) = try b.run(.importHistory(h, source: "f", dryRun: true)) else { return }
        #expect(r.importedCount == 2 && r.importedSeconds == 72_000 + 3600)
        #expect(r.skipped.map(\.line) == [3, 4])
        #expect(r.skipped.first { $0.line == 3 }?.reason == "overlaps line 2 of this file (--allow-overlap for study in parallel)")
        #expect(r.skipped.first { $0.line == 4 }?.reason.hasPrefix("overlaps session ") == true)
        // In parallel on purpose: still no day over 24h.
        guard case .imported(let p) = try b.run(.importHistory(h, source: "f", dryRun: false, allowOverlap: true)) else { return }
        #expect(try p.importedCount == 3 && Set(b.snap.sessions.map(\.note)) == ["", "x", "over the logged one", "fine"])
        #expect(p.skipped.map(\.reason) == ["more than 24h of study on Fri 20 Nov 2026"])
        // A course named only by skipped rows is not created; a new one's title is one line of text.
        #expect(try b.snap.learner.course("b") == nil && p.newCourses.isEmpty)
        var titled = ImportedHistory(unit: "line")
        titled.add(line: 2, start: at("2026-11-29T06:00Z"), seconds: 600, course: "evil\nname\u{1B}[31m", note: "")
        guard case .imported(let q) = try b.run(.importHistory(titled, source: "f", dryRun: false)) else { return }
        #expect(q.newCourses.map(\.title) == ["evil name [31m"], "\(q.newCourses)")
    }

    @Test func aTimerIsStoppedUnderTheRulesOfAnyOtherSession() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.startTimer(courseID: "c", at: at("2026-11-30T07:00Z"), note: "", expectedRunning: nil))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 1800, start: at("2026-11-30T09:00Z"), allowOverlap: true)))
        // Now would overlap the session logged meanwhile: refused, the timer kept, the end asked for.
        let e = b.refused(.stopTimer(at: nil, expected: nil))
        #expect(e?.field == "when" && e?.message.contains("overlaps session") == true, "\(String(describing: e))")
        #expect(try b.snap.timer != nil && b.snap.sessions.count == 1)
        try b.run(.stopTimer(at: at("2026-11-30T09:00Z").epochSeconds, expected: nil))
        #expect(try b.snap.sessions.map(\.durationSeconds).sorted() == [1800, 7200])
        // A timer left for over a day without an end given asks for one (the same refusal as past the limit).
        try b.run(.startTimer(courseID: "c", at: at("2026-11-29T00:00Z"), note: "", expectedRunning: nil))
        #expect(b.refused(.stopTimer(at: nil, expected: nil))?.kind == .timerOverLimit)
        #expect(b.refused(.stopTimer(at: at("2026-11-30T01:00Z").epochSeconds, expected: nil))?.message.contains("at most 24h") == true)
    }

    @Test func timewarriorTagsPickTheCourseTheyName() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "nptel-ds4e", title: "Data Science for Engineers")))
        var h = ImportedHistory(unit: "entry")
        h.add(line: 1, start: at("2026-11-29T09:00Z"), seconds: 1800, course: "lectures", note: "", tags: ["lectures", "nptel-ds4e"])
        try b.run(.importHistory(h, source: "timew", dryRun: false))
        let s = try b.snap.sessions
        #expect(s.map(\.courseID) == ["nptel-ds4e"] && s[0].note == "lectures")
        #expect(try b.snap.learner.courses.count == 1)
    }

    @Test func aCredentialCompletesTheCourse() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C", status: .enrolled, modulesDone: 5, modulesTotal: 6)))
        try b.run(.recordCredential(courseID: "c", CredentialPatch(allOf: Credential(awardedBy: "X", issued: LocalDate.parse("2026-11-01")!)), mode: .new, expected: nil))
        let c = try #require(try b.snap.learner.course("c"))
        #expect(c.status == .completed && c.modulesDone == 6)
        #expect(b.refused(.recordCredential(courseID: "c", CredentialPatch(allOf: Credential(awardedBy: "Y", issued: LocalDate.parse("2026-11-02")!)), mode: .new, expected: nil))?.kind == .conflict)
    }
}
