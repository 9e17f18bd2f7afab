import CredStackCore
import CredStackInterop
import Foundation
import Testing

/// The importers, table by table, without the command line.
@Suite struct ImporterTableTests {
    let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
    let ist = StudyCalendar(timeZone: TimeZone(identifier: "Asia/Kolkata")!)
    let now = Timestamp.parse("2026-11-30T10:00:00Z")!.epochSeconds

    @Test func csvDurationsUseTheOneGrammarAndTheColumnsUnit() throws {
        let cases: [(header: String, cell: String, seconds: Int?)] = [
            ("duration", "45m", 2700), ("duration", "1h30m", 5400), ("duration", "1:30", 5400), ("duration", "0:45:00", 2700),
            ("duration", "90", 5400), ("minutes", "90", 5400), ("hours", "1.5", 5400), ("duration", "1.5h", 5400),
            ("duration", "1e300", nil), ("duration", "9999999999999999:00", nil), ("duration", "-5", nil), ("duration", "abc", nil),
        ]
        for c in cases {
            let csv = "start,\(c.header),course\n2026-11-29 09:00,\(c.cell),sql\n"
            let h = try CSVHistory.parse(csv, path: "x.csv", calendar: utc, now: now)
            if let seconds = c.seconds {
                #expect(h.rows.map(\.seconds) == [seconds], "\(c)")
            } else {
                #expect(h.rows.isEmpty && h.skipped.count == 1, "\(c): \(h)")
            }
        }
    }

    @Test func csvTimesAreInTheLearnersZoneUnlessTheFileSaysAnOffset() throws {
        let h = try CSVHistory.parse("start,end,course\n2026-11-29 09:00,10:00,sql\n", path: "x.csv", calendar: ist, now: now)
        #expect(h.rows.first?.start == Timestamp.parse("2026-11-29T09:00+05:30"))
        let o = try CSVHistory.parse("start;end;utc_offset;course\n2026-11-29 09:00;2026-11-29 10:00;+01:00;sql\n", path: "x.csv", calendar: ist, now: now)
        #expect(o.rows.first?.start == Timestamp.parse("2026-11-29T09:00+01:00"))
    }

    @Test func timewarriorEntriesKeepEveryTag() throws {
        let json = Array("""
        [{"id":1,"start":"20261129T090000Z","end":"20261129T100000Z","tags":["lectures","nptel-ds4e"],"annotation":"week 3"},
         {"id":2,"start":"20261129T110000Z","tags":["x"]},
         {"id":3,"start":"20261129T120000Z","end":"20261129T130000Z"}]
        """.utf8)
        let h = try TimewHistory.parse(json, path: "t.json")
        #expect(h.rows.count == 1 && h.rows[0].tags == ["lectures", "nptel-ds4e"] && h.rows[0].note == "week 3")
        #expect(h.skipped.map(\.reason) == ["still running (no end yet)", "no tag to name the course"])
    }

    @Test func badgeCreditsAreNumbersEvenWhenTheyAreZeroOrOne() throws {
        let base = String(decoding: try InteropFixtures.bytes("ob3-cloud-practitioner.json"), as: UTF8.self)
        for (value, expected) in [("0", 0.0), ("1", 1.0), ("1.0", 1.0), ("2.5", 2.5)] {
            let text = base.replacingOccurrences(of: "\"creditsEarned\": 4", with: "\"creditsEarned\": \(value)")
            #expect(text != base, "the fixture holds creditsEarned")
            #expect(try OpenBadge.parse(Array(text.utf8), path: "b.json").credits == expected, "\(value)")
        }
        for bad in ["true", "\"2\"", "-1", "1001", "1e400"] {
            let text = base.replacingOccurrences(of: "\"creditsEarned\": 4", with: "\"creditsEarned\": \(bad)")
            #expect(throws: InteropError.self, "\(bad)") { try OpenBadge.parse(Array(text.utf8), path: "b.json") }
        }
    }

    @Test func tsvRowsReadOrStopWithLineAndColumn() throws {
        let ok = try SessionTSV.parse(Array("start\tend\tcourse\tnote\n2026-11-29T09:00Z\t2026-11-29T10:00Z\tsql\tn\n".utf8), path: "x.tsv")
        #expect(ok.rows.map(\.seconds) == [3600])
        do {
            _ = try SessionTSV.parse(Array("2026-11-29T09:00Z\t2026-11-29T08:00Z\tsql\n".utf8), path: "x.tsv")
            Issue.record("accepted an end before the start")
        } catch {
            #expect(error.message.hasPrefix("x.tsv:1:19:"))
        }
    }
}
