import Foundation
import Testing
import CredStackTOML
@testable import CredStackCore
@testable import CredStackStore
import CredStackTestSupport

/// Thousands of deterministic random mutations of valid files: every parser must answer with a value or an
/// error that names a line and column inside the file, never crash or hang.
@Suite struct MutationTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]

    static func validFiles() -> [(name: String, bytes: [UInt8])] {
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
        let demo = DemoData.make(now: Timestamp.parse("2026-11-30T10:00Z")!.epochSeconds, calendar: calendar)
        let course = try! CourseCodec.newDocument(demo.learner.courses.first { $0.credential != nil }!)
        var profile = try! ProfileCodec.newDocument(demo.learner.profile)
        try! profile.appendTable(["sync"], fields: [TOMLField("remote", .string("git@example.org:me/x.git")),
                                                    TOMLField("list", .raw("[1, 2, { a = 'b' }]"))])
        let pathway = try! PathwayCodec.newDocument(demo.learner.pathways[0])
        let log = StudyLogCodec.header + demo.sessions.prefix(40).map(StudyLogCodec.encode).joined()
        let timer = TimerCodec.encode(RunningTimer(id: SessionID("k3x9q2mz")!, courseID: "sec-ops", started: Timestamp.parse("2026-11-30T09:00Z")!, note: "lab"))
        let theme = [UInt8](FileManager.default.contents(atPath: themesFolder + "/saffron.toml")!)
        return [("course", course.bytes), ("profile", profile.bytes), ("pathway", pathway.bytes), ("sessions.log", Array(log.utf8)),
                ("timer", timer), ("theme", theme)]
    }

    /// The themes the program ships.
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path

    /// Decodes with the file's codec; the position of the problem, or nil when it read.
    static func problem(_ name: String, _ bytes: [UInt8]) -> (line: Int, column: Int)? {
        if name == "sessions.log" {
            do { _ = try StudyLogCodec.decode(bytes); return nil } catch { return (error.line, error.column) }
        }
        do {
            let doc = try TOMLDocument.reading(bytes)
            switch name {
            case "course": _ = try CourseCodec.decode(doc, id: "x")
            case "profile": _ = try ProfileCodec.decode(doc)
            case "pathway": _ = try PathwayCodec.decode(doc, id: "p")
            case "theme": _ = try ThemeFile.parse(bytes, path: "t.toml")
            default: _ = try TimerCodec.decode(doc)
            }
            return nil
        } catch {
            return (error.line, error.column)
        }
    }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        let interesting: [UInt8] = [0, 9, 10, 13, 27, 34, 35, 39, 44, 45, 46, 58, 61, 91, 92, 93, 123, 125, 0x80, 0xC3, 0xE0, 0xFF]
        for _ in 0...(rng.next() % 4) {
            let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
            switch rng.next() % 6 {
            case 0 where !b.isEmpty: b[at] = interesting[Int(rng.next() % UInt64(interesting.count))]
            case 1: b.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: at)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + 1 + Int(rng.next() % 12)))
            case 3 where !b.isEmpty: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 4: b = Array(b.prefix(at)) // truncation
            default:
                let from = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
                b.insert(contentsOf: b[from..<min(b.count, from + Int(rng.next() % 40))], at: at)
            }
        }
        return b
    }

    @Test(arguments: seeds)
    func parsersOnlyEverAnswerOrPointInsideTheFile(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var tried = 0, rejected = 0
        for (name, valid) in Self.validFiles() {
            for _ in 0..<1_000 {
                let bytes = Self.mutate(valid, &rng)
                let lines = bytes.filter { $0 == 10 }.count + 1
                let position = Self.problem(name, bytes)
                tried += 1
                if let p = position {
                    rejected += 1
                    #expect(p.line >= 1 && p.line <= lines && p.column >= 1, "\(name): \(p) outside a \(lines)-line file")
                }
            }
        }
        #expect(tried == 6_000)
        #expect(rejected > 800, "the mutations should break most files (\(rejected) of \(tried))")
    }

    /// A very long line and deep nesting: errors, not stack overflows or quadratic time.
    @Test func pathologicalInputs() {
        let longLine = Array(("title = \"" + String(repeating: "x", count: 10_000_000)).utf8)
        #expect(Self.problem("course", longLine) != nil)
        let deep = Array(("a = " + String(repeating: "[", count: 100_000)).utf8)
        #expect(Self.problem("course", deep) != nil)
        let manyLines = Array(String(repeating: "2026-11-30T09:00Z 1m a\n", count: 50_000).utf8) + Array("2026-11-30T09:00Z 1m".utf8)
        #expect(throws: StudyLogCodec.LineError(line: 50_001, column: 21, message: "expected a course id after the duration")) {
            try StudyLogCodec.decode(manyLines)
        }
    }
}
