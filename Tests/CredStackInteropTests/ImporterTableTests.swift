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

    @Test func spreadsheetDatesInTheLearnersLocale() throws {
        // (cells of one file, --date-format, the first row's start in IST, or nil when the row is skipped)
        let cases: [(rows: [String], order: DateOrder?, start: String?)] = [
            (["16/11/2026 6:30 PM"], nil, "2026-11-16T18:30+05:30"),            // India: a day over 12 tells the order
            (["11/16/2026 6:30 pm"], nil, "2026-11-16T18:30+05:30"),            // US
            (["16.11.2026 18:30"], nil, "2026-11-16T18:30+05:30"),              // Germany
            (["16-11-2026 12:05 AM"], nil, "2026-11-16T00:05+05:30"),
            (["2026/11/16 12:00 p.m."], nil, "2026-11-16T12:00+05:30"),
            (["05/11/2026 9 AM", "16/11/2026 9 AM"], nil, "2026-11-05T09:00+05:30"),  // one telling date decides for all
            (["05/11/2026 9:00"], .monthDayYear, "2026-05-11T09:00+05:30"),
            (["05/05/2026 9:00"], nil, "2026-05-05T09:00+05:30"),               // reads the same either way
            (["2026-11-16 7:15 PM"], nil, "2026-11-16T19:15+05:30"),
            (["16/11/26 6:30 PM"], nil, nil),                                   // a two-digit year is not guessed
            (["16/11/2026 13:30 PM"], nil, nil),
            (["31/02/2026 10:00"], nil, nil),
        ]
        for c in cases {
            let csv = "date,minutes,course\n" + c.rows.map { "\($0),45,sql\n" }.joined()
            let h = try CSVHistory.parse(csv, path: "x.csv", calendar: ist, now: now, dateOrder: c.order)
            if let start = c.start {
                #expect(h.rows.first?.start == Timestamp.parse(start), "\(c)")
            } else {
                #expect(h.rows.isEmpty && h.skipped.count == 1, "\(c): \(h)")
            }
        }
        let endOnly = try CSVHistory.parse("date,start,end,course\n16/11/2026,6:30 PM,7:15 PM,sql\n", path: "x.csv", calendar: ist, now: now)
        #expect(endOnly.rows.map(\.seconds) == [2700])
        // A date that reads two ways, or a file mixing orders, stops the import before anything is read.
        for rows in [["05/11/2026 9:00"], ["16/11/2026 9:00", "11/17/2026 9:00"]] {
            #expect(throws: InteropError.self) {
                try CSVHistory.parse("date,minutes,course\n" + rows.map { "\($0),45,sql\n" }.joined(), path: "x.csv", calendar: ist, now: now)
            }
        }
        #expect(DateOrder(pattern: "dd-mm-yyyy") == .dayMonthYear && DateOrder(pattern: "M/D/Y") == .monthDayYear
                && DateOrder(pattern: "ymd") == .yearMonthDay && DateOrder(pattern: "dd/yy") == nil)
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

    /// A long file is read a block at a time: wherever the blocks are cut (inside a line, inside a
    /// character, on a CR of a CRLF), the rows are the same, and so is the line of an error.
    @Test func tsvReadInBlocksCutAnywhereReadsTheSame() throws {
        let good = Array("start\tend\tcourse\tnote\r\n2026-11-29T09:00Z\t2026-11-29T10:00Z\t  डेटा  \tnöte\twith tab\r\n\n2026-11-30T18:00+05:30\t2026-11-30T18:45+05:30\tsql".utf8)
        let bad = good + Array("\n2026-11-30T19:00Z\t2026-11-30T18:00Z\tsql\n".utf8)
        let whole = try SessionTSV.parse(good, path: "x.tsv")
        #expect(whole.rows.map(\.course) == ["डेटा", "sql"] && whole.rows.map(\.note) == ["nöte\twith tab", ""] && whole.rows.map(\.line) == [2, 4])
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var reader = SessionTSV.Reader(path: "x.tsv"), failing = SessionTSV.Reader(path: "x.tsv")
            func feed(_ bytes: [UInt8], _ r: inout SessionTSV.Reader) throws(InteropError) {
                var at = 0
                while at < bytes.count {
                    let n = min(bytes.count - at, Int(rng.next() % 9) + 1)
                    try bytes[at..<(at + n)].withUnsafeBufferPointer { (p) throws(InteropError) in try r.read(p) }
                    at += n
                }
            }
            try feed(good, &reader)
            #expect(try reader.finish() == whole)
            do {
                try feed(bad, &failing)
                _ = try failing.finish()
                Issue.record("accepted an end before the start")
            } catch {
                #expect(error.message.hasPrefix("x.tsv:5:19:"), "\(error.message)")
            }
        }
    }

    /// Cells split at every separator byte, as spreadsheets write them, even one before a combining mark.
    @Test func csvCellsSplitAtEverySeparator() throws {
        let h = try CSVHistory.parse("start,end,course,note\n2026-11-29 09:00,10:00,डेटा एन,ालिटिक्स\n", path: "x.csv", calendar: utc, now: now)
        #expect(h.rows.map(\.course) == ["डेटा एन"] && h.rows.map(\.note) == ["ालिटिक्स"])
    }

    /// `timew export` is read as strict JSON a block at a time, wherever the blocks are cut; a file that is
    /// not JSON is refused at its first problem, with its line and column, the same however it was cut.
    @Test func timewarriorExportReadInBlocksCutAnywhereReadsTheSame() throws {
        let good = Array((#"[{"id":2,"start":"20261123T073000Z","end":"20261123T081500Z","tags":["a\u00e9","b\ud83d\ude00"],"# +
            #""annotation":"x\ud800y","extra":{"n":[1,2.5e-3,-0,true,null,{}]}},"# + "\n" +
            #"{"start":"20261124T073000Z","end":"20261124T081500Z","tags":"solo","annotation":"héllo, \"quoted\"\n"}, 5]"# + "\n").utf8)
        let whole = try TimewHistory.parse(good, path: "x.json")
        #expect(whole.rows.map(\.course) == ["aé", "solo"] && whole.rows.map(\.tags) == [["aé", "b😀"], []])
        #expect(whole.rows.map(\.note) == ["x\u{FFFD}y", "héllo, \"quoted\"\n"], "half a surrogate pair alone is U+FFFD, the rest kept")
        #expect(whole.skipped == [ImportedHistory.Skip(line: 3, reason: "not an interval with a start")])
        let problems: [(text: String, message: String)] = [
            ("[{\"start\":\"a\tb\"}]", "x.json:1:13: not valid JSON (a control character in a string)"),
            ("[\n {\"start\": 1,}\n]", "x.json:2:14: not valid JSON (expected a key in quotes)"),
            ("[{}, {} {}]", "x.json:1:9: not valid JSON (expected , or ] after an interval)"),
            ("[1,]", "x.json:1:4: not valid JSON (unexpected character ']')"),
            ("[\n  \"ok\", \"b\u{FF}\"]", "x.json:2:11: not valid JSON (the file is not UTF-8 text here)"),
            ("{\"intervals\": []}", "x.json: expected a JSON list of intervals"),
            (String(repeating: "[", count: 5000), "not valid JSON (nested too deep)"),
        ]
        var rng = SplitMix64(seed: 23)
        for _ in 0..<100 {
            func feed(_ bytes: [UInt8]) throws(InteropError) -> ImportedHistory {
                var r = TimewHistory.Reader(path: "x.json")
                var at = 0
                while at < bytes.count {
                    let n = min(bytes.count - at, Int(rng.next() % 9) + 1)
                    try bytes[at..<(at + n)].withUnsafeBufferPointer { (p) throws(InteropError) in try r.read(p) }
                    at += n
                }
                return try r.finish()
            }
            #expect(try feed(good) == whole)
            for (text, message) in problems {
                var bytes = Array(text.utf8)
                if let at = bytes.firstIndex(of: 0xC3), bytes[at + 1] == 0xBF { bytes.replaceSubrange(at...(at + 1), with: [0xFF]) }
                #expect(throws: InteropError.self) { try TimewHistory.parse(bytes, path: "x.json") }
                do { _ = try feed(bytes); Issue.record("read \(text)") } catch { #expect(error.message.contains(message), "\(error.message)") }
            }
        }
    }

    /// A spreadsheet is read a block at a time, and again for a pass over its dates when they are in a
    /// locale's order: wherever the blocks are cut (inside a quoted cell, a character, a CRLF), the rows are
    /// the same, and a byte that is not UTF-8 refuses the file however it arrives.
    @Test func csvReadInBlocksCutAnywhereReadsTheSame() throws {
        let iso = "\u{FEFF}start,end,course,note\r\n2026-11-29 09:00,10:00,sql,\"joins, \"\"outer\"\"\nand more\"\r\n2026-11-29 11:00,2026-11-29 11:45,डेटा,\r\n"
        let locale = "date;start;minutes;course\n29/11/2026;6:30 PM;45;sql\n30/11/2026;7:00 PM;30;sql\n"
        var rng = SplitMix64(seed: 19)
        func blocks(_ bytes: [UInt8]) -> ((UnsafeBufferPointer<UInt8>) throws(InteropError) -> Void) throws(InteropError) -> Void {
            { (body) throws(InteropError) in
                var at = 0
                while at < bytes.count {
                    let n = min(bytes.count - at, Int(rng.next() % 9) + 1)
                    try bytes[at..<(at + n)].withUnsafeBufferPointer { (p) throws(InteropError) in try body(p) }
                    at += n
                }
            }
        }
        for text in [iso, locale] {
            let whole = try CSVHistory.parse(text, path: "x.csv", calendar: utc, now: now)
            #expect(whole.rows.count == 2 && whole.skipped.isEmpty, "\(whole)")
            for _ in 0..<100 {
                let cut = try CSVHistory.parse(blocks: blocks(Array(text.utf8)), path: "x.csv", calendar: utc, now: now)
                #expect(cut.rows == whole.rows && cut.skipped == whole.skipped)
            }
        }
        #expect(try CSVHistory.parse(iso, path: "x.csv", calendar: utc, now: now).rows.map(\.note) == ["joins, \"outer\"\nand more", ""])
        var bad = Array(iso.utf8)
        bad[bad.count - 6] = 0xFF
        for _ in 0..<50 {
            #expect(throws: InteropError.self) { try CSVHistory.parse(blocks: blocks(bad), path: "x.csv", calendar: utc, now: now) }
        }
    }

    /// Files that never end a line, a record or a value are refused at a limit, not read until memory runs
    /// out; a quote never closed is refused at its line, not taken as the rest of the file; a CR alone ends
    /// a TSV line; a TSV byte that is not UTF-8 is refused at its line and column.
    @Test func endlessOrBrokenFilesAreRefusedWhereTheyBreak() throws {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        // The limit is 64 MiB (`Limits.importRecordBytes`); 2 MiB here, for a test that takes no time.
        let limit = 2 << 20
        var tsv = SessionTSV.Reader(path: "z.tsv", recordLimit: limit)
        var tsvError: InteropError?
        do { for _ in 0...(limit >> 20) { try zeros.withUnsafeBufferPointer { (b) throws(InteropError) in try tsv.read(b) } } } catch { tsvError = error }
        #expect(tsvError?.message.hasPrefix("z.tsv:1:1: expected a line break within 2 MiB") == true, "\(String(describing: tsvError))")
        var csvError: InteropError?
        do {
            _ = try CSVHistory.parse(blocks: { (body) throws(InteropError) in
                for _ in 0...(limit >> 20) { try zeros.withUnsafeBufferPointer { (b) throws(InteropError) in try body(b) } }
            }, path: "z.csv", calendar: utc, now: now, recordLimit: limit)
        } catch { csvError = error }
        #expect(csvError?.message.hasPrefix("z.csv:1: a record that does not end within 2 MiB") == true, "\(String(describing: csvError))")
        var timew = TimewHistory.Reader(path: "z.json", recordLimit: limit)
        var timewError: InteropError?
        let letters = [UInt8](repeating: 97, count: 1 << 20)
        do {
            try Array("[\"".utf8).withUnsafeBufferPointer { (b) throws(InteropError) in try timew.read(b) }
            for _ in 0...(limit >> 20) { try letters.withUnsafeBufferPointer { (b) throws(InteropError) in try timew.read(b) } }
        } catch { timewError = error }
        #expect(timewError?.message.contains("z.json:1:2: not valid JSON (a value that does not end within 2 MiB)") == true, "\(String(describing: timewError))")

        let unclosed = "start,end,course,note\n2026-11-29 09:00,10:00,sql,fine\n2026-11-29 11:00,12:00,sql,\"oops, never closed\n" +
            (0..<50).map { "2026-11-30 \(10 + $0 % 10):00,\(10 + $0 % 10):30,sql,row \($0)\n" }.joined()
        #expect { try CSVHistory.parse(unclosed, path: "u.csv", calendar: utc, now: now) } throws: { error in
            (error as? InteropError)?.message.hasPrefix("u.csv:3: a quoted cell starts here and never ends") == true
        }
        let openHeader = "start,end,\"course,note\n" + String(repeating: "2026-11-29 09:00,10:00,sql,a note\n", count: 2000)
        #expect { try CSVHistory.parse(openHeader, path: "h.csv", calendar: utc, now: now) } throws: { error in
            let message = (error as? InteropError)?.message ?? ""
            return message.hasPrefix("h.csv:1: a quoted cell starts here and never ends") && message.count < 300
        }
        let oldMac = try SessionTSV.parse(Array("2026-11-29T09:00Z\t2026-11-29T10:00Z\tsql\ta\r2026-11-29T11:00Z\t2026-11-29T12:00Z\tsql\tb\r".utf8), path: "m.tsv")
        #expect(oldMac.rows.map(\.note) == ["a", "b"] && oldMac.rows.map(\.line) == [1, 2])
        var badByte = Array("2026-11-29T09:00Z\t2026-11-29T10:00Z\tsql\tok\n2026-11-29T11:00Z\t2026-11-29T12:00Z\tsql\tnöte\n".utf8)
        badByte[badByte.lastIndex(of: 0xC3)!] = 0xFF
        #expect { try SessionTSV.parse(badByte, path: "b.tsv") } throws: { error in
            (error as? InteropError)?.message.hasPrefix("b.tsv:2:42: the file is not UTF-8 text here") == true
        }
    }
}

