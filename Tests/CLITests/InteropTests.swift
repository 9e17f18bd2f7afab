import Foundation
import Testing

/// Study history in from spreadsheets and timewarrior, deadlines out to calendars.
@Suite struct InteropTests {
    static let fixtures = CreditsCLITests.fixtures

    @Test func spreadsheetCSVWithBadRows() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "aws", "--title", "AWS Cloud Practitioner")
        let r = cli.run("import", "csv", Self.fixtures + "/spreadsheet.csv")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Imported 4 sessions (5h 30m) from "), "\(r.out)")
        #expect(r.out.contains("new courses: course (डेटा एनालिटिक्स), sec-ops (sec-ops); skipped 2:"), "\(r.out)")
        #expect(r.out.contains("  line 4: the session ends before it starts"))
        // A day-first date reads as the spreadsheet meant it (25 can only be a day).
        #expect(cli.sessionLines.contains("2026-11-25T08:00Z 1h aws day-first date"), "\(cli.sessionLines)")
        #expect(r.out.contains("  line 6: no course"))
        let log = cli.file("sessions.log")
        // BOM, quoted commas, doubled quotes and a note across two lines all read right; titles match existing courses.
        #expect(cli.sessionLines.contains("2026-11-23T07:30Z 45m aws module 3, quiz"))
        #expect(cli.sessionLines.contains("2026-11-24T19:00Z 1h30m course said \"done\""))
        #expect(cli.sessionLines.contains("2026-11-27T21:00Z 2h15m sec-ops multi line note"))
        // Again: nothing twice.
        let again = cli.run("import", "csv", Self.fixtures + "/spreadsheet.csv")
        #expect(again.out.hasPrefix("Imported 0 sessions") && again.out.contains("line 2: already in the log"))
        #expect(cli.file("sessions.log") == log)
    }

    @Test func csvDurationsOffsetsAndSemicolons() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = "Asia/Kolkata"
        cli.run("init")
        var r = cli.run("import", "csv", Self.fixtures + "/durations.csv")
        #expect(r.out.contains("Imported 3 sessions (3h 45m)"), "\(r.out)")
        #expect(r.out.contains("line 5: longer than one session may be (24h): 30h") && r.out.contains("line 6: duration \"soon\" is not a length"), "\(r.out)")
        let log = cli.file("sessions.log")
        #expect(cli.sessionLines.contains("2026-11-23T07:30+05:30 45m aws-cloud with offset"))
        #expect(cli.sessionLines.contains("2026-11-23T18:00+05:30 1h30m aws-cloud h:mm"), "local times are in the learner's zone")
        #expect(cli.sessionLines.contains("2026-11-24T18:00+05:30 1h30m aws-cloud bare minutes"))

        let dir = (cli.store as NSString).deletingLastPathComponent
        try "Date;Start;Hours;Course\n2026-11-20;09:00;1,5;x\n2026-11-20;10:00;2;aws-cloud\n".write(toFile: dir + "/eu.csv", atomically: true, encoding: .utf8)
        r = cli.run("import", "csv", dir + "/eu.csv")
        #expect(r.out.contains("Imported 1 session (2h)") && r.out.contains("line 2: hours \"1,5\" is not a length"), "\(r.out)")
        #expect(cli.sessionLines.contains("2026-11-20T10:00+05:30 2h aws-cloud"))
        try "when,who\n1,2\n".write(toFile: dir + "/other.csv", atomically: true, encoding: .utf8)
        let before = cli.file("sessions.log")
        r = cli.run("import", "csv", dir + "/other.csv")
        #expect(r.code == 65 && r.err.contains("other.csv:1: expected a header naming a start, an end or a duration, and a course"))
        try Data([0x73, 0x74, 0x61, 0x72, 0x74, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: dir + "/latin1.csv"))
        r = cli.run("import", "csv", dir + "/latin1.csv")
        #expect(r.code == 65 && r.err.contains("is not UTF-8 text"))
        #expect(cli.file("sessions.log") == before)
    }

    @Test func exportedCSVImportsBackExactlyInAnotherZone() throws {
        var laptop = CLIRunner()
        defer { laptop.cleanUp() }
        laptop.environment["TZ"] = "Asia/Kolkata"
        laptop.run("init")
        laptop.run("course", "add", "aws", "--title", "AWS, Cloud")
        laptop.run("log", "45m", "aws", "--at", "08:00", "--note", "quiz, \"part 2\"")
        laptop.run("log", "1h30m", "aws", "--at", "yesterday 23:30")
        let dir = (laptop.store as NSString).deletingLastPathComponent
        #expect(laptop.run("export", "sessions", "--format", "csv", "--output", dir + "/out.csv").code == 0)
        var lab = CLIRunner(store: dir + "/lab")
        lab.environment["TZ"] = "America/New_York"
        lab.run("init")
        let r = lab.run("import", "csv", dir + "/out.csv")
        #expect(r.out.hasPrefix("Imported 2 sessions (2h 15m)") && r.out.contains("new courses: aws (AWS, Cloud)"), "\(r.out)")
        let body = { (log: String) in log.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(body(lab.file("sessions.log")) == body(laptop.file("sessions.log")), "ids and all: \(lab.file("sessions.log"))")
    }

    @Test func timewarriorExport() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "aws-cloud", "--title", "AWS Cloud")
        var r = cli.run("import", "timew", Self.fixtures + "/timew-export.json")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Imported 3 sessions (2h 35m)"), "\(r.out)")
        #expect(r.out.contains("new courses: data-analytics (Data Analytics), sec-ops (sec-ops); skipped 2:"), "\(r.out)")
        #expect(r.out.contains("  entry 4: no tag to name the course") && r.out.contains("  entry 5: still running (no end yet)"))
        let log = cli.file("sessions.log")
        #expect(cli.sessionLines.contains("2026-11-23T07:30Z 45m aws-cloud"))
        #expect(cli.sessionLines.contains("2026-11-24T19:00Z 1h30m data-analytics homework"))
        #expect(cli.sessionLines.contains("2026-11-25T06:45Z 20m sec-ops lab 3, part 2"))
        r = cli.run("import", "timew", Self.fixtures + "/spreadsheet.csv")
        #expect(r.code == 65 && r.err.contains("not valid JSON") && r.err.contains("timew export"))
        #expect(cli.file("sessions.log") == log)
    }

    @Test func calendarFileFollowsRFC5545() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Asha")
        cli.run("course", "add", "data", "--title", "डेटा एनालिटिक्स की बुनियाद: सांख्यिकी, स्प्रेडशीट और डेटा सफ़ाई", "--provider", "SWAYAM, NPTEL; IIT",
                "--due", "2026-12-15", "--modules", "3/12")
        cli.run("course", "add", "done", "--title", "Finished", "--due", "2026-10-01", "--status", "completed")
        cli.run("credential", "add", "done", "--by", "Example, Inc.", "--issued", "2026-10-01", "--expires", "2028-10-01")
        let dir = (cli.store as NSString).deletingLastPathComponent
        let r = cli.run("export", "calendar", "--format", "ics", "--output", dir + "/deadlines.ics")
        #expect(r.code == 0, "\(r.err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/deadlines.ics"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(!line.contains("\n") && !line.contains("\r"), "bare line break in \(line)")
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        // Unfold (RFC 5545 3.1) and read the content lines.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(lines.count > unfolded.count - 1, "the long title was folded")
        #expect(unfolded.first == "BEGIN:VCALENDAR" && unfolded.contains("VERSION:2.0") && unfolded.contains("END:VCALENDAR"))
        #expect(unfolded.contains("PRODID:-//credstack//credstack//EN"))
        #expect(unfolded.contains("SUMMARY:Due: डेटा एनालिटिक्स की बुनियाद: सांख्यिकी\\, स्प्रेडशीट और डेटा सफ़ाई"))
        #expect(unfolded.contains("DESCRIPTION:SWAYAM\\, NPTEL\\; IIT\\, 3 of 12 modules done"))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261215") && unfolded.contains("DTEND;VALUE=DATE:20261216"))
        #expect(unfolded.contains("UID:due-data@credstack") && unfolded.contains("TRIGGER:-P1D"))
        #expect(unfolded.contains("SUMMARY:Credential expires: Finished") && unfolded.contains("DTSTART;VALUE=DATE:20281001"))
        #expect(unfolded.contains("DESCRIPTION:Awarded by Example\\, Inc. on 2026-10-01\\; renew it to keep its credits counting."))
        #expect(!unfolded.contains("UID:due-done@credstack"), "a completed course has no deadline")
        #expect(unfolded.filter { $0 == "BEGIN:VEVENT" }.count == unfolded.filter { $0 == "END:VEVENT" }.count)
        #expect(unfolded.contains("DTSTAMP:20261130T100000Z"))
        // Folding never splits a UTF-8 sequence: every physical line is valid UTF-8 on its own.
        var start = 0
        let raw = [UInt8](bytes)
        for i in 0..<raw.count - 1 where raw[i] == 13 && raw[i + 1] == 10 {
            #expect(String(validatingUTF8: raw[start..<i].map { CChar(bitPattern: $0) } + [0]) != nil, "line at byte \(start) splits a character")
            start = i + 2
        }
        #expect(cli.run("export", "calendar", "--format", "json").code == 64)
    }
}
