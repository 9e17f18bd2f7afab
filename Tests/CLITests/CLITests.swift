import Foundation
import Testing

@Suite struct CLITests {
    @Test func aWeekOfUseFromInitToReport() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(cli.run("init", "--name", "Asha", "--goal", "5h").code == 0)
        #expect(cli.run("course", "add", "aws-cloud", "--title", "AWS Cloud Practitioner", "--category", "Cloud", "--credits", "2",
                        "--due", "2026-12-10").code == 0)
        #expect(cli.run("course", "add", "data-hi", "--title", "डेटा एनालिटिक्स", "--modules", "3/12").code == 0)
        var r = cli.run("log", "45m", "aws-cloud", "--at", "09:00", "--note", "module 1")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Logged 45m on aws-cloud (session ") && r.out.contains("). This week: 45m of 5h."), "\(r.out)")
        #expect(cli.run("log", "1h30m", "data-hi", "--at", "yesterday 20:00").code == 0)
        #expect(cli.run("log", "1.5h", "data-hi", "--at", "2026-12-01 08:00").code == 64, "future sessions are refused")

        r = cli.run("week")
        #expect(r.code == 0)
        #expect(r.out.contains("Week of Mon 30 Nov - Sun 6 Dec 2026"))
        #expect(r.out.contains("*Mon 30"))
        #expect(r.out.contains("Total 45m of 5h goal (15%)"))
        r = cli.run("week", "--ago", "1")
        #expect(r.out.contains("Sun 29"))
        #expect(r.out.contains("Total 1h 30m of 5h goal (30%)"))
        #expect(r.out.contains("data-hi"))
        r = cli.run("week", "--course", "aws-cloud")
        #expect(r.out.contains("aws-cloud only"))

        r = cli.run("course", "list")
        #expect(r.out.contains("aws-cloud") && r.out.contains("2026-12-10 in 10d"))
        r = cli.run("course", "show", "aws-cloud")
        #expect(r.out.contains("Sessions: 1, 45m in all"))
        #expect(cli.file("sessions.log").range(of: #"2026-11-30T09:00Z 45m aws-cloud #[0-9a-z]{8} module 1\n"#, options: .regularExpression) != nil)
        #expect(cli.file("courses/aws-cloud.toml").contains("due = 2026-12-10"))
    }

    @Test func timerAcrossTwoInvocations() throws {
        var cli = CLIRunner(now: "2026-11-30T09:00:00Z")
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "sec", "--title", "Security")
        #expect(cli.run("timer", "start", "sec").code == 0)
        #expect(cli.run("timer", "start", "sec").code == 1)
        cli.environment["CREDSTACK_NOW"] = "2026-11-30T09:40:00Z"
        var r = cli.run("timer", "status")
        #expect(r.out.contains("Timer running on sec (Security): 40m since 2026-11-30T09:00Z"))
        r = cli.run("timer", "stop")
        #expect(r.code == 0)
        #expect(r.out.contains("Logged 40m on sec"))
        #expect(cli.file("sessions.log").range(of: #"2026-11-30T09:00Z 40m sec #[0-9a-z]{8}\n"#, options: .regularExpression) != nil)
        #expect(cli.run("timer", "stop").code == 1)
        #expect(cli.run("timer", "status").out.contains("No timer running"))
    }

    @Test func badInputExitsWithSysexitsAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(cli.run("week").code == 66)
        #expect(cli.run("week").err.contains("credstack init"))
        cli.run("init")
        cli.run("course", "add", "aws-cloud", "--title", "AWS")
        let before = cli.files()

        var r = cli.run("log", "45x", "aws-cloud")
        #expect(r.code == 64)
        #expect(r.err.contains("expected a duration like 45m, 1h30m, 1.5h, 1:30 or 90 (minutes)"))
        r = cli.run("log", "99999999999999999999h", "aws-cloud")
        #expect(r.code == 64 && r.err.contains("at most 24h"), "\(r.err)")
        r = cli.run("log", "45m", "aws-clod")
        #expect(r.code == 64)
        #expect(r.err.contains("did you mean \"aws-cloud\" (AWS)?"))
        r = cli.run("log", "45m", "aws-c")
        #expect(r.err.contains("did you mean \"aws-cloud\""), "a prefix is only a suggestion")
        r = cli.run("log", "45m", "aws-cloud", "--at", "14/03/2026")
        #expect(r.code == 64)
        #expect(r.err.contains("expected a time like 18:30"))
        r = cli.run("course", "add", "Bad Id", "--title", "x")
        #expect(r.code == 64)
        r = cli.run("course", "add", "aws-cloud", "--title", "again")
        #expect(r.code == 1)
        #expect(r.err.contains("already exists"))
        r = cli.run("course", "edit", "aws-cloud", "--due", "31/12/2026")
        #expect(r.code == 64)
        #expect(r.err.contains("--due: \"31/12/2026\": expected YYYY-MM-DD or today"), "\(r.err)")
        r = cli.run("log", "--bogus-flag")
        #expect(r.code == 64)
        #expect(cli.run("profile", "set", "--goal", "0").code == 64)
        #expect(cli.run("profile", "set", "--goal", "169h").err.contains("at most 168h"))
        #expect(cli.run("profile", "set", "--time-zone", "IST").err.contains("did you mean Asia/Kolkata?"))
        #expect(cli.run(["status", "--store", ""], withStore: false).code == 64)
        #expect(cli.files() == before)

        // A malformed file: exit 65 with file:line:col, and the file stays as it was.
        let broken = cli.file("courses/aws-cloud.toml").replacingOccurrences(of: "status = \"enrolled\"", with: "status = enrolled")
        try broken.write(toFile: cli.store + "/courses/aws-cloud.toml", atomically: false, encoding: .utf8)
        r = cli.run("log", "45m", "aws-cloud")
        #expect(r.code == 65)
        #expect(r.err.contains("courses/aws-cloud.toml:3:10: expected a value, found enrolled (text needs quotes"), "\(r.err)")
        #expect(cli.file("courses/aws-cloud.toml") == broken)
        #expect(cli.run("course", "edit", "aws-cloud", "--title", "x").code == 65)
        #expect(cli.file("courses/aws-cloud.toml") == broken)
    }

    @Test func removingACourseProtectsItsSessions() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        cli.run("course", "add", "b", "--title", "B")
        cli.run("log", "30m", "a")
        cli.run("log", "20m", "b")
        var r = cli.run("course", "remove", "a")
        #expect(r.code == 1)
        #expect(r.err.contains("has 1 logged session"))
        r = cli.run("course", "remove", "a", "--with-sessions")
        #expect(r.code == 0)
        #expect(!cli.file("sessions.log").contains(" a #"))
        #expect(cli.file("sessions.log").contains(" b #"))
        #expect(!FileManager.default.fileExists(atPath: cli.store + "/courses/a.toml"))
        #expect(cli.run("status").code == 0)
    }

    @Test func aSessionLoggedByMistakeCanBeRemoved() throws {
        let cli = CLIRunner(now: "2026-11-30T13:00:00Z")
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        cli.run("course", "add", "b", "--title", "B")
        #expect(cli.run("sessions").out == "No sessions logged yet.\n")
        cli.run("log", "30m", "a", "--at", "08:00")
        #expect(cli.run("sessions", "--course", "b").out == "No sessions logged on b yet.\n")
        #expect(cli.run("sessions", "--last", "0").out == "", "none asked for, none listed")
        cli.run("log", "3h", "a", "--at", "09:00", "--note", "typo")
        // The 3h typo overlaps what comes next: refused, unless logged in parallel on purpose.
        #expect(cli.run("log", "15m", "a", "--at", "09:30").code == 64)
        #expect(cli.run("log", "15m", "a", "--at", "09:30", "--allow-overlap").code == 0)
        var r = cli.run("sessions")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.out)")
        let typo = try #require(lines.first { $0.contains("typo") })
        #expect(typo.hasSuffix("Mon 30 Nov 09:00  3h      a                  typo"), "\(typo)")
        let id = String(typo.prefix(8))
        r = cli.run("sessions", "remove", String(id.prefix(5)))
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "Removed session \(id): 3h on a from Mon 30 Nov 2026 09:00.\n")
        #expect(cli.file("sessions.log").hasPrefix("# credstack study log"), "comments are kept")
        #expect(!cli.file("sessions.log").contains("typo"))
        #expect(cli.run("week").out.contains("Total 45m"))
        #expect(cli.run("sessions", "remove", id).code == 64, "it is gone")
        #expect(cli.run("sessions", "remove", "@1").out.contains("15m on a from Mon 30 Nov 2026 09:30"))
        #expect(cli.run("sessions", "remove", "@9").err.contains("there are 1 sessions"))
    }

    /// Import a neutral TSV and report week x course totals; the expected totals are computed here by plain
    /// arithmetic (UTC, Monday weeks, split at midnight), apart from the code under test.
    @Test func importedSessionsReportExactWeeklyTotals() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        var rng = SplitMix64Test(seed: 42)
        let courses = ["algebra", "biology", "cloud-ops", "data viz"]
        var tsv = "start\tend\tcourse\tnote\n"
        var expected: [String: [String: Int]] = [:]
        var t = 1_630_886_400 // 2021-09-06T00:00:00Z, a Monday
        for _ in 0..<3_000 {
            t += Int(rng.next() % 60_000)
            let seconds = 60 * (15 + Int(rng.next() % 106))
            let course = courses[Int(rng.next() % 4)]
            tsv += "\(iso(t))\t\(iso(t + seconds))\t\(course)\tnote \(t)\n"
            var at = t, left = seconds
            while left > 0 {
                let chunk = min(left, 86_400 - at % 86_400)
                let day = at / 86_400
                let monday = day - (day + 3) % 7
                expected[iso(monday * 86_400).prefix(10).description, default: [:]][course == "data viz" ? "data-viz" : course, default: 0] += chunk
                at += chunk
                left -= chunk
            }
        }
        let file = cli.store + "-sessions.tsv"
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try tsv.write(toFile: file, atomically: true, encoding: .utf8)
        cli.run("init")
        // Random history overlaps here and there: imported as study in parallel.
        var r = cli.run("import", "sessions", file, "--allow-overlap")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Imported 3000 sessions"), "\(r.out.prefix(300))")
        r = cli.run("import", "sessions", file)
        #expect(r.out.hasPrefix("Imported 0 sessions") && r.out.contains("skipped 3000:") && r.out.contains("line 2: already in the log"))
        #expect(cli.run("course", "show", "data-viz").out.contains("Title         data viz"))
        r = cli.run("report", "--by", "week,course", "--format", "tsv")
        #expect(r.code == 0)
        var seen: [String: [String: Int]] = [:]
        for line in r.out.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            seen[f[0], default: [:]][f[1]] = Int(f[2])!
        }
        #expect(seen == expected)
    }

    private func iso(_ epoch: Int) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    @Test func importRejectsABadRowAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        let before = cli.file("sessions.log") + cli.file("learner.toml")
        let tsv = cli.store + "-bad.tsv"
        try "start\tend\tcourse\tnote\n2026-11-30T08:00:00Z\t2026-11-30T09:00:00Z\tMaths\tok\n2026-11-30T10:00:00Z\t30/11/2026\tMaths\t\n"
            .write(toFile: tsv, atomically: true, encoding: .utf8)
        let r = cli.run("import", "sessions", tsv)
        #expect(r.code == 65)
        #expect(r.err.contains("-bad.tsv:3:22: expected a date like 2026-11-30; nothing was imported"), "\(r.err)")
        #expect(cli.file("sessions.log") + cli.file("learner.toml") == before)
    }

    /// Four processes log 250 sessions each and edit their course as they go, all at once: nothing is lost.
    @Test func fourWritersLoggingAndEditingAtOnce() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        for c in ["w1", "w2", "w3", "w4"] { cli.run("course", "add", c, "--title", "Writer \(c)") }
        let script = """
        for i in $(seq 1 250); do
          "$0" log 1m "$1" --store "$2" >/dev/null || exit 1
          if [ $((i % 10)) -eq 0 ]; then "$0" course edit "$1" --modules "$i/250" --store "$2" >/dev/null || exit 2; fi
        done
        """
        #expect(try cli.concurrently(script, courses: ["w1", "w2", "w3", "w4"]) == [0, 0, 0, 0])
        let lines = cli.file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 1000)
        for c in ["w1", "w2", "w3", "w4"] {
            #expect(lines.filter { $0.contains(" \(c) #") }.count == 250)
            #expect(cli.run("course", "show", c).out.contains("250 of 250 modules"), "the last edit of \(c) is kept")
        }
        let leftovers = try cli.leftoverSaves()
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionsKnowTheCommands(shell: String) {
        let r = CLIRunner().run(["--generate-completion-script", shell], withStore: false)
        #expect(r.code == 0)
        for command in ["timer", "course", "log", "week", "report", "import", "themes"] {
            #expect(r.out.contains(command), "\(shell) completion lacks \(command)")
        }
    }

    @Test func exportsCSVAndJSON() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "Data, \"quoted\"", "--fee", "49.99 usd")
        cli.run("log", "30m", "a", "--at", "08:00", "--note", "ह, note")
        var r = cli.run("export", "--format", "csv")
        #expect(r.out.range(of: #"^\x{FEFF}start,end,utc_offset,minutes,course,course_title,note,id\r\n2026-11-30 08:00,2026-11-30 08:30,\+00:00,30,a,"Data, ""quoted""","ह, note",[0-9a-z]{8}\r\n$"#,
                             options: .regularExpression) != nil, "\(r.out)")
        r = cli.run("export", "--format", "json")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        #expect((json["sessions"] as! [[String: Any]]).first?["seconds"] as? Int == 1800)
        #expect((json["courses"] as! [[String: Any]]).first?["fee"] as? String == "49.99 USD")
        r = cli.run("export", "--format", "csv", "courses")
        #expect(r.out.hasPrefix("\u{FEFF}id,title,provider"))
        #expect(cli.run("export", "--format", "csv", "all").code == 64)
    }

    @Test func demoUsesAPrivateCopyNeverTheLearnersStore() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let r = cli.run(["demo", "--print"], withStore: false)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Priya Sharma"))
        #expect(r.out.contains("डेटा एनालिटिक्स की बुनियाद"))
        #expect(r.out.contains("UG Certificate in Data Science"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
    }

    @Test func twoProcessesAppendingConcurrentlyLoseNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        cli.run("course", "add", "b", "--title", "B")
        // Each writer logs 500 sessions, one `credstack log` process per session, at the same time as the other.
        let script = "for i in $(seq 1 500); do \"$0\" log 1m \"$1\" --store \"$2\" >/dev/null || exit 1; done"
        #expect(try cli.concurrently(script, courses: ["a", "b"]) == [0, 0])
        let lines = cli.file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 1000)
        #expect(lines.filter { $0.contains(" a #") }.count == 500)
        #expect(Set(lines.map { $0.prefix(17) }).count == 1000, "\"just finished\" sessions never overlap: each went before the last")
        #expect(cli.run("status").code == 0)
    }
}

/// The same SplitMix64 as Core's, restated so this test shares no code with what it checks.
struct SplitMix64Test {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
