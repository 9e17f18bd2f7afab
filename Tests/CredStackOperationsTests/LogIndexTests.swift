import Foundation
import Testing
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackTestSupport

/// The log's index (`.sessions.log.tmp-index`) lets a write read only the sessions around its time. These
/// tests hold it to the one promise that matters: a write sees exactly what a full read of the log sees,
/// whatever happened to the log or the index in between.
@Suite struct LogIndexTests {
    static let indexName = ".sessions.log.tmp-index"

    /// Sessions of 20 minutes, an hour apart, from `first`, in a shuffled order (so the index has to sort).
    func history(_ count: Int, course: String = "c", from first: Int64 = now - 400 * 86_400) -> [StudySession] {
        var rng = SplitMix64(seed: 7)
        return (0..<count).map { StudySession(start: utc.timestamp(first + Int64($0) * 3600), durationSeconds: 1200, courseID: course, note: "n\($0)") }
            .shuffled(using: &rng)
    }

    /// Every window asked of the index gives what the full read gives.
    func expectIndexAgreesWithFullRead(_ b: Bench, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let snap = try b.snap
        var rng = SplitMix64(seed: 11)
        let starts = snap.sessions.map(\.start.epochSeconds)
        guard let lo = starts.min(), let hi = starts.max() else { return }
        for _ in 0..<40 {
            let a = Int64.random(in: (lo - 86_400)...(hi + 86_400), using: &rng)
            let range = a..<(a + Int64.random(in: 1...(10 * 86_400), using: &rng))
            let viaIndex = try b.t.store.sessions(startingIn: range, of: snap.learner)
            let full = snap.sessions.filter { range.contains($0.start.epochSeconds) }.sorted(by: StudySession.timeOrder)
            #expect(viaIndex.sessions.sorted(by: StudySession.timeOrder) == full, comment, sourceLocation: sourceLocation)
            #expect(viaIndex.earliestStart == lo, comment, sourceLocation: sourceLocation)
        }
    }

    /// The index vouches for the log as it is: a read goes through it and does not replace it.
    func expectIndexVouches(_ b: Bench, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        func inode() -> UInt64? { (try? FileManager.default.attributesOfItem(atPath: b.t.dir + "/" + Self.indexName))?[.systemFileNumber] as? UInt64 }
        let before = inode()
        // Every line read through it: one that is not where its entry says makes the read fall back and replace it.
        _ = try b.t.store.sessions(startingIn: Int64.min..<Int64.max, of: b.snap.learner)
        #expect(before != nil && inode() == before, comment, sourceLocation: sourceLocation)
    }

