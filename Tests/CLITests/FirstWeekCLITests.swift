import Foundation
import Testing

/// What a new learner types in their first week, and what timewarrior or Watson users expect of it.
@Suite struct FirstWeekCLITests {
    @Test func versionAndMistypedCommandsGetTheRightWords() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let version = cli.run(["--version"], withStore: false)
        #expect(version.code == 0 && version.out.hasPrefix("credstack ") && version.out.contains("(store format 2)"), "\(version.out)")
        cli.run("init")
        for (args, words) in [(["stats"], "credstack has no command \"stats\"; did you mean \"status\"?"),
                              (["course", "ad", "x"], "credstack course has no command \"ad\"; did you mean \"add\"?"),
                              (["timer", "begin", "x"], "credstack timer has no command \"begin\"; did you mean \"start\"?"),
                              (["sessions", "rm", "@1"], "did you mean \"remove\"?"),
                              (["xyzzy"], "credstack has no command \"xyzzy\"; `credstack --help` lists them")] {
            let r = cli.run(args)
            #expect(r.code == 64 && r.err.contains(words), "\(args): \(r.err)")
            #expect(!r.err.contains("Usage: credstack dashboard"), "not the usage of the command the word fell into")
        }
    }

    @Test func coursesByTitleOrInAnyCaseAndSuggestionsForTheRest() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "nptel-ds4e", "--title", "Data Science for Engineers")
        var r = cli.run("log", "30m", "NPTEL-DS4E", "--at", "08:00")
        #expect(r.code == 0 && r.out.contains("on nptel-ds4e"), "\(r.err)")
        r = cli.run("log", "20m", "data science for engineers", "--at", "07:00")
        #expect(r.code == 0 && r.out.contains("on nptel-ds4e"), "\(r.err)")
        r = cli.run("log", "20m", "nptel", "--at", "06:00")
        #expect(r.code == 64 && r.err.contains("did you mean \"nptel-ds4e\" (Data Science for Engineers)?"), "\(r.err)")
        #expect(cli.run("course", "show", "Data Science for Engineers").out.contains("nptel-ds4e"))
        #expect(cli.file("sessions.log").components(separatedBy: " nptel-ds4e #").count == 3, "two sessions, both on the id")
        // A session logged on a course marked completed says so.
        cli.run("course", "edit", "nptel-ds4e", "--status", "completed")
        r = cli.run("log", "10m", "nptel-ds4e", "--at", "05:00")
        #expect(r.code == 0 && r.out.contains("Note: nptel-ds4e is marked completed."), "\(r.out)")
    }

    @Test func aTimerPastTheLearnersLimitNeedsTheRealEnd() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "sql", "--title", "SQL")
        #expect(cli.run("profile").out.contains("timer limit   12h"))
        cli.run("timer", "start", "sql", "--at", "yesterday 20:00")
        // Not at a terminal (a script): refused, nothing logged, the timer runs on.
        var r = cli.run("timer", "stop")
        #expect(r.code == 1 && r.err.contains("longer than your 12h limit") && r.err.contains("timer stop --at"), "\(r.err)")
        #expect(!cli.run("sessions").out.contains("20:00") && cli.run("timer").out.contains("sql"))
        r = cli.run("timer", "switch", "sql")
        #expect(r.code == 1 && r.err.contains("longer than your 12h limit"), "a switch would log it up to now too: \(r.err)")
        r = cli.run("timer", "stop", "--at", "yesterday 21:30")
        #expect(r.code == 0 && r.out.contains("Logged 1h 30m"), "\(r.err)")
        // The limit is the learner's: 45m here, so an hour and a half asks too; bad limits say the bounds.
        #expect(cli.run("profile", "set", "--timer-limit", "45m").code == 0)
        #expect(cli.file("profile.toml").contains("timer_limit_minutes = 45"))
        cli.run("timer", "start", "sql", "--at", "08:30")
        #expect(cli.run("timer", "stop").err.contains("longer than your 45m limit"))
        for bad in ["0", "25h", "soon"] {
            r = cli.run("profile", "set", "--timer-limit", bad)
            #expect(r.code == 64 && r.err.contains("--timer-limit"), "\(bad): \(r.err)")
        }
    }

    @Test func theAnswerStopsTheTimerThatWasAskedAbout() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "sql", "--title", "SQL")
        cli.run("course", "add", "hindi", "--title", "हिंदी")
        // Left running for more than a day: at a terminal, asked like any timer past the limit.
        cli.run("timer", "start", "sql", "--at", "2026-11-28 20:00")
        var env = cli.environment
        env["TERM"] = "xterm-256color"
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) --store \(cli.store) timer stop", environment: env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("When did you stop?"), "\(tmux.screen)")
        #expect(tmux.screen.contains("has run 38h since Sat 28 Nov 20:00, longer than your 12h limit."), "\(tmux.screen)")
        // Meanwhile another terminal cancels it and starts another: the answer must not log that one.
        cli.run("timer", "cancel")
        cli.environment["CREDSTACK_NOW"] = "2026-11-30T10:00:00Z"
        cli.run("timer", "start", "hindi", "--at", "06:00")
        tmux.type("08:00")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXITED rc=1"), "\(tmux.screen)")
        #expect(tmux.screen.contains("changed elsewhere") || tmux.screen.contains("stopped elsewhere"), "\(tmux.screen)")
        #expect(!cli.run("sessions").out.contains("hindi") && cli.run("timer").out.contains("hindi"), "the other timer runs on, nothing logged")
    }

    @Test func messagesForTheOddInputsOfAFirstWeek() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init", "--time-zone", "America/New_York")
        cli.run("course", "add", "a", "--title", "A")
        // A clock time the day skips is refused, not moved an hour.
        var r = cli.run("log", "30m", "a", "--at", "2026-03-08 02:30")
        #expect(r.code == 64 && r.err.contains("02:30 does not exist on 2026-03-08 in America/New_York"), "\(r.err)")
        // Sessions from another year say their year.
        cli.run("log", "30m", "a", "--at", "2025-12-31 20:00")
        cli.run("log", "30m", "a", "--at", "2026-11-29 20:00")
        r = cli.run("sessions")
        #expect(r.out.contains("Wed 31 Dec 2025 20:00") && r.out.contains("Sun 29 Nov 2026 20:00"), "\(r.out)")
        // Too short to name a session; a store path that is a file.
        r = cli.run("sessions", "remove", "ab")
        #expect(r.code == 64 && r.err.contains("too short to name a session"), "\(r.err)")
        let file = (cli.store as NSString).deletingLastPathComponent + "/a-file"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        r = cli.run(["--store", file, "status"], withStore: false)
        #expect(r.code == 66 && r.err.contains("is a file, not a store folder"), "\(r.err)")
        // Whole minutes for the timer limit.
        #expect(cli.run("profile", "set", "--timer-limit", "90s").err.contains("whole minutes"))
    }

    /// `TZ` in every POSIX form of a named zone is the machine's zone (a profile without its own uses it).
    @Test(arguments: [":Asia/Kolkata", "/usr/share/zoneinfo/Asia/Kolkata", "Asia/Kolkata"])
    func theMachinesZoneInEveryFormOfTZ(tz: String) {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = tz
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        #expect(cli.run("profile").out.contains("machine's (Asia/Kolkata)"), "\(tz)")
        cli.run("log", "30m", "a", "--at", "2026-11-29 20:00")
        #expect(cli.file("sessions.log").contains("2026-11-29T20:00+05:30 30m a"), "\(tz): \(cli.file("sessions.log"))")
    }

    @Test func timerContinueAndATimerStoppedAtOnce() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "sql", "--title", "SQL")
        #expect(cli.run("timer", "continue").err.contains("no session logged yet"))
        cli.run("log", "30m", "sql", "--at", "08:00", "--note", "joins")
        var r = cli.run("timer", "continue")
        #expect(r.code == 0 && r.out.contains("Timer started on sql"), "\(r.err)")
        #expect(cli.file("timer.toml").contains("course = \"sql\"") && cli.file("timer.toml").contains("note = \"joins\""))
        // Stopped the same second: not study, nothing logged, no error.
        r = cli.run("timer", "stop")
        #expect(r.code == 0 && r.out.contains("under a minute: nothing logged"), "\(r.out) \(r.err)")
        // The session that ended last, not the one that started last: a long one with a short one inside it.
        cli.run("course", "add", "py", "--title", "Python")
        #expect(cli.run("log", "4h", "sql", "--at", "05:00", "--note", "long", "--allow-overlap").code == 0)
        #expect(cli.run("log", "30m", "py", "--at", "06:00", "--note", "inside", "--allow-overlap").code == 0)
        r = cli.run("timer", "continue")
        #expect(r.code == 0 && cli.file("timer.toml").contains("course = \"sql\"") && cli.file("timer.toml").contains("note = \"long\""), "\(r.out) \(r.err)")
    }

    /// `status` is for screen readers and scripts: piped, no title is cut.
    @Test func statusKeepsWholeTitlesWhenPiped() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        let title = "Introduction to Machine Learning for Working Professionals (Weekend Batch)"
        cli.run("course", "add", "ml", "--title", title)
        #expect(cli.run("status").out.contains(title))
        #expect(cli.run("course", "list").out.contains(title))
    }

    /// `report --by` a day, week, month or course, or a period and course, between two dates: figures a
    /// learner can add up from the sessions themselves.
    @Test func reportsByDayMonthAndCourseWithinDates() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        cli.run("course", "add", "b", "--title", "B")
        // 30 Oct 23:30 for 1h crosses into 31 Oct; 2 Nov; 30 Nov twice.
        for (d, c, at) in [("1h", "a", "2026-10-30 23:30"), ("45m", "b", "2026-11-02 08:00"), ("30m", "a", "2026-11-30 07:00"), ("15m", "b", "2026-11-30 08:00")] {
            #expect(cli.run("log", d, c, "--at", at).code == 0)
        }
        var r = cli.run("report", "--by", "month", "--format", "tsv")
        #expect(r.out == "month\tseconds\n2026-10\t3600\n2026-11\t5400\n", "\(r.out)")
        r = cli.run("report", "--by", "day,course", "--format", "tsv", "--from", "2026-10-31", "--to", "2026-11-02")
        #expect(r.out == "day\tcourse\tseconds\n2026-10-31\ta\t1800\n2026-11-02\tb\t2700\n", "\(r.out)")
        r = cli.run("report", "--by", "course", "--format", "tsv")
        #expect(r.out == "course\tseconds\na\t5400\nb\t3600\n", "\(r.out)")
        r = cli.run("report", "--by", "week", "--from", "2026-11-01")
        #expect(r.out.contains("2026-11-02  45m") && r.out.contains("2026-11-30  45m") && r.out.contains("3 sessions, 1h 30m in all (from 2026-11-01)"), "\(r.out)")
        // The same figures as CSV and JSON.
        r = cli.run("report", "--by", "month,course", "--format", "csv")
        #expect(r.out == "month,course,seconds\n2026-10,a,3600\n2026-11,a,1800\n2026-11,b,3600\n", "\(r.out)")
        r = cli.run("report", "--by", "week", "--format", "json", "--from", "2026-11-01")
        #expect(r.out == """
        {"by": "week", "from": "2026-11-01", "sessions": 3, "seconds": 5400, "rows": [
          {"week": "2026-11-02", "seconds": 2700},
          {"week": "2026-11-30", "seconds": 2700}
        ]}

        """, "\(r.out)")
        let parsed = try? JSONSerialization.jsonObject(with: Data(cli.run("report", "--format", "json").out.utf8)) as? [String: Any]
        #expect((parsed?["rows"] as? [[String: Any]])?.count == 4, "valid JSON")
        r = cli.run("report", "--by", "week,course", "--to", "2026-11-02")
        #expect(r.out == "Week of     Course              Time\n2026-10-26  a                   1h\n2026-11-02  b                   45m\n2 sessions, 1h 45m in all (through 2026-11-02)\n", "\(r.out)")
        #expect(cli.run("report", "--by", "year").code == 64)
        #expect(cli.run("report", "--by", "week,month").code == 64)
        #expect(cli.run("report", "--from", "2026-11-30", "--to", "2026-11-01").err.contains("is before --from"))
    }
}
