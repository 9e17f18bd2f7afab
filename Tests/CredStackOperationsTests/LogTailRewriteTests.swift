import Foundation
import Testing
import CredStackCore
import CredStackOperations
@testable import CredStackStore
import CredStackTestSupport

/// An edit or removal of a session near the log's end rewrites the log from that line on, in place, through
/// a journal (`LogJournal`), and updates the index from its first changed entry. Held to what the whole
/// rewrite promised: exactly that session changes, every other byte stays, the index still vouches for the
/// log; and a crash at any point leaves the old log or the new one for the next command.
@Suite struct LogTailRewriteTests {
    static let journal = ".sessions.log.tmp-journal"

    func inode(_ t: TempStore, _ name: String) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: t.dir + "/" + name))?[.systemFileNumber] as? UInt64
    }

    /// A hand-kept log: sessions in shuffled order, some without ids (theirs derive from their text), some with CRLF or tabs, comments and
    /// blank lines between them.
    func handKeptLog(_ count: Int, rng: inout SplitMix64) -> [String] {
        var lines = [String(StudyLogCodec.header.dropLast())]
        let first = now - 300 * 86_400
        for i in (0..<count).shuffled(using: &rng) {
            let start = utc.timestamp(first + Int64(i) * 3600)
            var line = String(StudyLogCodec.encode(StudySession(id: i % 11 == 0 ? .unassigned : SessionID.random(using: &rng), start: start,
                                                                durationSeconds: 1200, courseID: i % 3 == 0 ? "d" : "c", note: "n\(i)")).dropLast())
            switch i % 11 {
            case 1: line += "\r"
            case 2: line = line.replacingOccurrences(of: " ", with: "\t")
            default: break
            }
            lines.append(line)
            if i % 37 == 0 { lines.append("# a comment") }
            if i % 53 == 0 { lines.append("") }
        }
        return lines
    }

    @Test func editsNearTheEndRewriteOnlyTheTailAndKeepEveryOtherByte() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.addCourse(Course(id: "d", title: "D")))
        var rng = SplitMix64(seed: 5)
        var model = handKeptLog(400, rng: &rng)
        try b.t.write("sessions.log", model.joined(separator: "\n") + "\n")
        // A first read checks the whole log and writes the index the edits then go through.
        _ = try b.t.store.sessions(startingIn: Int64.min..<Int64.max, of: b.snap.learner)
        let index = LogIndexTests()
        var inPlace = 0, rewritten = 0, expectedInPlace = 0
        for step in 0..<80 {
            let ordered = try b.snap.sessions.sorted(by: StudySession.timeOrder)
            let n = Int.random(in: 1...6, using: &rng)
            let target = ordered[ordered.count - n]
            let at = try #require(model.firstIndex { line in
                (try? StudyLogCodec.decode(Array((line + "\n").utf8)).sessions.first?.id) == target.id
            })
            let text = model.joined(separator: "\n") + "\n"
            let offset = model[..<at].reduce(0) { $0 + $1.utf8.count + 1 }
            let ref: SessionRef = step % 4 == 3 ? .id(target.id.text) : .recent(n)
            // In place when the line is in the log's last half and was found without reading every line
            // (by @N, or by an id its line carries; one derived from a line's text needs the full read).
            let inTail = (text.utf8.count - offset) * 2 <= text.utf8.count && (step % 4 != 3 || model[at].contains("#" + target.id.text))
            let (logInode, indexInode) = (inode(b.t, "sessions.log"), inode(b.t, LogIndexTests.indexName))
            switch step % 5 {
            case 4:
                try b.run(.removeSession(ref, expected: nil))
                model.remove(at: at)
            default:
                // A longer or shorter note, another course, another length; now and then a start moved far
                // back in time (its entry then moves among the sorted ones) or just ahead.
                let patch = SessionPatch(start: step % 7 == 0 ? utc.timestamp(target.start.epochSeconds - Int64(step + 400) * 86_400)
                                            : step % 7 == 1 ? utc.timestamp(target.start.epochSeconds + 60) : nil,
                                         seconds: step % 3 == 0 ? 900 + step : nil, courseID: step % 2 == 0 ? "d" : nil,
                                         note: String(repeating: "é", count: Int.random(in: 0...40, using: &rng)), allowOverlap: true)
                try b.run(.editSession(ref, patch, expected: nil))
                model[at] = StudyLogCodec.encode(patch.applied(to: target)).replacingOccurrences(of: "\n", with: "")
            }
            #expect(b.t.text("sessions.log") == model.joined(separator: "\n") + "\n", "step \(step)")
            #expect(b.t.bytes(Self.journal) == nil, "step \(step): the journal is gone")
            // The tail is written in place (the same file), a longer one by the whole rewrite (a new file).
            if inode(b.t, "sessions.log") == logInode { inPlace += 1 } else { rewritten += 1 }
            #expect((inode(b.t, "sessions.log") == logInode) == inTail, "step \(step): \(ref) written in place only when it can be")
            if inTail {
                expectedInPlace += 1
                #expect(inode(b.t, LogIndexTests.indexName) == indexInode, "step \(step): the index updated in place too")
            }
            try index.expectIndexVouches(b, "step \(step)")
            // Its entries still match the hash its header keeps (what the dashboard and `report` check).
            #expect(SessionIndex.open(b.t.store.layout, for: try b.snap.learner)?.forEachEntry { _ in } == true, "step \(step)")
            if step % 10 == 0 { try index.expectIndexAgreesWithFullRead(b, "step \(step)") }
        }
        try index.expectIndexAgreesWithFullRead(b, "at the end")
        #expect(inPlace == expectedInPlace && inPlace >= 25 && rewritten >= 10, "\(inPlace) in place, \(rewritten) rewritten")
    }

    /// A journal that was written whole is finished by whoever takes the lock next, a write or a read;
    /// one that was not is dropped and the log left alone.
    @Test func anInterruptedTailEditIsFinishedByTheNextReadOrWrite() throws {
        for reader in [true, false] {
            let b = try Bench()
            try b.run(.addCourse(Course(id: "c", title: "C")))
            for i in 0..<20 {
                try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - Int64(40 - i) * 3600), note: "s\(i)")))
            }
            let log = b.t.store.layout.log
            let before = try #require(b.t.bytes("sessions.log"))
            let lines = String(decoding: before, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            // The journal of an edit of the third-last line, its new tail not yet in the log: what a crash
            // right after the journal was linked into place leaves.
            let from = lines.dropLast(4).reduce(0) { $0 + $1.utf8.count + 1 }
            let newTail = Array((lines[lines.count - 4].replacingOccurrences(of: " s17", with: " finished by the next command") + "\n"
                                 + lines[lines.count - 3] + "\n" + lines[lines.count - 2] + "\n").utf8)
            try writeJournal(b.t, from: from, tail: newTail)
            // Half of it in the log too (a crash in the middle of the write).
            let fh = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try fh.seek(toOffset: UInt64(from))
            try fh.write(contentsOf: Data(newTail.prefix(newTail.count / 2)))
            try fh.close()
            if reader {
                let snap = try b.snap
                #expect(snap.sessions.contains { $0.note == "finished by the next command" })
            } else {
                try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 3600), note: "after")))
            }
            let after = try #require(b.t.bytes("sessions.log"))
            #expect(Array(after.prefix(from + newTail.count)) == Array(before[..<from]) + newTail)
            if reader { #expect(after.count == from + newTail.count) }
            #expect(b.t.bytes(Self.journal) == nil)
            #expect(try b.snap.sessions.count == (reader ? 20 : 21))
            try LogIndexTests().expectIndexAgreesWithFullRead(b)
        }
    }

    /// A journal is linked into place only once whole, so one that does not read (cut, damaged, another
    /// version's, or one whose lines do not read) is never guessed at: every command names it, the log stays.
    @Test func aJournalThatDoesNotReadIsRefusedAndTheLogLeftAlone() throws {
        for damage in ["cut", "a byte changed", "lines that do not read"] {
            let b = try Bench()
            try b.run(.addCourse(Course(id: "c", title: "C")))
            try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, note: "kept")))
            let before = try #require(b.t.bytes("sessions.log"))
            switch damage {
            case "cut": try writeJournal(b.t, from: 10, tail: Array("2026-01-01T00:00Z 10m c would be written\n".utf8), cut: 5)
            case "a byte changed":
                try writeJournal(b.t, from: 10, tail: Array("2026-01-01T00:00Z 10m c would be written\n".utf8))
                var journal = try #require(b.t.bytes(Self.journal))
                journal[70] ^= 1
                try b.t.write(Self.journal, journal)
            default: try writeJournal(b.t, from: 10, tail: Array("garbage line\n".utf8))
            }
            let message: String
            do { _ = try b.snap; message = "no error" } catch { message = "\(error)" }
            #expect(message.contains(".sessions.log.tmp-journal:1:1") && message.contains("does not read"), "\(damage): \(message)")
            #expect(b.t.bytes("sessions.log") == before && b.t.bytes(Self.journal) != nil, "\(damage)")
            try FileManager.default.removeItem(atPath: b.t.dir + "/" + Self.journal)
            #expect(try b.snap.sessions.map(\.note) == ["kept"], "\(damage)")
        }
    }

    /// A crash after a whole rewrite's rename and before the journal was removed: the log (a new file)
    /// already holds the edit, so only the journal is removed.
    @Test func anEditAlreadyFinishedInANewFileOnlyLosesItsJournal() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        for i in 0..<4 { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - Int64(20 - i) * 3600), note: "s\(i)"))) }
        let text = b.t.text("sessions.log")
        let from = text.utf8.count - text.split(separator: "\n").last!.utf8.count - 1
        let newTail = text.split(separator: "\n").last!.replacingOccurrences(of: " s3", with: " edited") + "\n"
        try writeJournal(b.t, from: from, tail: Array(newTail.utf8))
        let done = String(text.utf8.prefix(from))! + newTail
        try Data(done.utf8).write(to: URL(fileURLWithPath: b.t.store.layout.log), options: .atomic)
        #expect(try b.snap.sessions.contains { $0.note == "edited" })
        #expect(b.t.text("sessions.log") == done)
        #expect(b.t.bytes(Self.journal) == nil)
    }

    /// A log changed after the crash (an editor, a restored backup) is never written over: the message
    /// names the journal and how to keep the log as it is.
    @Test func aJournalForALogChangedSinceIsRefusedNotApplied() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, note: "first")))
        try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - 7200), note: "second")))
        let text = b.t.text("sessions.log")
        let from = text.utf8.count - 40
        try writeJournal(b.t, from: from, tail: Array("2026-01-01T00:00Z 10m c #zzzzzzzz over\n".utf8))
        // The learner fixed the first line by hand meanwhile (a same-inode write, as `>>` or an editor saving in place).
        let fixed = text.replacingOccurrences(of: "first", with: "fixed")
        let fh = try FileHandle(forWritingTo: URL(fileURLWithPath: b.t.store.layout.log))
        try fh.write(contentsOf: Data(fixed.utf8))
        try fh.close()
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        for message in [message { _ = try b.snap }, message { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 60))) }] {
            #expect(message.contains("changed after an edit of it was interrupted") && message.contains(".sessions.log.tmp-journal"), "\(message)")
            #expect(b.t.text("sessions.log") == fixed)
        }
        try FileManager.default.removeItem(atPath: b.t.dir + "/" + Self.journal)
        #expect(try b.snap.sessions.map(\.note).sorted() == ["fixed", "second"])
    }

    /// After a crash, a line appended by hand, a later line changed in place, or the log cut: none of them is
    /// what the interrupted write could have left, so the journal is not written over them.
    @Test func aLogChangedAfterTheOffsetSinceTheCrashIsLeftAlone() throws {
        for change in ["append", "same size", "cut"] {
            let b = try Bench()
            try b.run(.addCourse(Course(id: "c", title: "C")))
            for i in 0..<6 { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - Int64(20 - i) * 3600), note: "s\(i)"))) }
            let text = b.t.text("sessions.log")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let from = lines.dropLast(3).reduce(0) { $0 + $1.utf8.count + 1 }
            try writeJournal(b.t, from: from, tail: Array((lines[lines.count - 3].replacingOccurrences(of: " s4", with: " edited") + "\n" + lines[lines.count - 2] + "\n").utf8))
            let changed: String
            switch change {
            case "append": changed = text + "2026-01-01T00:00Z 10m c appended by hand\n"
            case "same size": changed = text.replacingOccurrences(of: " s5", with: " S5")
            default: changed = String(text.utf8.prefix(from + 10))!
            }
            let fh = try FileHandle(forWritingTo: URL(fileURLWithPath: b.t.store.layout.log))
            try fh.write(contentsOf: Data(changed.utf8))
            try fh.truncate(atOffset: UInt64(changed.utf8.count))
            try fh.close()
            let message: String
            do { _ = try b.snap; message = "no error" } catch { message = "\(error)" }
            #expect(message.contains("changed after an edit of it was interrupted") && message.contains(".sessions.log.tmp-journal"), "\(change): \(message)")
            #expect(b.t.text("sessions.log") == changed, "\(change)")
        }
    }

    /// A log linked under another name after the crash: the edit is finished in a new file, and the other
    /// name keeps what it had.
    @Test func anInterruptedEditOfALogLinkedSinceLeavesTheOtherNameAlone() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        for i in 0..<6 { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - Int64(20 - i) * 3600), note: "s\(i)"))) }
        let text = b.t.text("sessions.log")
        let from = text.utf8.count - text.split(separator: "\n").last!.utf8.count - 1
        let newTail = text.split(separator: "\n").last!.replacingOccurrences(of: " s5", with: " edited") + "\n"
        try writeJournal(b.t, from: from, tail: Array(newTail.utf8))
        let other = b.t.dir + "/../other-name.log"
        try FileManager.default.linkItem(atPath: b.t.store.layout.log, toPath: other)
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(try b.snap.sessions.contains { $0.note == "edited" })
        #expect(b.t.text("sessions.log") == String(text.utf8.prefix(from))! + newTail)
        #expect(FileManager.default.contents(atPath: other) == Data(text.utf8))
        #expect(b.t.bytes(Self.journal) == nil)
    }

    @Test func aLinkedLogIsRewrittenWholeSoItsOtherNameKeepsTheOldText() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        for i in 0..<10 { try b.run(.logSession(SessionDraft(courseID: "c", seconds: 600, start: utc.timestamp(now - Int64(20 - i) * 3600)))) }
        _ = try b.t.store.sessions(startingIn: Int64.min..<Int64.max, of: b.snap.learner)
        let backup = b.t.dir + "/../sessions-backup.log"
        try FileManager.default.linkItem(atPath: b.t.store.layout.log, toPath: backup)
        defer { try? FileManager.default.removeItem(atPath: backup) }
        let before = try #require(FileManager.default.contents(atPath: backup))
        try b.run(.editSession(.recent(1), SessionPatch(note: "only in the store"), expected: nil))
        #expect(FileManager.default.contents(atPath: backup) == before)
        #expect(b.t.text("sessions.log").contains("only in the store"))
    }

    /// A whole id is found by searching the log a mebibyte at a time: a line across a block's edge, and one
    /// longer than a block, are found whole (and so edited in place, which only a found line is).
    @Test func aWholeIdIsFoundAcrossTheSearchsBlocks() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "c", title: "C")))
        var rng = SplitMix64(seed: 9)
        var model = [String(StudyLogCodec.header.dropLast())]
        let first = now - 30_000 * 3600
        for i in 0..<28_000 {
            let note = i == 24_000 ? String(repeating: "long ", count: 300_000) + "end" : String(repeating: "x", count: 120) + " \(i)"
            model.append(String(StudyLogCodec.encode(StudySession(id: SessionID.random(using: &rng), start: utc.timestamp(first + Int64(i) * 3600),
                                                                  durationSeconds: 600, courseID: "c", note: note)).dropLast()))
        }
        try b.t.write("sessions.log", model.joined(separator: "\n") + "\n")
        _ = try b.t.store.sessions(startingIn: Int64.min..<Int64.max, of: b.snap.learner)
        /// The line holding byte `offset` of the log as the model has it.
        func line(at offset: Int) -> Int {
            var at = 0
            for (i, l) in model.enumerated() {
                at += l.utf8.count + 1
                if at > offset { return i }
            }
            return model.count - 1
        }
        let size = { model.reduce(0) { $0 + $1.utf8.count + 1 } }
        #expect(size() > 5 << 20)
        // Lines across the 3rd and 4th mebibyte's edges, the one longer than a block, the one at the end.
        let targets: [() -> Int] = [{ line(at: 3 << 20) }, { line(at: 4 << 20) }, { 24_001 }, { line(at: size() - 1) }]
        for (k, target) in targets.enumerated() {
            let i = target()
            let id = try #require(StudyLogCodec.decode(Array((model[i] + "\n").utf8)).sessions.first?.id)
            let logInode = inode(b.t, "sessions.log")
            try b.run(.editSession(.id(id.text), SessionPatch(note: "found \(k)"), expected: nil))
            model[i] = String(model[i].prefix { $0 != "#" }) + "#\(id.text) found \(k)"
            #expect(b.t.text("sessions.log") == model.joined(separator: "\n") + "\n", "target \(k)")
            #expect(inode(b.t, "sessions.log") == logInode, "target \(k): found by the search, so written in place")
        }
    }

    /// A journal as `LogJournal` writes one, for the log as it is now (`cut`: that many bytes short).
    func writeJournal(_ t: TempStore, from: Int, tail: [UInt8], cut: Int = 0) throws {
        let log = t.store.layout.log
        let attributes = try FileManager.default.attributesOfItem(atPath: log)
        let bytes = try #require(FileManager.default.contents(atPath: log))
        var st = stat()
        #expect(stat(log, &st) == 0)
        let context = Array(bytes[max(0, from - LogJournal.contextBytes)..<from])
        var record: [UInt8] = []
        for w in [LogJournal.magic, UInt64(st.st_dev), UInt64(st.st_ino), UInt64(from), UInt64(attributes[.size] as! Int),
                  ContentHash.of(context), UInt64(tail.count)] {
            withUnsafeBytes(of: w.littleEndian) { record += $0 }
        }
        record += Array(bytes[from...]) + tail
        withUnsafeBytes(of: ContentHash.of(record).littleEndian) { record += $0 }
        try t.write(Self.journal, Data(record.dropLast(cut)))
    }
}
