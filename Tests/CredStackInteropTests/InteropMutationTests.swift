import CredStackCore
import Foundation
import Testing
import CredStackInterop

/// Thousands of damaged copies of the interop fixtures: each is read or refused with a reason, never a crash.
@Suite struct InteropMutationTests {
    static func mutations(of bytes: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        let specials: [UInt8] = Array(",;\"\n\r\t{}[]:-+0123456789TZ".utf8) + [0, 0xFF, 0xE0, 0x80]
        return (0..<count).map { _ in
            var b = bytes
            for _ in 0..<Int(rng.next() % 4) + 1 where !b.isEmpty {
                let i = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 4 {
                case 0: b[i] = specials[Int(rng.next() % UInt64(specials.count))]
                case 1: b.remove(at: i)
                case 2: b.insert(specials[Int(rng.next() % UInt64(specials.count))], at: i)
                default: b = Array(b.prefix(i))
                }
            }
            return b
        }
    }

    @Test func damagedSpreadsheetsAreReadOrRefused() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: InteropFixtures.dir + "/spreadsheet.csv")))
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
        var read = 0
        for damaged in Self.mutations(of: bytes, count: 3000, seed: 7) {
            let text = String(decoding: damaged, as: UTF8.self)
            if let history = try? CSVHistory.parse(text, path: "x.csv", calendar: calendar, now: 1_796_000_000) {
                read += 1
                #expect(history.rows.allSatisfy { $0.seconds > 0 && $0.seconds <= Limits.sessionSeconds && !$0.course.isEmpty })
            }
        }
        #expect(read > 1000, "most damaged files still have a header and rows")
    }

    @Test func damagedTimewarriorExportsSessionTablesAndBadgesAreReadOrRefused() throws {
        let timew = [UInt8](try Data(contentsOf: URL(fileURLWithPath: InteropFixtures.dir + "/timew-export.json")))
        for damaged in Self.mutations(of: timew, count: 2000, seed: 11) {
            if let history = try? TimewHistory.parse(damaged, path: "x.json") {
                #expect(history.rows.allSatisfy { $0.seconds > 0 })
            }
        }
        let tsv = Array("start\tend\tcourse\tnote\n2026-11-29T09:00Z\t2026-11-29T10:00Z\tsql\tjoins\n2026-11-30T18:00+05:30\t2026-11-30T18:45+05:30\taws-cloud\t\n".utf8)
        for damaged in Self.mutations(of: tsv, count: 2000, seed: 17) {
            if let history = try? SessionTSV.parse(damaged, path: "x.tsv") {
                #expect(history.rows.allSatisfy { $0.seconds > 0 && $0.seconds <= Limits.sessionSeconds })
            }
        }
        for name in ["ob3-cloud-practitioner.json", "ob3-legacy-dates.json"] {
            let badge = [UInt8](try Data(contentsOf: URL(fileURLWithPath: InteropFixtures.dir + "/" + name)))
            for damaged in Self.mutations(of: badge, count: 1500, seed: 13) {
                if let parsed = try? OpenBadge.parse(damaged, path: "x.json") { #expect(!parsed.name.isEmpty) }
            }
        }
    }
}

enum InteropFixtures {
    /// The fixtures the command-line tests use too.
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../CLITests/Fixtures").standardized.path
    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))) }
}
