import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// As OpenSSH treats ~/.ssh: writes go through a learner's own links to their targets, never through a
/// planted one, and never into a folder others can write or another user owns.
@Suite struct SafetyTests {
    @Test func aRecordKeptAsALinkStaysALinkAndItsTargetGetsTheChange() throws {
        let t = try TempStore()
        let synced = (t.dir as NSString).deletingLastPathComponent + "/synced"
        try FileManager.default.createDirectory(atPath: synced, withIntermediateDirectories: true)
        chmod(synced, 0o700)
        try "title = \"A\"\n".write(toFile: synced + "/a.toml", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/courses/a.toml", withDestinationPath: synced + "/a.toml")
        try FileManager.default.moveItem(atPath: t.dir + "/sessions.log", toPath: synced + "/sessions.log")
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/sessions.log", withDestinationPath: synced + "/sessions.log")
        try t.store.transaction { tx in
            try tx.patchCourse("a", CoursePatch([.credits(3)]))
            try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "a")])
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: t.dir + "/courses/a.toml") == synced + "/a.toml")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: t.dir + "/sessions.log") == synced + "/sessions.log")
        #expect(try String(contentsOfFile: synced + "/a.toml", encoding: .utf8) == "title = \"A\"\ncredits = 3\n")
        #expect(try String(contentsOfFile: synced + "/sessions.log", encoding: .utf8).contains(" 1m a #"))
        // A rewrite of the log (a removal) also lands in the target.
        let id = try t.store.load().sessions[0].id
        try t.store.transaction { tx in try tx.removeSessions([id]) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: t.dir + "/sessions.log") == synced + "/sessions.log")
        #expect(try t.store.load().sessions.isEmpty)
    }

    @Test func aDanglingPlantedLinkIsRefusedAndNothingIsCreatedAtItsTarget() throws {
        let t = try TempStore()
        let target = (t.dir as NSString).deletingLastPathComponent + "/planted-\(UUID().uuidString)"
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/sessions.log", withDestinationPath: target)
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        #expect(throws: StoreError.self) {
            try t.store.transaction { tx in try tx.append([StudySession(start: utc.timestamp(testNow), durationSeconds: 60, courseID: "a")]) }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        // A planted lock link is refused too.
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        try FileManager.default.removeItem(atPath: t.dir + "/.lock")
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/.lock", withDestinationPath: target)
        #expect(throws: StoreError.self) { try t.store.transaction { tx in try tx.addCourse(Course(id: "b", title: "B")) } }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aFolderOthersCanWriteIsRefusedForWritingAndFlaggedWhenRead() throws {
        let t = try TempStore()
        #expect(try t.store.load().warnings.isEmpty)
        chmod(t.dir, 0o777)
        #expect(try t.store.load().warnings.first?.contains("chmod 700") == true)
        let before = t.everything()
        do {
            try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
            Issue.record("wrote into a folder every user can write")
        } catch let e as StoreError {
            #expect(e.exitCode == 77 && e.description.contains("every user can write to this folder") && e.description.contains("chmod 700"))
        }
        #expect(t.everything() == before)
        chmod(t.dir, 0o770)
        #expect(throws: StoreError.self) { try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) } }
        chmod(t.dir, 0o700)
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
    }

    @Test func initOnAnExistingStoreChangesNothing() throws {
        let t = try TempStore()
        chmod(t.dir, 0o777)
        #expect(throws: StoreError.rejected("a store already exists at \(t.dir); nothing was changed")) { try t.store.initialize(profile: Profile()) }
        #expect(try FileManager.default.attributesOfItem(atPath: t.dir)[.posixPermissions] as! Int == 0o777)
        chmod(t.dir, 0o700)
    }

    @Test func aLinkToNothingAndAStrayFormat1FileAreNamed() throws {
        let t = try TempStore()
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/sessions.log", withDestinationPath: t.dir + "/nowhere")
        try t.write("learner.toml", "format = 1\n")
        let warnings = try t.store.load().warnings
        #expect(warnings.contains { $0.contains("sessions.log is a symbolic link to something that does not exist") })
        #expect(warnings.contains { $0.contains("learner.toml (the older format 1) is next to profile.toml and is not read") })
    }

    @Test func pipesAndDevicesAreRefusedNotWaitedOn() throws {
        let t = try TempStore()
        mkfifo(t.dir + "/courses/f.toml", 0o600)
        #expect(loadError(t.store)?.description.contains("expected a regular file here, found a device, pipe or socket") == true)
        try FileManager.default.removeItem(atPath: t.dir + "/courses/f.toml")
        try FileManager.default.createSymbolicLink(atPath: t.dir + "/courses/z.toml", withDestinationPath: "/dev/zero")
        #expect(loadError(t.store)?.description.contains("found a device") == true)
        try FileManager.default.removeItem(atPath: t.dir + "/courses/z.toml")
        try FileManager.default.removeItem(atPath: t.dir + "/sessions.log")
        mkfifo(t.dir + "/sessions.log", 0o600)
        #expect(loadError(t.store) != nil)
    }

    @Test func initMakesAnExistingFolderPrivate() throws {
        let t = try TempStore(initialized: false)
        chmod(t.dir, 0o777)
        let notes = try t.store.initialize(profile: Profile())
        #expect(notes.first?.contains("made \(t.dir) private (chmod 700)") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: t.dir)[.posixPermissions] as! Int == 0o700)
    }
}