    @Test func aWriteKeepsAnIndexThatAgreesWithTheLogInEveryOrder() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.addCourse(Course(id: "d", title: "D")))
        // More out-of-order sessions than the index keeps unsorted: it is rewritten sorted.
        try b.t.store.transaction { tx in try tx.append(history(5000)) }
        #expect(b.t.bytes(Self.indexName) != nil, "the write that read the log wrote its index")
        try expectIndexAgreesWithFullRead(b)
        // Appends in order, then a few back-dated ones (the unsorted area).
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 900)))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 900, start: utc.timestamp(now - 399 * 86_400 + 1800))))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 900, start: utc.timestamp(now - 10 * 86_400 + 1500))))
        try expectIndexAgreesWithFullRead(b)
        // A removal and an edit rewrite the log; the index is carried over, its entries moved with their lines.
        try b.run(.removeSession(.recent(1), expected: nil))
        #expect(b.t.bytes(Self.indexName) != nil)
        try expectIndexVouches(b, "after a removal")
        try expectIndexAgreesWithFullRead(b, "after a removal")
        let early = try #require(try b.snap.sessions.sorted(by: StudySession.timeOrder).dropFirst(3).first)
        try b.run(.editSession(.id(early.id.text), SessionPatch(seconds: 3000, note: "a longer note than the line had"), expected: nil))
        try b.run(.editSession(.recent(2), SessionPatch(courseID: "d"), expected: nil))
        try expectIndexVouches(b, "after edits")
        try expectIndexAgreesWithFullRead(b, "after edits")
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 2 * 86_400))))
        try expectIndexAgreesWithFullRead(b)
    }

    @Test func anEditInTheMiddleOfTheLogIsSeenByTheNextWrite() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.t.store.transaction { tx in try tx.append(history(300)) }
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600)))
        // Edit early lines by hand, in place: the file keeps its size and its last bytes, and its modification
        // time is put back. Only its change time tells, a clock tick after the write (the kernel's file
        // times move in ticks of up to 10 ms; see SessionIndex).
        usleep(50_000)
        let path = b.t.dir + "/sessions.log"
        var lines = b.t.text("sessions.log").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // n10 runs 20 minutes longer; n20 moves from a year ago to last week, where the index has nothing.
        let n10 = try #require(lines.firstIndex { $0.hasSuffix(" n10") })
        lines[n10] = lines[n10].replacingOccurrences(of: " 20m ", with: " 50m ")
        let n20 = try #require(lines.firstIndex { $0.hasSuffix(" n20") })
        let moved = "2026-11-25T12:00Z"
        #expect(lines[n20].dropFirst(moved.count).hasPrefix(" 20m c #"), "a start as long as the one it replaces")
        lines[n20] = moved + lines[n20].dropFirst(moved.count)
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        let size = b.t.bytes("sessions.log")?.count
        try b.t.write("sessions.log", lines.joined(separator: "\n"))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        #expect(b.t.bytes("sessions.log")?.count == size)
        // n10 starts 10 hours after the first; it now runs to 50 minutes, into this session's time.
        let lengthened = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 400 * 86_400 + 10 * 3600 + 40 * 60))))
        #expect(lengthened?.message.contains("overlaps session") == true, "\(String(describing: lengthened))")
        let intoMoved = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-25T12:10Z"))))
        #expect(intoMoved?.message.contains("overlaps session") == true, "a stale index would have let it in: \(String(describing: intoMoved))")
        try expectIndexAgreesWithFullRead(b)
    }

    @Test func aLineAddedByAnotherProgramIsSeenByTheNextWrite() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-20T10:00Z"))))
        #expect(b.t.bytes(Self.indexName) != nil)
        // What a git merge or a hand edit adds: a line the index has never seen.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: b.t.dir + "/sessions.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2026-11-29T12:00Z 1h c #hand0001 from the other laptop\n".utf8))
        try handle.close()
        let e = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 1800, start: at("2026-11-29T12:30Z"))))
        #expect(e?.message.contains("hand0001") == true)
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 1800, start: at("2026-11-29T13:00Z"))))
        try expectIndexAgreesWithFullRead(b)
    }

    @Test func aBrokenStaleOrForeignIndexIsNeverBelieved() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.t.store.transaction { tx in try tx.append(history(200)) }
        let good = try #require(b.t.bytes(Self.indexName))
        // Another store's index, with the same number of sessions but other times.
        let other = try Bench()
        try other.run(.addCourse(Course(id: "c", title: "C")))
        try other.t.store.transaction { tx in try tx.append(history(200, from: now - 100 * 86_400)) }
        let foreign = try #require(other.t.bytes(Self.indexName))
        let cases: [(String, Data)] = [
            ("garbage", Data(repeating: 0x41, count: good.count)),
            ("cut short", good.prefix(good.count - 8)),
            ("cut inside its header", good.prefix(40)),
            ("empty", Data()),
            ("its header changed", { var d = good; d[60] ^= 0x01; return d }()),
            ("an entry too many", good + Data(repeating: 0, count: 16)),
            ("another store's", foreign),
        ]
        for (what, bytes) in cases {
            try b.t.write(Self.indexName, bytes)
            // Every session of the hour before the first one overlaps: each case must refuse.
            let start = utc.timestamp(now - 400 * 86_400 + 7 * 3600 + 600)
            let e = b.refused(.logSession(SessionDraft(courseID: "c", seconds: 600, start: start)))
            #expect(e?.message.contains("overlaps session") == true, "\(what)")
            try expectIndexAgreesWithFullRead(b, "\(what)")
        }
    }

    @Test func aCutLastLineIsSetAsideAndTheIndexFollows() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-20T10:00Z"))))
        // A kill mid-append: a line without its line break, cut inside its id.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: b.t.dir + "/sessions.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2026-11-21T10:00Z 30m c #ab".utf8))
        try handle.close()
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-22T10:00Z"))))
        #expect(b.t.text("sessions.log.torn").contains("#ab"))
        #expect(try b.snap.sessions.count == 2)
        try expectIndexAgreesWithFullRead(b)
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-23T10:00Z"))))
        try expectIndexAgreesWithFullRead(b)
    }

    @Test func reportTotalsFromTheIndexAreTheWholeLogs() throws {
        // `report` sums the index's entries (start, length, course number) instead of reading the log.
        let b = try Bench()
        try b.run(.setProfile(ProfilePatch([.timeZone("Asia/Kolkata"), .weekStart(.sunday)])))
        for id in ["b", "a", "c"] { try b.run(.addCourse(Course(id: id, title: id))) }
        var rng = SplitMix64(seed: 3)
        let sessions = (0..<3000).map { i in
            // Some cross local midnight, weeks and months; courses in no order.
            StudySession(start: utc.timestamp(now - 800 * 86_400 + Int64(i) * 23_000), durationSeconds: Int.random(in: 60...20_000, using: &rng),
                         courseID: ["a", "b", "c"][Int.random(in: 0...2, using: &rng)])
        }.shuffled(using: &rng)
        try b.t.store.transaction { tx in try tx.append(sessions) }
        let ranges: [(LocalDate?, LocalDate?)] = [(nil, nil), (LocalDate(year: 2025, month: 3, day: 1), LocalDate(year: 2025, month: 9, day: 30))]
        func expectSameTotals(_ what: Comment) throws {
            let path = b.t.dir + "/" + LogIndexTests.indexName
            let indexed = try #require(b.t.bytes(LogIndexTests.indexName))
            for period in ReportPeriod.allCases {
                for (from, through) in ranges {
                    let fromIndex = try b.t.store.studyTotals(period: period, from: from, through: through).rows()
                    // Without the index the whole log is read, and a new index written for the next report.
                    try FileManager.default.removeItem(atPath: path)
                    let fromLog = try b.t.store.studyTotals(period: period, from: from, through: through).rows()
                    #expect(fromIndex == fromLog && !fromIndex.isEmpty, what)
                    #expect(b.t.bytes(LogIndexTests.indexName) != nil, "a report that read the whole log leaves an index")
                    try b.t.write(LogIndexTests.indexName, indexed)
                }
            }
        }
        // A course added after the index was made, logged through it (a new number in its course table),
        // then a back-dated session (the unsorted area).
        try b.run(.addCourse(Course(id: "0-first", title: "First by id")))
        try b.run(.logSession(SessionDraft(courseID: "0-first", seconds: 1800)))
        try expectSameTotals("after a new course")
        try b.run(.logSession(SessionDraft(courseID: "a", seconds: 600, start: utc.timestamp(now - 500 * 86_400 + 40))))
        try expectSameTotals("after appends")
        // A course with no sessions removed: the index keeps its number, which no entry uses.
        try b.run(.addCourse(Course(id: "d", title: "D")))
        try b.run(.removeCourse(id: "d", sessions: .none, expected: nil))
        try expectSameTotals("after a course was removed")
    }

    @Test func aLinkInTheIndexsPlaceIsReplacedNeverWrittenThrough() throws {
        // Found by the adversarial review: a write that rebuilt the index followed a link there and replaced
        // what it pointed at (the log itself, or any file of the learner's).
        for target in ["sessions.log", "../victim.txt"] {
            let b = try Bench()
            try b.run(.addCourse(Course(id: "c", title: "C")))
            try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-20T10:00Z"))))
            let victim = (b.t.dir as NSString).deletingLastPathComponent + "/victim.txt"
            try Data("the learner's notes\n".utf8).write(to: URL(fileURLWithPath: victim))
            let index = b.t.dir + "/" + Self.indexName
            try FileManager.default.removeItem(atPath: index)
            try FileManager.default.createSymbolicLink(atPath: index, withDestinationPath: target)
            let log = b.t.text("sessions.log")
            try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-21T10:00Z"))))
            try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-22T10:00Z"))))
            _ = try b.t.store.studyTotals()
            #expect(b.t.text("sessions.log").hasPrefix(log), "\(target)")
            #expect(try b.snap.sessions.count == 3, "\(target)")
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: victim)), as: UTF8.self) == "the learner's notes\n", "\(target)")
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: index)) == nil, "the link was replaced by the index")
            try expectIndexAgreesWithFullRead(b)
        }
        // A hard link (a store copied with `cp -al`): the other name keeps its bytes.
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-20T10:00Z"))))
        let other = (b.t.dir as NSString).deletingLastPathComponent + "/other-index"
        try FileManager.default.linkItem(atPath: b.t.dir + "/" + Self.indexName, toPath: other)
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-21T10:00Z"))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        try expectIndexAgreesWithFullRead(b)
    }

    @Test func aCourseFileRemovedByHandIsNamedAsAFullReadNamesIt() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "aws", title: "A")))
        try b.run(.addCourse(Course(id: "old", title: "O")))
        try b.run(.logSession(SessionDraft(courseID: "old", seconds: 1800, start: at("2025-03-01T10:00Z"))))
        try b.run(.logSession(SessionDraft(courseID: "aws", seconds: 2700, start: at("2026-11-29T10:00Z"))))
        try FileManager.default.removeItem(atPath: b.t.dir + "/courses/old.toml")
        let learner = try b.t.store.loadLearner().learner
        for read in [{ _ = try b.t.store.history(of: learner, days: LocalDate(year: 2026, month: 11, day: 23)!...LocalDate(year: 2026, month: 11, day: 29)!) },
                     { _ = try b.t.store.studyTotals() }] as [() throws -> Void] {
            #expect(throws: StoreError.self) { try read() }
        }
        let e = b.refused(.logSession(SessionDraft(courseID: "aws", seconds: 600, start: at("2026-11-28T10:00Z"))))
        #expect(e?.message.contains("no course \"old\"") == true, "\(String(describing: e))")
    }

    @Test func aCutLineLongerThanAnyWindowIsSetAsideNotGlued() throws {
        // Found by the adversarial review: a note of 120,000 characters cut by a kill mid-append was taken for a
        // whole line without its break (the appender looked at the last 64 KiB only) and glued into the log.
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-20T10:00Z"))))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 3000, start: at("2026-11-29T10:00Z"), note: String(repeating: "n", count: 120_000))))
        let path = b.t.dir + "/sessions.log"
        let size = try #require(b.t.bytes("sessions.log")).count
        #expect(truncate(path, off_t(size - 40_000)) == 0)
        FileManager.default.createFile(atPath: b.t.dir + "/.sessions.log.tmp-append", contents: Data())
        // Every read says so, index or not.
        let learner = try b.t.store.loadLearner().learner
        let days = LocalDate(year: 2026, month: 11, day: 23)!...LocalDate(year: 2026, month: 11, day: 29)!
        #expect(try b.t.store.history(of: learner, days: days).warning?.contains("cut short") == true)
        #expect(try b.t.store.history(of: learner, days: days).warning?.contains("cut short") == true, "the second read, with an index")
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 3000, start: at("2026-11-29T10:00Z"), note: "again")))
        #expect(b.t.text("sessions.log.torn").count > 70_000)
        #expect(try b.snap.sessions.count == 2)
        try expectIndexAgreesWithFullRead(b)
    }

    /// A timer file edited by hand to carry another session's id: its session is logged once, and what is said
    /// is the id written. (Through the index only the sessions at its start are compared, so the id may repeat
    /// the other one's; `sessions edit` and `remove` then refuse that id until one line is changed: FORMAT.md.)
    @Test func aTimerWithAHandEditedIdSaysTheIdItWasLoggedUnder() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: at("2026-11-30T07:00Z"))))
        let taken = try #require(try b.snap.sessions.first?.id)  // the id the timer file is given
        try b.t.write("timer.toml", "course = \"c\"\nstarted = 2026-11-30T08:00:00Z\nid = \"\(taken.text)\"\n")
        let outcome = try b.run(.stopTimer(at: nil, expected: nil))
        guard case .timerStopped(let s, false) = outcome else { Issue.record("\(outcome)"); return }
        let logged = try b.snap.sessions.filter { $0.start.epochSeconds == at("2026-11-30T08:00Z").epochSeconds }
        #expect(logged.map(\.id) == [s.id], "\(logged) \(s.id)")
    }

    @Test func justFinishedWalksBackOverADenseHistory() throws {
        // "Just finished" sessions placed one before the other: the walk back goes past the first window read.
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        for _ in 0..<12 { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 8 * 3600, allowOverlap: false))) }
        let sessions = try b.snap.sessions.sorted(by: StudySession.timeOrder)
        #expect(sessions.count == 12)
        #expect(sessions.last?.endEpochSeconds == now)
        for (a, c) in zip(sessions, sessions.dropFirst()) { #expect(a.endEpochSeconds == c.start.epochSeconds, "back to back, none overlapping") }
    }
}


