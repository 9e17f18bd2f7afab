import Foundation
import Testing

/// Drives the real binary in a real terminal (tmux), as a learner would, and reads the screen.
@Suite(.serialized) struct DashboardEndToEndTests {
    static let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(),
                      "CREDSTACK_NOW": "2026-12-02T18:30:00Z", "PATH": "/usr/bin:/bin"]

    @Test func demoSessionAddLogResizeQuit() throws {
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) demo --keep", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("1 Courses (10)"), "dashboard did not open:\n\(tmux.screen)")
        #expect(tmux.screen.contains("डेटा"))
        #expect(tmux.screen.contains("45m of 5h (15%)"))

        // Move between panes: the focused pane's title is the one the key bar talks about.
        tmux.send("Tab")
        #expect(tmux.waitFor("prev week"))
        tmux.send("3")
        tmux.send("1")
        #expect(tmux.waitFor("Enter open"))

        // Add a course through the form, with one mistake first.
        tmux.send("a")
        #expect(tmux.waitFor("Add a course"))
        tmux.type("gcp-ace")
        tmux.send("Tab")
        tmux.type("Google Cloud Associate Engineer")
        for _ in 0..<7 { tmux.send("Tab") }
        tmux.type("31/12/2026")
        tmux.send("Enter")
        #expect(tmux.waitFor("✗ expected YYYY-MM-DD"), "no inline error:\n\(tmux.screen)")
        tmux.send("C-u")
        tmux.type("2026-12-31")
        tmux.send("Enter")
        #expect(tmux.waitFor("Added gcp-ace: Google Cloud"), "not added:\n\(tmux.screen)")
        #expect(tmux.screen.contains("Google Cloud Associate Engineer"))

        // Log 30 minutes on it and see the week total move from 45m to 1h 15m.
        tmux.send("l")
        #expect(tmux.waitFor("Log study time"))
        tmux.type("30m")
        tmux.send("Enter")
        #expect(tmux.waitFor("Logged 30m on gcp-ace (session "), "not logged:\n\(tmux.screen)")
        #expect(tmux.waitFor("1h 15m of 5h (25%)"), "week total did not change:\n\(tmux.screen)")

        // Its sessions are read when a window lists them: the detail counts them, `s` lists them.
        tmux.send("Enter")
        #expect(tmux.waitFor("Sessions: 1, 30m in all"), "no session count:\n\(tmux.screen)")
        tmux.send("Escape")
        tmux.send("s")
        #expect(tmux.waitFor("Sessions: Google Cloud"), "no session list:\n\(tmux.screen)")
        #expect(tmux.screen.range(of: #"[0-9a-z]{8}  Wed  2 Dec 2026 18:00  30m"#, options: .regularExpression) != nil, "\(tmux.screen)")
        tmux.send("Escape")

        // Resize to 80x24 and back: still readable, nothing lost.
        tmux.resize(width: 80, height: 24)
        #expect(tmux.waitFor("1h 15m of 5h (25%)"))
        let small = tmux.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(small.contains { $0.hasPrefix("╭─ 2 This week") })
        #expect(small.contains { $0.contains("3 Credits") })
        tmux.resize(width: 40, height: 12)
        #expect(tmux.waitFor("Terminal too small"))
        // A burst of resizes with no pause between them, as a window being dragged sends.
        for (w, h) in [(200, 60), (61, 20), (2, 2), (150, 45), (80, 24), (300, 100), (59, 19), (120, 40), (10, 5), (97, 33)] {
            tmux.resize(width: w, height: h)
        }
        tmux.resize(width: 100, height: 30)
        #expect(tmux.waitFor("1 Courses (11)"), "not redrawn after the burst:\n\(tmux.screen)")

        // Quit: the program exits 0 and the terminal is back to the shell's normal screen.
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"), "did not exit cleanly:\n\(tmux.screen)")
        #expect(!tmux.screen.contains("1 Courses"), "dashboard left on screen")
        #expect(tmux.display("#{alternate_on}") == "0")
        #expect(tmux.display("#{cursor_flag}") == "1")

        // The files hold the new data.
        let line = try #require(tmux.screen.split(separator: "\n").first { $0.hasPrefix("Demo store kept at ") })
        let dir = String(line.dropFirst("Demo store kept at ".count))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let course = try String(contentsOfFile: dir + "/courses/gcp-ace.toml", encoding: .utf8)
        #expect(course.contains("due = 2026-12-31"))
        let log = try String(contentsOfFile: dir + "/sessions.log", encoding: .utf8)
        #expect(log.range(of: #"2026-12-02T18:00Z 30m gcp-ace #[0-9a-z]{8}\n"#, options: .regularExpression) != nil, "\(log)")
    }

    @Test func timerStartedInTheDashboardIsSeenByTheCLIAndOutlivesIt() throws {
        let cli = CLIRunner(now: "2026-12-02T18:30:00Z")
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Asha")
        cli.run("course", "add", "sec", "--title", "Security basics")
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics"))
        tmux.send("t")
        #expect(tmux.waitFor("Timer started on sec"), "\(tmux.screen)")
        #expect(cli.run("timer", "status").out.contains("Timer running on sec"))

        // Another terminal logs time: the dashboard shows it within a few seconds, without a key press.
        #expect(cli.run("log", "1h", "sec", "--at", "08:00").code == 0)
        #expect(tmux.waitFor("1h of 5h (20%)", seconds: 15), "outside change not picked up:\n\(tmux.screen)")

        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        #expect(cli.file("timer.toml").contains("course = \"sec\""), "the timer must survive quitting")
    }

    @Test func anEditNeverOverwritesAChangeMadeElsewhere() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics"))
        tmux.send("e")
        #expect(tmux.waitFor("Edit sec"))
        // Meanwhile, another terminal renames the course.
        #expect(cli.run("course", "edit", "sec", "--title", "Security from the CLI").code == 0)
        tmux.send("C-u")
        tmux.type("Security from the dashboard")
        tmux.send("Enter")
        #expect(tmux.waitFor("changed elsewhere meanwhile"), "\(tmux.screen)")
        #expect(tmux.screen.contains("curity from the dashboard▏"), "what was typed is kept on the new version")
        #expect(tmux.screen.contains("Your changes are kept on the new version"))
        #expect(cli.file("courses/sec.toml").contains("title = \"Security from the CLI\""))
        tmux.send("Escape")
        #expect(tmux.waitFor("Security from the CLI"), "the dashboard shows what is on disk:\n\(tmux.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
    }

    @Test func aPathwayAddedFromTheCLIShowsInTheCreditsPaneWithItsBreakdown() throws {
        let cli = CLIRunner(now: "2026-12-02T18:30:00Z")
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Asha")
        cli.run("course", "add", "voc", "--title", "Retail Internship", "--category", "Vocational", "--mode", "on-site", "--hours", "135", "--level", "5")
        cli.run("credential", "add", "voc", "--by", "Skill India", "--issued", "2026-10-01")
        let tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Retail Internship"))
        #expect(cli.run("pathway", "add", "--template", "ug-certificate").code == 0)
        #expect(tmux.waitFor("UG Certificate (NEP 2020)", seconds: 15), "new pathway not picked up:\n\(tmux.screen)")
        #expect(tmux.screen.contains("4/44"))
        tmux.send("3")
        tmux.send("Enter")
        #expect(tmux.waitFor("Retail Internship: 135 h / 30 h per credit"), "no breakdown:\n\(tmux.screen)")
        #expect(tmux.screen.contains("met   At least 4 in Vocational (from Vocational, Internship,") && tmux.screen.contains("Apprenticeship): 4"), "\(tmux.screen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Enter breakdown"))
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
    }

    @Test func mouseIsOptInAndClicksSelectInTheRealTerminal() throws {
        // Off by default: the terminal keeps its own text selection.
        var tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) demo", environment: Self.env)
        #expect(tmux.waitFor("1 Courses (10)"))
        #expect(tmux.display("#{mouse_any_flag}") == "0")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        tmux.kill()

        tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) demo --mouse", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("1 Courses (10)"))
        #expect(tmux.display("#{mouse_any_flag}") == "1")
        // What a terminal sends for a left press and release on column 11, row 5 (SGR encoding, 1-based):
        // the second course row.
        tmux.type("\u{1B}[<0;11;5M")
        tmux.type("\u{1B}[<0;11;5m")
        tmux.send("Enter")
        #expect(tmux.waitFor("Id            sec-ops"), "click did not select:\n\(tmux.screen)")
        tmux.send("Escape")
        // Wheel down over the course list moves the selection one row.
        tmux.type("\u{1B}[<65;11;5M")
        tmux.send("Enter")
        #expect(tmux.waitFor("Id            data-foundations"), "wheel did not move:\n\(tmux.screen)")
        tmux.send("Escape")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        #expect(tmux.display("#{mouse_any_flag}") == "0", "mouse reporting left on after quitting")

        // Or once and for all, in the profile.
        let cli = CLIRunner(now: "2026-12-02T18:30:00Z")
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "sec", "--title", "Security basics")
        #expect(cli.run("profile", "set", "--mouse", "on").code == 0)
        #expect(cli.run("profile").out.contains("mouse         on"))
        let fromProfile = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { fromProfile.kill() }
        #expect(fromProfile.waitFor("Security basics"))
        #expect(fromProfile.display("#{mouse_any_flag}") == "1")
        #expect(cli.run("profile", "set", "--mouse", "maybe").code == 64)
    }

    @Test func emptyStoreShowsTheWelcome() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Ravi")
        let tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Welcome to credstack, Ravi!"))
        #expect(tmux.screen.contains("a   add your first course"))
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
    }

    @Test func aMalformedStoreShowsTheErrorScreenAndKeepsTheFile() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        let broken = cli.file("profile.toml").replacingOccurrences(of: "weekly_goal_minutes = 300", with: "weekly_goal_minutes = \"5h\"")
        try broken.write(toFile: cli.store + "/profile.toml", atomically: false, encoding: .utf8)
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: Self.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("The store could not be read"))
        #expect(tmux.screen.contains("profile.toml:5:23"), "\(tmux.screen)")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        #expect(cli.file("profile.toml") == broken)
    }
}

