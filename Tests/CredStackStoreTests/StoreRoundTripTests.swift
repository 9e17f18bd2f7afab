import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
let testNow = Timestamp.parse("2026-11-30T10:00:00Z")!.epochSeconds

extension Learner {
    /// As the store lists them: courses and pathways sorted by id.
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
        let demo = DemoData.make(now: testNow, calendar: utc)
        var learner = demo.learner
        learner.courses[0].title = "Quotes \" and \\ backslash, tab\t, ESC \u{1B}[31m, emoji 📊, CJK 数据"
        learner.courses[0].fee = Fee(amount: "49.99", currency: "USD")
        try t.seed(learner, sessions: demo.sessions)
        let snap = try t.store.load()
        #expect(snap.learner == learner.inFileOrder)
        #expect(snap.sessions == demo.sessions)
        #expect(snap.timer == nil)
        // One file per record.
        #expect(t.files("courses") == learner.courses.map { $0.id + ".toml" }.sorted())
        #expect(t.files("pathways") == learner.pathways.map { $0.id + ".toml" }.sorted())
    }

    @Test func everyPathwayRuleRoundTrips() throws {
        let t = try TempStore()
        let full = Pathway(id: "ug-cert", name: "UG Certificate", totalCredits: 44, awardLevel: 4.5, template: "ug-certificate",
                           hoursPerCredit: 30, rounding: .half, countBy: .hours, maxOnlineShare: 0.4, shelfLifeYears: 7, minLevel: 4.5,
                           stacksOn: ["foundation"], requiredCourses: ["a"],
                           minimums: [CategoryMinimum(name: "Data", credits: 12, categories: ["Data", "AI"]), CategoryMinimum(name: "Vocational", credits: 4)])
        let learner = Learner(profile: Profile(name: "Test"),
                              courses: [Course(id: "a", title: "A", credential: Credential(awardedBy: "X", issued: LocalDate.parse("2026-01-02")!, redeemedFor: "ug-cert"))],
                              pathways: [full, Pathway(id: "bare", name: "Bare", totalCredits: 12)])
        try t.seed(learner)
        #expect(try t.store.load().learner == learner.inFileOrder)
        try t.store.transaction { tx in try tx.removePathway("ug-cert") }
        #expect(try t.store.load().learner.pathways.map(\.id) == ["bare"])
        #expect(t.files("pathways") == ["bare.toml"])
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
        #expect(cert.minimums == [CategoryMinimum(name: "Vocational", credits: 4, categories: ["Vocational", "Internship", "Apprenticeship"])])
        #expect(cert.creditSystem == "NCrF" && cert.levelFramework == "NCrF" && cert.awardKey == "ug-certificate")
        #expect(try PathwayTemplates.pathway(named: "ug-diploma")?.stacksOn == ["ug-certificate"])
        let ects = try #require(try PathwayTemplates.pathway(named: "ects-year"))
        #expect(ects.countBy == .credits && ects.creditSystem == "ECTS" && ects.hoursPerCredit == 30)
        #expect(try PathwayTemplates.pathway(named: "nope") == nil)
    }

    @Test func savesAreAtomicPrivateAndLeaveNoTempFiles() throws {
        let t = try TempStore()
        for i in 0..<20 { try t.store.transaction { tx in try tx.addCourse(Course(id: "c\(i)", title: "Course \(i)")) } }
        #expect(t.files() == [".gitattributes", ".gitignore", ".lock", "courses", "pathways", "profile.toml", "sessions.log"])
        #expect(t.files("courses").count == 20)
        for name in ["profile.toml", "sessions.log", "courses/c7.toml"] {
            let mode = try FileManager.default.attributesOfItem(atPath: t.dir + "/" + name)[.posixPermissions] as! Int
            #expect(mode == 0o600, "\(name)")
        }
        for dir in ["", "/courses", "/pathways"] {
            #expect(try FileManager.default.attributesOfItem(atPath: t.dir + dir)[.posixPermissions] as! Int == 0o700)
        }
    }

    @Test func staleTempFilesFromAKilledSaveAreCleanedUp() throws {
        let t = try TempStore()
        try t.write(".profile.toml.tmp-999-1", "half a file")
        try t.write("courses/.a.toml.tmp-999-2", "half a file")
        try t.store.transaction { tx in try tx.patchProfile(ProfilePatch([.name("New")])) }
        #expect(!t.files().contains(".profile.toml.tmp-999-1"))
        #expect(t.files("courses").isEmpty)
    }

    @Test func logWithoutFinalNewlineGetsOneBeforeTheNextAppend() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        try t.write("sessions.log", "2026-11-30T09:00Z 30m a hand-written")
        try t.store.transaction { tx in try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 600, courseID: "a")]) }
        let sessions = try t.store.load().sessions
        #expect(sessions.count == 2)
        #expect(sessions[0].note == "hand-written")
        #expect(t.text("sessions.log").hasPrefix("2026-11-30T09:00Z 30m a hand-written\n2026-11-30T10:00Z 10m a #"))
    }

    @Test func sessionIdsAreWrittenAndLinesWithoutOneGetAStableOne() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        try t.write("sessions.log", StudyLogCodec.header + "2026-11-30T09:00Z 30m a old line\n2026-11-30T09:40Z 5m a #k3x9q2mz with id\n")
        let first = try t.store.load().sessions
        #expect(first.map(\.note) == ["old line", "with id"])
        #expect(first[1].id.text == "k3x9q2mz")
        let again = try t.store.load().sessions[0].id
        #expect(first[0].id.isAssigned && first[0].id == again, "derived from the line, the same every time")
        // A note that merely starts with # is a note.
        try t.write("sessions.log", "2026-11-30T09:00Z 30m a #3 lecture\n")
        #expect(try t.store.load().sessions[0].note == "#3 lecture")
    }

    @Test func aTornLastLineIsSetAsideAndRepairedByTheNextWrite() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        let whole = StudyLogCodec.header + "2026-11-30T09:00Z 30m a #k3x9q2mz fine\n"
        try t.write("sessions.log", whole + "2026-11-30T09:4")
        let snap = try t.store.load()
        #expect(snap.sessions.count == 1)
        #expect(snap.warnings.contains { $0.contains("sessions.log line 3 is cut short") })
        try t.store.transaction { tx in try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "a")]) }
        #expect(t.text("sessions.log").hasPrefix(whole + "2026-11-30T10:00Z 1m a #"))
        #expect(try t.store.load().warnings.isEmpty)
    }

    /// A cut that falls before the line's id leaves what looks like a line typed by hand, here on a course that
    /// does not exist: the marker a killed append leaves says it was cut, so it is set aside, not refused.
    @Test func aLineCutBeforeItsIdIsKnownByTheAppendMarker() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "course1", title: "C")) }
        let whole = StudyLogCodec.header + "2026-11-30T09:00Z 30m course1 #k3x9q2mz fine\n"
        try t.write("sessions.log", whole + "2026-11-30T09:40Z 30m cou")
        #expect(throws: StoreError.self, "without the marker it is a hand-written line on an unknown course") { try t.store.load() }
        try t.write(".sessions.log.tmp-append", "")
        let snap = try t.store.load()
        #expect(snap.sessions.count == 1)
        #expect(snap.warnings.contains { $0.contains("sessions.log line 3 is cut short") })
        try t.store.transaction { tx in try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "course1")]) }
        #expect(t.text("sessions.log").hasPrefix(whole + "2026-11-30T10:00Z 1m course1 #"))
        #expect(t.text("sessions.log.torn") == "2026-11-30T09:40Z 30m cou\n")
        #expect(!FileManager.default.fileExists(atPath: t.dir + "/.sessions.log.tmp-append"), "cleared by the write")
        // A line typed by hand without its line break, and no marker: kept, and ended by the next append.
        try t.write("sessions.log", whole + "2026-11-30T09:40Z 5m course1 by hand")
        try t.store.transaction { tx in try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "course1")]) }
        #expect(t.text("sessions.log").hasPrefix(whole + "2026-11-30T09:40Z 5m course1 by hand\n2026-11-30T10:00Z 1m course1 #"))
    }

    /// Without the marker (a power cut can lose it), a last line ending in the start of an id was cut inside
    /// it; a note typed by hand that merely starts with `#` is not an id.
    @Test func aLineCutInsideItsIdIsTornEvenWithoutTheMarker() {
        let head = Array((StudyLogCodec.header + "2026-11-30T09:00Z 30m a #k3x9q2mz fine\n").utf8)
        for cut in ["2026-11-30T09:40Z 45m a #", "2026-11-30T09:40Z 45m a #abc", "2026-11-30T09:40Z 45m a #k3x9q2m",
                    "2026-11-30T09:40Z 45m a #k3x9q2mz note cut"] {
            #expect(StudyLogCodec.tornTail(head + Array(cut.utf8))?.text == cut, "\(cut)")
        }
        for typed in ["2026-11-30T09:40Z 45m a #lecture notes", "2026-11-30T09:40Z 45m a #abc notes", "2026-11-30T09:40Z 45m a by hand"] {
            #expect(StudyLogCodec.tornTail(head + Array(typed.utf8)) == nil, "\(typed)")
        }
    }

    @Test func locationPrecedence() {
        let env = ["HOME": "/home/a", "XDG_DATA_HOME": "/x", "CREDSTACK_HOME": "/c"]
        #expect(StoreLocation.resolve(flag: "/f", environment: env) == "/f")
        #expect(StoreLocation.resolve(flag: nil, environment: env) == "/c")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/a", "XDG_DATA_HOME": "/x"]) == "/x/credstack")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/a"]) == "/home/a/.local/share/credstack")
        #expect(StoreLocation.resolve(flag: "~/s/", environment: ["HOME": "/home/a"]) == "/home/a/s")
    }

    @Test func aRefusedTransactionWritesNothing() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        let before = t.everything()
        struct No: Error {}
        #expect(throws: No.self) {
            try t.store.transaction { tx in
                try tx.addCourse(Course(id: "b", title: "B"))
                try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "a")])
                throw No()
            }
        }
        #expect(t.everything() == before)
    }
}
