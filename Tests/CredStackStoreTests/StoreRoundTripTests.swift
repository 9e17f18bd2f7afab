import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore

private let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
private let now = Timestamp.parse("2026-11-30T10:00:00Z")!.epochSeconds

extension Learner {
    /// As the file keeps it: courses and pathways sorted by id.
    var inFileOrder: Learner {
        var l = self
        l.courses.sort { $0.id < $1.id }
        l.pathways.sort { $0.id < $1.id }
        return l
    }
}

@Suite struct StoreRoundTripTests {
    @Test func demoLearnerAndSessionsRoundTrip() throws {
        let t = try TempStore()
        let demo = DemoData.make(now: now, calendar: utc)
        var learner = demo.learner
        learner.courses[0].title = "Quotes \" and \\ backslash, tab\t, ESC \u{1B}[31m, emoji 📊, CJK 数据"
        learner.courses[0].fee = Fee(amount: "49.99", currency: "USD")
        try t.store.updateLearner { $0 = learner }
        try t.store.append(demo.sessions)
        let snap = try t.store.load()
        #expect(snap.learner == learner.inFileOrder)
        #expect(snap.sessions == demo.sessions)
        #expect(snap.timer == nil)
    }

    @Test func everyPathwayRuleRoundTrips() throws {
        let t = try TempStore()
        let full = Pathway(id: "ug-cert", name: "UG Certificate", totalCredits: 44, awardLevel: 4.5, template: "ug-certificate",
                           hoursPerCredit: 30, rounding: .half, countBy: .hours, maxOnlineShare: 0.4, shelfLifeYears: 7, minLevel: 4.5,
                           stacksOn: ["foundation"], requiredCourses: ["a"],
                           minimums: [CategoryMinimum(name: "Data", credits: 12, categories: ["Data", "AI"]), CategoryMinimum(name: "Vocational", credits: 4)])
        var learner = Learner(courses: [Course(id: "a", title: "A", credential: Credential(awardedBy: "X", issued: LocalDate.parse("2026-01-02")!, redeemedFor: "ug-cert"))],
                              pathways: [full, Pathway(id: "bare", name: "Bare", totalCredits: 12)])
        try t.store.updateLearner { $0 = learner }
        #expect(try t.store.load().learner == learner.inFileOrder)
        learner.pathways[0].minimums.removeAll()
        try t.store.updateLearner { $0 = learner }
        #expect(try t.store.load().learner == learner.inFileOrder)
    }