/// Every way out restores the terminal: q, Ctrl-C, SIGTERM and SIGHUP (what an SSH drop sends).
@Suite(.serialized) struct DashboardExitTests {
    /// A store with one course, "Security basics" (id sec).
    static func storeWithOneCourse() -> CLIRunner {
        let cli = CLIRunner()
        cli.run("init")
        cli.run("course", "add", "sec", "--title", "Security basics")
        return cli
    }

    @Test(arguments: [("C-c", 130), ("TERM", 143), ("HUP", 129), ("QUIT", 131), ("USR1", 138), ("USR2", 140), ("ALRM", 142)])
    func signalsRestoreTheTerminalAndKeepTheTimer(_ how: String, _ exitCode: Int) throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        let tmux = try Tmux(width: 90, height: 26, command: "\(CLIRunner.binary) --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics"))
        tmux.send("t")
        #expect(tmux.waitFor("Timer started on sec"))
        if how == "C-c" {
            tmux.send("C-c")
        } else {
            let pid = tmux.display("#{pane_pid}")
            // The dashboard is the shell's child in the pane.
            #expect(Tmux.shell("pkill -\(how) -P \(pid) -f credstack"))
        }
        #expect(tmux.waitFor("EXITED rc=\(exitCode)", seconds: 5), "\(how): did not exit as expected:\n\(tmux.screen)")
        #expect(!tmux.screen.contains("Security basics"))
        #expect(tmux.display("#{alternate_on}") == "0")
        #expect(tmux.display("#{cursor_flag}") == "1")
        #expect(cli.file("timer.toml").contains("course = \"sec\""))
    }
}