/// `status`, `week` and the line `log` prints read only the recent days they show (through the index):
/// every figure must be what the whole log gives.
@Suite struct RecentDaysReportTests {
    /// `withoutIndex`: each read starts with no index (so reads the whole log, and leaves a new index).
    func expectReportsAgree(_ t: TempStore, now: Int64, withoutIndex: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        func history(_ days: ClosedRange<LocalDate>, courseID: String? = nil) throws -> StudyHistory {
            if withoutIndex { try? FileManager.default.removeItem(atPath: t.dir + "/" + LogIndexTests.indexName) }
            return try t.store.history(of: try t.store.loadLearner().learner, days: days, courseID: courseID).history
        }
        let snap = try t.store.load()
        let calendar = StudyCalendar(profile: snap.learner.profile)
        let today = calendar.localDay(of: now)
        let full = StudyHistory(sessions: snap.sessions, calendar: calendar)
        let status = try history(Report.statusDays(calendar: calendar, today: today))
        #expect(Report.status(snap.learner, timer: nil, history: status, now: now) == Report.status(snap, calendar: calendar, now: now),
                sourceLocation: sourceLocation)
        for ago in [0, 1, 2, 11, 12, 30] {
            for course in [nil] + snap.learner.courses.prefix(2).map(\.id) {
                let days = Report.weekDays(calendar: calendar, today: today, ago: ago)
                let window = try history(days, courseID: course)
                let whole = course == nil ? full : StudyHistory(sessions: snap.sessions, calendar: calendar, courseID: course)
                #expect(Report.week(snap.learner, history: window, today: today, ago: ago, courseID: course)
                        == Report.week(snap.learner, history: whole, today: today, ago: ago, courseID: course), "ago \(ago) \(course ?? "")",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func statusAndWeekFromRecentDaysSayWhatTheWholeLogSays() throws {
        let now = Timestamp.parse("2026-12-01T09:00:00Z")!.epochSeconds
        for zone in ["Asia/Kolkata", "America/Los_Angeles"] {
            let t = try TempStore()
            var profile = Profile(name: "T", weeklyGoalMinutes: 300)
            profile.timeZone = zone
            let calendar = StudyCalendar(profile: profile)
            var (learner, sessions) = DemoData.make(now: now, calendar: calendar)
            learner.profile = profile
            // Years of older study, and sessions that cross midnight into the first day a report reads.
            let course = learner.courses[0].id
            sessions += (1...300).map { StudySession(start: calendar.timestamp(now - Int64($0) * 5 * 86_400 - 3 * 3600), durationSeconds: 5400, courseID: course) }
            try t.seed(learner, sessions: sessions)
            try expectReportsAgree(t, now: now)
            // Without its index the same reads come from the whole log.
            try expectReportsAgree(t, now: now, withoutIndex: true)
        }
    }

    @Test func aLearnerWhoStartedLastWeekIsPacedOnTheirOwnDays() throws {
        // The credit projections' pace window is as long as the learner has studied (at least two weeks):
        // the first day of study must come from the log, not from the days read.
        let now = Timestamp.parse("2026-12-01T09:00:00Z")!.epochSeconds
        let t = try TempStore()
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
        var (learner, _) = DemoData.make(now: now, calendar: calendar)
        learner.profile = Profile(name: "New", weeklyGoalMinutes: 300)
        // No credential yet either: an issue date would start the pace window too.
        for i in learner.courses.indices { learner.courses[i].credential = nil }
        let sessions = (1...20).map { StudySession(start: calendar.timestamp(now - Int64($0) * 86_400), durationSeconds: 3600, courseID: learner.courses[0].id) }
        try t.seed(learner, sessions: sessions)
        try expectReportsAgree(t, now: now)
        try expectReportsAgree(t, now: now + 200 * 86_400)
        // One session from a year ago, before the days read: now the pace window is the longest.
        let returning = try TempStore()
        try returning.seed(learner, sessions: sessions + [StudySession(start: calendar.timestamp(now - 365 * 86_400), durationSeconds: 3600, courseID: learner.courses[0].id)])
        try expectReportsAgree(returning, now: now)
    }
}