    @Test func everyShippedTemplateParsesAndIsListed() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CredStackStore/PathwayTemplates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(PathwayTemplates.names))
        for name in PathwayTemplates.names {
            let p = try #require(try PathwayTemplates.pathway(named: name))
            #expect(p.id == name && p.template == name)
            #expect(!PathwayTemplates.description(name).isEmpty)
        }
        let cert = try #require(try PathwayTemplates.pathway(named: "ug-certificate"))
        #expect(cert.totalCredits == 44 && cert.maxOnlineShare == 0.4 && cert.shelfLifeYears == 7 && cert.hoursPerCredit == 30)
        #expect(cert.minimums == [CategoryMinimum(name: "Vocational", credits: 4)])
        #expect(try PathwayTemplates.pathway(named: "ug-diploma")?.stacksOn == ["ug-certificate"])
        #expect(try PathwayTemplates.pathway(named: "ects-year")?.countBy == .hours)
        #expect(try PathwayTemplates.pathway(named: "nope") == nil)
    }

    @Test func unknownKeysAndTablesSurviveASave() throws {
        let t = try TempStore()
        try t.write("learner.toml", """
        format = 1
        future_root = { a = 1, b = [1, 2] }

        [profile]
        name = "Ana"
        avatar = "cat.png"

        [[course]]
        id = "a"
        title = "A"
        colour = "#ff0000"

        [course.credential]
        awarded_by = "X"
        issued = 2026-01-02
        signature = 'abc'

        [course.reviews]
        stars = 5

        [[course]]
        id = "b"
        title = "B"

        [sync]
        remote = "git@example.org:me/credits.git"

        """)
        try t.store.updateLearner { $0.profile.weeklyGoalMinutes = 420 }
        let text = String(decoding: t.bytes("learner.toml")!, as: UTF8.self)
        for kept in ["future_root = { a = 1, b = [1, 2] }", "avatar = \"cat.png\"", "colour = \"#ff0000\"", "signature = 'abc'",
                     "[course.reviews]\nstars = 5", "[sync]\nremote = \"git@example.org:me/credits.git\"", "weekly_goal_minutes = 420"] {
            #expect(text.contains(kept), "lost: \(kept)\n\(text)")
        }
        // The reviews table still belongs to course a, not b.
        let a = text.range(of: "id = \"a\"")!.lowerBound, reviews = text.range(of: "[course.reviews]")!.lowerBound
        let b = text.range(of: "id = \"b\"")!.lowerBound
        #expect(a < reviews && reviews < b)
        let reloaded = try t.store.load().learner
        #expect(reloaded.courses.map(\.id) == ["a", "b"])
        #expect(reloaded.courses[0].credential?.awardedBy == "X")
    }

    @Test func atomicSavesLeaveNoTempFilesAndFilesArePrivate() throws {
        let t = try TempStore()
        for i in 0..<20 {
            try t.store.updateLearner { $0.courses.append(Course(id: "c\(i)", title: "Course \(i)")) }
        }
        #expect(t.files() == [".gitattributes", ".gitignore", ".lock", "learner.toml", "sessions.log"])
        for name in ["learner.toml", "sessions.log"] {
            let mode = try FileManager.default.attributesOfItem(atPath: t.dir + "/" + name)[.posixPermissions] as! Int
            #expect(mode == 0o600, "\(name)")
        }
        let dirMode = try FileManager.default.attributesOfItem(atPath: t.dir)[.posixPermissions] as! Int
        #expect(dirMode == 0o700)
    }

    @Test func staleTempFilesFromAKilledSaveAreCleanedUp() throws {
        let t = try TempStore()
        try t.write(".learner.toml.tmp-999-1", "half a file")
        try t.store.updateLearner { $0.profile.name = "New" }
        #expect(!t.files().contains(".learner.toml.tmp-999-1"))
    }

    @Test func timerOutlivesTheProcessAndStopsIntoTheLog() throws {
        let t = try TempStore()
        try t.store.updateLearner { $0.courses.append(Course(id: "aws", title: "AWS")) }
        let start = utc.timestamp(now - 1500)
        try t.store.startTimer(RunningTimer(courseID: "aws", started: start, note: "lab"))
        #expect(throws: StoreError.self) { try t.store.startTimer(RunningTimer(courseID: "aws", started: start)) }
        #expect(try t.store.load().timer == RunningTimer(courseID: "aws", started: start, note: "lab"))
        let session = try t.store.stopTimer(now: now)
        #expect(session.durationSeconds == 1500)
        let snap = try t.store.load()
        #expect(snap.timer == nil)
        #expect(snap.sessions == [StudySession(start: start, durationSeconds: 1500, courseID: "aws", note: "lab")])
        #expect(throws: StoreError.rejected("no timer is running")) { try t.store.stopTimer(now: now) }
    }

    @Test func stoppingAgainAfterACrashDoesNotLogTwice() throws {
        let t = try TempStore()
        try t.store.updateLearner { $0.courses.append(Course(id: "aws", title: "AWS")) }
        let timer = RunningTimer(courseID: "aws", started: utc.timestamp(now - 600))
        try t.store.startTimer(timer)
        // A crash after the append but before the timer file went away:
        try t.store.append([timer.session(endingAt: now)])
        try t.store.stopTimer(now: now + 5)
        #expect(try t.store.load().sessions.count == 1)
    }

    @Test func logWithoutFinalNewlineGetsOneBeforeTheNextAppend() throws {
        let t = try TempStore()
        try t.store.updateLearner { $0.courses.append(Course(id: "a", title: "A")) }
        try t.write("sessions.log", "2026-11-30T09:00Z 30m a hand-written")
        try t.store.append([StudySession(start: utc.timestamp(now), durationSeconds: 600, courseID: "a")])
        let sessions = try t.store.load().sessions
        #expect(sessions.count == 2)
        #expect(sessions[0].note == "hand-written")
    }

    @Test func locationPrecedence() {
        let env = ["HOME": "/home/a", "XDG_DATA_HOME": "/x", "CREDSTACK_HOME": "/c"]
        #expect(StoreLocation.resolve(flag: "/f", environment: env) == "/f")
        #expect(StoreLocation.resolve(flag: nil, environment: env) == "/c")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/a", "XDG_DATA_HOME": "/x"]) == "/x/credstack")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/a"]) == "/home/a/.local/share/credstack")
        #expect(StoreLocation.resolve(flag: "~/s/", environment: ["HOME": "/home/a"]) == "/home/a/s")
    }

    @Test func warnsWhenOthersCanWriteTheFolder() throws {
        let t = try TempStore()
        #expect(try t.store.load().warnings.isEmpty)
        chmod(t.dir, 0o777)
        #expect(try t.store.load().warnings.first?.contains("chmod 700") == true)
    }
}
