import Foundation
import Testing
import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackTestSupport

/// The dashboard's view of the store (`Store.overview`, `Store.sessions(of:learner:)`) keeps no session in
/// memory and reads through the log's index; it must say what the full load says, index or no index.
@Suite struct StoreOverviewTests {
    static let indexName = ".sessions.log.tmp-index"

    /// Four courses in a zone with daylight saving: sessions crossing midnight and the clock changes, in a
    /// shuffled order, and a timer running on one of them.
    func store() throws -> Bench {
        var profile = Profile(name: "Test", weeklyGoalMinutes: 300)
        profile.timeZone = "America/New_York"
        let b = try Bench(profile: profile)
        for id in ["a", "b", "c"] { try b.run(.addCourse(Course(id: id, title: id.uppercased()))) }
        var rng = SplitMix64(seed: 5)
        let first = now - 500 * 86_400
        let sessions = (0..<3000).map { n in
            StudySession(start: utc.timestamp(first + Int64(n) * 14_400 + Int64.random(in: 0..<3600, using: &rng)),
                         durationSeconds: Int.random(in: 60...(6 * 3600), using: &rng), courseID: ["a", "b", "b", "c"][n % 4], note: "n\(n)")
        }.shuffled(using: &rng)
        try b.t.store.transaction { tx in try tx.append(sessions) }
        // A course added later sorts first among the learner's courses, but comes last in the index's table.
        try b.run(.addCourse(Course(id: "0-intro", title: "Intro")))
        try b.run(.logSession(SessionDraft(courseID: "0-intro", seconds: 900, start: utc.timestamp(now - 7200))))
        try b.run(.startTimer(courseID: "b", at: utc.timestamp(now - 600), note: "", expectedRunning: nil))
        return b
    }