extension DashboardExitTests {
    /// SIGPIPE is ignored, so it can never end the dashboard with the terminal left raw: the dashboard goes on
    /// drawing and `q` still restores the terminal.
    @Test func sigpipeLeavesTheDashboardRunning() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        let tmux = try Tmux(width: 90, height: 26, command: "\(CLIRunner.binary) --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics"))
        #expect(Tmux.shell("pkill -PIPE -P \(tmux.display("#{pane_pid}")) -f credstack"))
        tmux.send("?")
        #expect(tmux.waitFor("this help"), "still drawing after SIGPIPE:\n\(tmux.screen)")
        tmux.send("Escape")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0", seconds: 5), "\(tmux.screen)")
        #expect(tmux.display("#{alternate_on}") == "0" && tmux.display("#{cursor_flag}") == "1")
    }

    /// A crash (here a SIGSEGV from outside) puts the terminal back before the crash report prints.
    @Test func aCrashRestoresTheTerminalBeforeTheBacktrace() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        var env = DashboardEndToEndTests.env
        env["SWIFT_BACKTRACE"] = "interactive=no,registers=none,images=none,threads=crashed"
        let tmux = try Tmux(width: 90, height: 26, command: "\(CLIRunner.binary) --store \(cli.store)", environment: env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics"))
        #expect(Tmux.shell("kill -SEGV $(pgrep -P \(tmux.display("#{pane_pid}")) credstack)"))
        #expect(tmux.waitFor("EXITED rc=139", seconds: 15), "\(tmux.screen)")
        #expect(tmux.display("#{alternate_on}") == "0")
        #expect(tmux.display("#{cursor_flag}") == "1")
        // Swift's own report (not the shell's "Segmentation fault" line, which repeats the environment).
        #expect(tmux.waitFor("Program crashed", seconds: 5), "the report shows on the normal screen:\n\(tmux.screen)")
        #expect(tmux.screen.contains("Thread 0 \"credstack\" crashed"))
        #expect(!tmux.screen.contains("Security basics"))
    }

    /// Ctrl-Z gives the shell back with the terminal restored; fg brings the dashboard back, redrawn.
    @Test func ctrlZSuspendsAndFgResumes() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        var env = DashboardEndToEndTests.env
        env["PS1"] = "shell$ "
        let tmux = try Tmux(width: 90, height: 26, command: "bash --norc --noprofile -i", environment: env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("shell$"))
        tmux.type("\(CLIRunner.binary) --store \(cli.store)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Security basics"))
        tmux.send("C-z")
        #expect(tmux.waitFor("Stopped"), "\(tmux.screen)")
        #expect(tmux.display("#{alternate_on}") == "0")
        #expect(tmux.display("#{cursor_flag}") == "1")
        tmux.type("fg")
        tmux.send("Enter")
        #expect(tmux.waitFor("1 Courses (1)"), "not redrawn after fg:\n\(tmux.screen)")
        #expect(tmux.screen.contains("Security basics"))
        tmux.send("q")
        #expect(tmux.waitFor("shell$"))
        #expect(tmux.display("#{alternate_on}") == "0")
    }
}
