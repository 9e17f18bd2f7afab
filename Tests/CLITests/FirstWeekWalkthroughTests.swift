import Foundation
import Testing

/// A new learner's first week, in the real binary: the command line for what they script, the dashboard at
/// 80x24 in tmux for the rest. Every screen is read as they would read it: nothing cut off, nothing guessed.
@Suite(.serialized) struct FirstWeekWalkthroughTests {
    /// Mon 30 Nov 2026, 09:00 in India.
    static let monday = "2026-11-30T03:30:00Z"

    func dashboard(_ cli: CLIRunner, now: String) throws -> Tmux {
        let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(),
                   "CREDSTACK_NOW": now, "PATH": "/usr/bin:/bin"]
        return try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(cli.store)", environment: env)
    }

    /// No line of the screen runs past 80 columns' worth of text cut with an ellipsis.
    func expectWhole(_ screen: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(screen.contains(what), "\(what) not shown whole:\n\(screen)", sourceLocation: sourceLocation)
    }

    @Test func aWeekOfRealUseNeedsNoHandEdit() throws {
        var cli = CLIRunner(now: Self.monday)
        defer { cli.cleanUp() }
        // Monday: the store, four courses (one with a Hindi title), a timer started in the evening.
        #expect(cli.run("init", "--name", "Asha Verma", "--time-zone", "Asia/Kolkata", "--goal", "6h").code == 0)
        cli.run("course", "add", "nptel-ds4e", "--title", "Data Science for Engineers", "--provider", "NPTEL", "--credits", "3", "--level", "5")
        cli.run("course", "add", "aws-cloud", "--title", "AWS Cloud Practitioner", "--provider", "AWS", "--hours", "30")
        cli.run("course", "add", "excel", "--title", "Excel Dashboards", "--due", "2026-12-20")
        let hindi = cli.run("course", "add", "da-basics", "--title", "डेटा एनालिटिक्स की बुनियाद", "--provider", "SWAYAM",
                            "--credits", "4", "--level", "5", "--mode", "online", "--category", "Data")
        #expect(hindi.code == 0, "\(hindi.err)")
        cli.environment["CREDSTACK_NOW"] = "2026-11-30T14:30:00Z"   // 20:00 in India
        #expect(cli.run("timer", "start", "nptel-ds4e").out.contains("Timer started on nptel-ds4e at 20:00"))

        // Tuesday 09:00: the timer was forgotten overnight. The dashboard asks when it really stopped.
        var tmux = try dashboard(cli, now: "2026-12-01T03:30:00Z")
        #expect(tmux.waitFor("Data Science for Engineers"), "\(tmux.screen)")
        tmux.send("t")
        #expect(tmux.waitFor("Timer on nptel-ds4e since Mon 30 Nov 20:00"), "\(tmux.screen)")
        expectWhole(tmux.screen, "it ran past your 12h limit: when did you stop? (Esc: it keeps running)")
        tmux.send("C-u")
        tmux.type("yesterday 21:30")
        tmux.send("Enter")
        #expect(tmux.waitFor("Logged 1h 30m on nptel-ds4e (from 20:00, session "), "\(tmux.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        tmux.kill()

        // Tuesday evening, from a shell: two back-to-back "just finished" logs do not overlap.
        cli.environment["CREDSTACK_NOW"] = "2026-12-01T14:30:00Z"
        #expect(cli.run("log", "45m", "aws-cloud").code == 0)
        let second = cli.run("log", "30m", "AWS Cloud Practitioner")
        #expect(second.code == 0 && second.out.contains("on aws-cloud"), "\(second.err)")
        let listed = cli.run("sessions").out
        #expect(listed.contains("Tue  1 Dec 19:15  45m") && listed.contains("Tue  1 Dec 18:45  30m"), "\(listed)")

        // Wednesday: a spreadsheet export with Indian dates.
        cli.environment["CREDSTACK_NOW"] = "2026-12-02T14:30:00Z"
        let csv = (cli.store as NSString).deletingLastPathComponent + "/study.csv"
        try "Date,Course,Minutes,Notes\n16/11/2026 6:30 PM,Excel Dashboards,45,pivot tables\n17/11/2026 7:00 PM,excel,30,\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = cli.run("import", "csv", csv)
        #expect(imported.code == 0 && imported.out.contains("Imported 2 sessions (1h 15m)"), "\(imported.out)\(imported.err)")
        #expect(cli.run("sessions", "--course", "excel").out.contains("Mon 16 Nov 18:30  45m"))

        // Thursday, in the dashboard: edit a session, follow a pathway, record and redeem a credential.
        tmux = try dashboard(cli, now: "2026-12-03T14:30:00Z")
        defer { tmux.kill() }
        #expect(tmux.waitFor("AWS Cloud Practitioner"), "\(tmux.screen)")
        tmux.send("/")
        tmux.type("aws")
        tmux.send("Enter")
        tmux.send("s")
        #expect(tmux.waitFor("Sessions: AWS Cloud Practitioner"), "\(tmux.screen)")
        #expect(tmux.screen.contains("Tue  1 Dec 2026 19:15  45m"), "the learner's own time:\n\(tmux.screen)")
        tmux.send("e")
        #expect(tmux.waitFor("Edit session"))
        tmux.send("Tab")
        tmux.send("C-u")
        tmux.type("50m")
        tmux.send("Enter")
        #expect(tmux.waitFor("Saved session"), "\(tmux.screen)")
        expectWhole(tmux.screen, "50m on aws-cloud from Tue 1 Dec 2026 19:15.")
        #expect(tmux.screen.contains("19:15  50m"), "back in the list, edited:\n\(tmux.screen)")
        tmux.send("Escape")
        tmux.send("Escape")

        tmux.send("p")
        #expect(tmux.waitFor("Follow a pathway"))
        tmux.type("certificate")
        tmux.send("Enter")
        #expect(tmux.waitFor("Following UG Certificate"), "\(tmux.screen)")
        #expect(tmux.waitFor("UG Certificate (NEP 2020)"))

        tmux.send("/")
        tmux.type("डेटा")
        tmux.send("Enter")
        tmux.send("c")
        #expect(tmux.waitFor("Credential for da-basics"), "\(tmux.screen)")
        #expect(tmux.screen.contains("SWAYAM"), "awarded by the provider, filled in")
        tmux.send("BTab")
        tmux.type("cert")
        tmux.send("Enter")
        #expect(tmux.waitFor("Recorded the credential for da-basics"), "\(tmux.screen)")
        #expect(tmux.screen.contains("redeemed for ug-certificate."), "the message in full, on two lines:\n\(tmux.screen)")
        let screen = tmux.screen
        #expect(!screen.contains("…"), "nothing cut off at 80x24:\n\(screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))

        // What the week left in the files, as the command line reads it back on Thursday.
        cli.environment["CREDSTACK_NOW"] = "2026-12-03T14:30:00Z"
        let course = cli.file("courses/da-basics.toml")
        #expect(course.contains("redeemed_for = \"ug-certificate\"") && course.contains("awarded_by = \"SWAYAM\""), "\(course)")
        let credits = cli.run("credits", "ug-certificate").out
        #expect(credits.contains("डेटा एनालिटिक्स की बुनियाद: 4 credits on the credential"), "\(credits)")
        let week = cli.run("week").out
        #expect(week.contains("2h 50m"), "1h 30m + 50m + 30m this week:\n\(week)")
    }
}