    func expectOverviewSaysWhatTheLoadSays(_ b: Bench, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let snap = try b.snap
        let overview = try b.t.store.overview()
        let full = StudyHistory(sessions: snap.sessions, calendar: StudyCalendar(profile: snap.learner.profile))
        let today = full.calendar.localDay(of: now)
        #expect(overview.history.firstDay == full.firstDay, comment, sourceLocation: sourceLocation)
        for ago in 0..<80 {
            #expect(overview.history.week(containing: today, ago: ago) == full.week(containing: today, ago: ago), comment, sourceLocation: sourceLocation)
        }
        #expect(overview.history.secondsPerCourse == full.secondsPerCourse, comment, sourceLocation: sourceLocation)
        for course in snap.learner.courses {
            let logged = snap.sessions.filter { $0.courseID == course.id }
            #expect(overview.history.logged(on: course.id) == (logged.count, logged.reduce(0) { $0 + $1.durationSeconds }), comment, sourceLocation: sourceLocation)
            #expect(try b.t.store.sessions(of: course.id, learner: snap.learner) == logged.sorted(by: StudySession.timeOrder), comment, sourceLocation: sourceLocation)
        }
        #expect(overview.timer == snap.timer && overview.versions == snap.versions && overview.warnings == snap.warnings, comment, sourceLocation: sourceLocation)
        #expect(overview.timerCourseLengths == snap.sessions.filter { $0.courseID == snap.timer?.courseID }.map(\.durationSeconds).sorted(),
                comment, sourceLocation: sourceLocation)
    }

    @Test func theOverviewAndACoursesSessionsSayWhatTheFullLoadSays() throws {
        let b = try store()
        #expect(b.t.bytes(Self.indexName) != nil)
        try expectOverviewSaysWhatTheLoadSays(b, "through the index")
        // No index: read in full, and the index is written again.
        try FileManager.default.removeItem(atPath: b.t.dir + "/" + Self.indexName)
        try expectOverviewSaysWhatTheLoadSays(b, "without the index")
        #expect(b.t.bytes(Self.indexName) != nil, "the full read wrote the index")
        // A line added by another program: the index no longer vouches, the new line counts.
        let line = "2026-11-29T23:30Z 2h c extra\n"
        try b.t.write("sessions.log", b.t.text("sessions.log") + line)
        try expectOverviewSaysWhatTheLoadSays(b, "after an outside append")
        #expect(try b.t.store.sessions(of: "c", learner: b.snap.learner).contains { $0.note == "extra" })
        // A cut last line: set aside with the same warning the full load gives.
        try b.t.write("sessions.log", b.t.text("sessions.log") + "2026-11-30T01:")
        try expectOverviewSaysWhatTheLoadSays(b, "with a cut last line")
        #expect(try b.t.store.overview().warnings.contains { $0.contains("cut short") })
    }

    @Test func theLatestSessionsAreTheLastOfTheFullReadInTimeOrder() throws {
        let b = try store()
        // Back-dated (the index's unsorted area) and two at the very same start (ties go by id).
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 30 * 86_400), note: "back-dated")))
        for course in ["a", "c"] {
            try b.run(.logSession(SessionDraft(courseID: course, seconds: 300, start: utc.timestamp(now - 300), note: "same start", allowOverlap: true)))
        }
        func expectLatestAsLoaded(_ comment: Comment) throws {
            let snap = try b.snap
            for course in [nil, "a", "b", "c", "0-intro", "new"] as [String?] {
                for n in [0, 1, 2, 3, 20, 1000, 5000] {
                    let expected = snap.sessions.filter { course == nil || $0.courseID == course }.sorted(by: StudySession.timeOrder).suffix(n)
                    #expect(try b.t.store.latestSessions(n, courseID: course, of: snap.learner).sessions == Array(expected), "\(comment) \(course ?? "all") \(n)")
                }
            }
        }
        try b.run(.addCourse(Course(id: "new", title: "New")))
        #expect(b.t.bytes(Self.indexName) != nil)
        try expectLatestAsLoaded("through the index")
        try FileManager.default.removeItem(atPath: b.t.dir + "/" + Self.indexName)
        try expectLatestAsLoaded("without it")
    }

    /// Entries changed in place, the header left as it was: an absurd start (which once overflowed the
    /// day arithmetic) and plausible lengths alike are caught by the entries' hash; the log is read instead.
    @Test func entriesChangedInPlaceAreNotBelieved() throws {
        let b = try store()
        let path = b.t.dir + "/" + Self.indexName
        let pristine = try #require(b.t.bytes(Self.indexName))
        let last = pristine.count - 16
        for (offset, bytes) in [(last, withUnsafeBytes(of: Int64.max.littleEndian, Array.init)),
                                (last + 12, withUnsafeBytes(of: UInt32(1).littleEndian, Array.init)),
                                (last - 16 * 7 + 12, withUnsafeBytes(of: UInt32(1).littleEndian, Array.init))] {
            var damaged = pristine
            damaged.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            try expectOverviewSaysWhatTheLoadSays(b, "an entry changed at \(offset)")
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let totals = try b.t.store.studyTotals(period: .day).rows()
            try FileManager.default.removeItem(atPath: path)
            #expect(totals == (try b.t.store.studyTotals(period: .day).rows()), "report totals with an entry changed at \(offset)")
        }
    }

    @Test func aCourseWithoutSessionsAndOneThatIsNotThereHaveNone() throws {
        let b = try store()
        try b.run(.addCourse(Course(id: "new", title: "New")))
        let learner = try b.snap.learner
        #expect(try b.t.store.sessions(of: "new", learner: learner).isEmpty)
        #expect(try b.t.store.sessions(of: "gone", learner: learner).isEmpty)
        #expect(try b.t.store.overview().history.logged(on: "new") == (0, 0))
        // Lines longer than one read of the log, between short ones, typed by hand: read whole through the index.
        let long = String(repeating: "long note ", count: 10_000) + "end"
        try b.t.write("sessions.log", b.t.text("sessions.log") + "2026-11-01T10:00Z 1h new \(long)\n2026-11-01T12:00Z 5m new short\n2026-11-02T10:00Z 1h new \(long)2\n")
        for pass in ["rebuilding the index", "through it"] {
            let listed = try b.t.store.sessions(of: "new", learner: learner)
            #expect(listed.map(\.note) == [long, "short", long + "2"], "\(pass): \(listed.map(\.note.count))")
        }
    }
}
