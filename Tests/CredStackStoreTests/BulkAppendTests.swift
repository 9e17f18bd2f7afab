import Foundation
import Testing
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// An import adds its sessions with `append(count:_:)`: made again when written, never held. What it
/// writes is what `append` of the same sessions writes, and a reader in the same transaction sees them.
@Suite struct BulkAppendTests {
    static func session(_ i: Int, id: SessionID = .unassigned) -> StudySession {
        StudySession(id: id, start: utc.timestamp(testNow - Int64(i + 1) * 3600), durationSeconds: 600 + i % 7 * 60,
                     courseID: i % 3 == 0 ? "b" : "a", note: i % 5 == 0 ? "" : "note \(i) ünïcode\nsecond line")
    }

    @Test func writesWhatAppendWritesAndIndexesIt() throws {
        let many = try TempStore(), one = try TempStore()
        for t in [many, one] {
            try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")); try tx.addCourse(Course(id: "b", title: "B")) }
            // A session logged before: the new lines come after it, in the index too.
            try t.store.transaction { tx in try tx.append([Self.session(5000, id: SessionID("k3x9q2mz")!)]) }
        }
        let count = 3000
        try many.store.transaction { tx in try tx.append(count: count) { Self.session($0) } }
        try one.store.transaction { tx in try tx.append((0..<count).map { Self.session($0) }) }
        let a = try many.store.load().sessions, b = try one.store.load().sessions
        // Ids are drawn at random: everything else is the same, line for line.
        #expect(a.count == count + 1 && a.map { [$0.start.epochSeconds, Int64($0.durationSeconds)] } == b.map { [$0.start.epochSeconds, Int64($0.durationSeconds)] })
        #expect(a.map(\.courseID) == b.map(\.courseID) && a.map(\.note) == b.map(\.note))
        #expect(Set(a.map(\.id)).count == a.count)
        func withoutIDs(_ t: TempStore) -> String { t.text("sessions.log").replacingOccurrences(of: "#[0-9a-z]{8}", with: "#", options: .regularExpression) }
        #expect(withoutIDs(many) == withoutIDs(one))
        // The index vouches for the log and agrees with a full read.
        #expect(SessionIndex.open(many.store.layout, for: try many.store.load().learner) != nil)
        let latest = try many.store.transaction { tx in try tx.indexedLatestSessions(5) }
        #expect(latest == Array(a.sorted { $0.start.epochSeconds < $1.start.epochSeconds }.suffix(5)))
        let indexed = try many.store.studyTotals(period: .day).rows()
        try FileManager.default.removeItem(atPath: many.store.layout.sessionIndex)
        #expect(try many.store.studyTotals(period: .day).rows() == indexed)
    }

    @Test func readersAndEditsInTheSameTransactionSeeTheSessions() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")); try tx.addCourse(Course(id: "b", title: "B")) }
        try t.store.transaction { tx in
            try tx.append(count: 4) { Self.session($0, id: $0 == 1 ? SessionID("k3x9q2mz")! : .unassigned) }
            let seen = try tx.sessions()
            #expect(seen.count == 4 && seen[1].id.text == "k3x9q2mz" && seen.allSatisfy(\.id.isAssigned))
            try tx.removeSessions([seen[1].id])
        }
        let left = try t.store.load().sessions
        #expect(left.count == 3 && !left.contains { $0.id.text == "k3x9q2mz" })
        // An id given that is taken already (the import reads the log first) is not written twice: the
        // newcomer gets a fresh one.
        try t.store.transaction { tx in
            _ = try tx.sessions()
            try tx.append(count: 2) { _ in Self.session(9, id: left[0].id) }
        }
        let after = try t.store.load().sessions
        #expect(after.count == 5 && Set(after.map(\.id)).count == 5)
    }

    @Test func aSessionOnACourseThatDoesNotExistRefusesTheWholeAppend() throws {
        let t = try TempStore()
        try t.store.transaction { tx in try tx.addCourse(Course(id: "a", title: "A")) }
        let before = t.everything()
        #expect(throws: StoreError.self) { try t.store.transaction { tx in try tx.append(count: 10) { Self.session($0) } } }
        #expect(t.everything() == before)
    }
}
