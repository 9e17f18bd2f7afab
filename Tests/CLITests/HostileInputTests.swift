import Foundation
import Testing

/// What a hostile or unlucky learner can throw at credstack: every answer is a message, never a crash, a
/// hang, a frozen terminal or a raw escape.
@Suite(.serialized) struct HostileInputTests {
    static let crashCodes: Set<Int32> = [132, 133, 134, 135, 136, 139]

    /// Another process holding the store's lock, as a script using flock(1) would.
    static func holdLock(_ store: String, seconds: Int) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [store + "/.lock", "sleep", "\(seconds)"]
        try holder.run()
        return holder
    }

    @Test func absurdInputsGetMessagesNotCrashes() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(cli.run("init", "--goal", "99999999999999999999h").code == 64)
        #expect(cli.run("init").code == 0)
        cli.run("course", "add", "a", "--title", "A", "--level", "5")
        let cases: [[String]] = [
            ["sessions", "remove", "1"], ["sessions", "remove", "@1"], ["sessions", "edit", "@1", "--note", "x"],
            ["log", "99999999999999999999h", "a"], ["log", "1e300m", "a"], ["log", "9999999999999999:00", "a"],
            ["profile", "set", "--goal", "99999999999h"], ["profile", "set", "--goal", "-5"],
            ["course", "edit", "a", "--credits", "1e999"], ["course", "edit", "a", "--hours", "NaN"], ["course", "edit", "a", "--modules", "99999999999999999999/1"],
            ["course", "edit", "a", "--due", "10000-01-01"], ["course", "edit", "a", "--due", "0000-01-01"],
            ["log", "45m", "a", "--at", "0001-01-01 00:00"], ["week", "--ago", "99999999999999999999"],
            ["credential", "add", "a", "--by", "X", "--issued", "99999-01-01"], ["timer", "stop", "--at", "99:99"],
        ]
        for args in cases {
            let r = cli.run(args)
            #expect(!Self.crashCodes.contains(r.code), "\(args): crashed (\(r.code)) \(r.err)")
            #expect(r.code != 0 || args == ["log", "45m", "a", "--at", "0001-01-01 00:00"], "\(args) was accepted: \(r.out)")
            #expect(!r.err.isEmpty || r.code == 0, "\(args): no message")
        }
        // A credential issued in 9999 under a pathway with a shelf life; a due date of tomorrow on 9999-12-31.
        cli.run("pathway", "add", "--template", "ug-certificate")
        #expect(cli.run("credential", "add", "a", "--by", "X", "--issued", "9999-12-30").code == 0)
        for args in [["status"], ["credits"], ["credits", "ug-certificate"], ["export", "transcript"]] {
            let r = cli.run(args)
            #expect(r.code == 0, "\(args): \(r.code) \(r.err)")
        }
        cli.environment["CREDSTACK_NOW"] = "9999-12-31T10:00:00Z"
        let r = cli.run("course", "edit", "a", "--due", "tomorrow")
        #expect(r.code == 64 && r.err.contains("dates run from 0001-01-01 to 9999-12-31"), "\(r.err)")
        #expect(cli.run("status").code == 0, "the store still reads")
    }

    /// Every subcommand, with stdout a terminal (script(1)) and hostile text in every field a record holds.
    @Test func noRawControlByteReachesATerminal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let evil = "\u{1B}]0;pwned\u{07}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[31m\u{9B}2J\u{7F}\u{202E}x\u{2066}"
        cli.run("init", "--name", "N" + evil)
        cli.run("course", "add", "c", "--title", "T" + evil, "--provider", "P" + evil, "--skills", "S" + evil, "--category", "C" + evil, "--about", "A" + evil)
        cli.run("log", "30m", "c", "--at", "08:00", "--note", "n" + evil)
        cli.run("credential", "add", "c", "--by", "B" + evil, "--issued", "2026-11-01", "--grade", "G" + evil)
        cli.run("pathway", "add", "--template", "ug-certificate", "--name", "W" + evil)
        try "course = \"c\"\nstarted = 2026-11-30T09:00:00Z\nnote = \"t\(evil.replacingOccurrences(of: "\u{1B}", with: "\\u001B").replacingOccurrences(of: "\u{07}", with: "\\u0007"))\"\n"
            .write(toFile: cli.store + "/timer.toml", atomically: false, encoding: .utf8)
        let commands = ["status", "week", "course list", "course show c", "sessions", "timer status", "credits", "pathway list",
                        "profile show", "export sessions --format csv", "export courses --format csv", "export --format json",
                        "export transcript --format md", "export transcript --format json", "export calendar --format ics",
                        "report --by week,course", "report --format tsv", "course show nope", "log 5m nope", "demo --print"]
        let forbidden: [[UInt8]] = [[0x1B], [0x07], [0x7F], [0xC2, 0x9B], [0xE2, 0x80, 0xAE], [0xE2, 0x81, 0xA6]]
        let typescript = (cli.store as NSString).deletingLastPathComponent + "/typescript"
        // What the argument parser says quotes what was typed: escaped too.
        for args in [["status", "--bogus" + evil], [evil], ["export", "--format", evil], ["week", "--ago", evil], ["course", "edit", "c", "--mode", evil]] {
            let r = cli.run(args)
            #expect(r.code == 64, "\(args): \(r.code)")
            for seq in forbidden { #expect(!EscapeInjectionTests.contains(Array(r.err.utf8) + Array(r.out.utf8), seq), "\(args): raw \(seq)") }
        }
        // Last, with a timer file whose course is itself hostile: refused on load, and the error is as clean.
        let hostileTimer = "course = \"c\\u001B]0;x\\u0007\\u009B\"\nstarted = 2026-11-30T09:00:00Z\n"
        for command in commands + ["timer cancel", "-timer", "status", "timer status", "timer cancel"] {
            if command == "-timer" { try hostileTimer.write(toFile: cli.store + "/timer.toml", atomically: false, encoding: .utf8); continue }
            let line = "\(CLIRunner.binary) \(command) --store \(cli.store)"
            #expect(Tmux.shell("env -i PATH=/usr/bin:/bin TZ=UTC LANG=C.UTF-8 CREDSTACK_NOW=2026-11-30T10:00:00Z script -qec '\(line)' \(typescript) >/dev/null 2>&1"))
            let bytes = [UInt8](FileManager.default.contents(atPath: typescript) ?? Data())
            #expect(!bytes.isEmpty, "\(command): no output")
            // script(1) writes its own header line; the program's bytes follow it.
            var body = Array(bytes.drop { $0 != 10 }.dropFirst())
            // Text for people is escaped through a pipe too (`| less -R`, a file someone will `cat`); only
            // machine formats keep their bytes exact when they do not go to a terminal.
            if !command.hasPrefix("export") && !command.contains("--format") {
                let piped = cli.run(command.split(separator: " ").map(String.init))
                body += Array(piped.out.utf8) + Array(piped.err.utf8)
            }
            for seq in forbidden {
                let found = EscapeInjectionTests.contains(body, seq)
                #expect(!found, "\(command): raw \(seq) on the terminal")
            }
        }
    }

    @Test func machineFormatsStayExactButSafe() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "c", "--title", "=HYPERLINK(\"http://x\")")
        cli.run("log", "30m", "c", "--at", "08:00", "--note", "+cmd|' /C calc'!A0 \u{9B}\u{202E}")
        cli.run("log", "20m", "c", "--at", "07:00", "--note", "'=already quoted")
        // JSON: C1 and bidi escaped, the value unchanged once decoded.
        let json = cli.run("export", "--format", "json").out
        #expect(json.contains("\\u009B\\u202E") && !json.unicodeScalars.contains("\u{9B}"), "\(json)")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let notes = (decoded["sessions"] as! [[String: Any]]).compactMap { $0["note"] as? String }
        #expect(notes.contains("+cmd|' /C calc'!A0 \u{9B}\u{202E}"))
        // CSV: no cell starts a formula; the import reads every cell back exactly.
        let dir = (cli.store as NSString).deletingLastPathComponent
        #expect(cli.run("export", "sessions", "--format", "csv", "--output", dir + "/out.csv").code == 0)
        let csv = try String(contentsOfFile: dir + "/out.csv", encoding: .utf8)
        #expect(csv.contains(",\"'=HYPERLINK(") && csv.contains(",'+cmd|") && csv.contains(",''=already quoted"), "\(csv)")
        #expect(csv.contains(",+00:00,"), "an offset credstack wrote is not a formula: \(csv)")
        let other = CLIRunner(store: dir + "/other")
        other.run("init")
        #expect(other.run("import", "csv", dir + "/out.csv").code == 0)
        #expect(other.file("sessions.log") == cli.file("sessions.log"), "exact round trip")
        #expect(other.run("course", "show", "c").out.contains("=HYPERLINK(\"http://x\")"))
    }

    @Test func aCommandWaitingForTheLockSaysWhoHoldsItAndCanBeInterrupted() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        let holder = try Self.holdLock(cli.store, seconds: 2)
        usleep(200_000)
        let r = cli.run("log", "5m", "sec")
        holder.waitUntilExit()
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("waiting for the store lock held by process") && r.err.contains("Ctrl-C to give up"), "\(r.err)")
        // Ctrl-C while waiting, in a terminal: it gives up at once and writes nothing.
        let before = cli.files()
        let locker = try Self.holdLock(cli.store, seconds: 30)
        defer { locker.terminate() }
        usleep(200_000)
        let tmux = try Tmux(width: 100, height: 10, command: "\(CLIRunner.binary) log 5m sec --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Ctrl-C to give up", seconds: 5), "\(tmux.screen)")
        // What Ctrl-C sends (the pane's shell would take a typed one too, and never say how the command ended).
        #expect(Tmux.shell("pkill -INT -P \(tmux.display("#{pane_pid}")) -f credstack"))
        #expect(tmux.waitFor("EXITED rc=130", seconds: 3), "\(tmux.screen)")
        #expect(cli.files() == before, "nothing written")
        // Ctrl-\\ ends it the same way (not with a crash report, carrying on to save).
        let quit = try Tmux(width: 100, height: 10, command: "\(CLIRunner.binary) log 5m sec --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { quit.kill() }
        #expect(quit.waitFor("Ctrl-C to give up", seconds: 5), "\(quit.screen)")
        #expect(Tmux.shell("pkill -QUIT -P \(quit.display("#{pane_pid}")) -f credstack"))
        #expect(quit.waitFor("EXITED rc=131", seconds: 3), "\(quit.screen)")
        #expect(!quit.screen.contains("crashed"), "\(quit.screen)")
        #expect(cli.files() == before, "nothing written")
    }

    /// Output that cannot be written (a full disk, a file size limit) is an error with a message, never a
    /// crash; a change already saved stays saved once.
    @Test func outputThatCannotBeWrittenIsAnErrorNotACrash() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        let dir = (cli.store as NSString).deletingLastPathComponent
        func sh(_ script: String) -> (code: Int32, err: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script, CLIRunner.binary, cli.store, dir]
            p.environment = cli.environment
            let err = Pipe()
            p.standardError = err
            try? p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: e, as: UTF8.self))
        }
        var r = sh("\"$0\" status --store \"$1\" > /dev/full")
        #expect(r.code == 74 && r.err.contains("cannot write the output: the disk is full"), "\(r)")
        r = sh("\"$0\" export --format csv --store \"$1\" > /dev/full")
        #expect(r.code == 74 && r.err.contains("the disk is full"), "\(r)")
        r = sh("\"$0\" log 5m nope --store \"$1\" 2> /dev/full")
        #expect(r.code == 74, "\(r)")
        try Data(repeating: 0, count: 4096).write(to: URL(fileURLWithPath: dir + "/out.log"))
        r = sh("ulimit -f 1; \"$0\" log 5m sec --store \"$1\" >> \"$2/out.log\"")
        #expect(r.code == 74 && r.err.contains("the file size limit was reached"), "\(r)")
        #expect(cli.file("sessions.log").components(separatedBy: " 5m sec #").count == 2, "logged once")
        r = sh("ulimit -f 0; \"$0\" export --format json --output \"$2/x.json\" --store \"$1\"")
        #expect(r.code == 74 && r.err.contains("the file size limit was reached") && !FileManager.default.fileExists(atPath: dir + "/x.json"), "\(r)")
    }

    @Test func theDashboardNeverWaitsOnALockOrADevice() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        // A theme that is a terminal device: refused at once, the default theme used.
        #expect(cli.run("profile", "set", "--theme", "/dev/tty").code == 0)
        let holder = try Self.holdLock(cli.store, seconds: 30)
        defer { holder.terminate() }
        usleep(200_000)
        let tmux = try Tmux(width: 100, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("the store is busy", seconds: 10), "\(tmux.screen)")
        let pid = tmux.display("#{pane_pid}")
        let sent = Date()
        #expect(Tmux.shell("pkill -TERM -P \(pid) -f credstack"))
        #expect(tmux.waitFor("EXITED rc=143", seconds: 5), "\(tmux.screen)")
        let took = Date().timeIntervalSince(sent)
        #expect(took < 1.0, "ended within a second (\(took) s, tmux polled every 50 ms)")
        print("lock-held dashboard: SIGTERM to exit \(Int(took * 1000)) ms")
        #expect(tmux.display("#{alternate_on}") == "0" && tmux.display("#{cursor_flag}") == "1")
    }

    @Test func theDashboardLoadsOnceTheLockIsFreeAndSaysWhyATheme() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        #expect(cli.run("profile", "set", "--theme", "/dev/zero").code == 0)
        let holder = try Self.holdLock(cli.store, seconds: 2)
        usleep(200_000)
        let tmux = try Tmux(width: 120, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Security basics", seconds: 10), "loaded when the lock came free:\n\(tmux.screen)")
        holder.waitUntilExit()
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
    }

    /// Course files (and the profile) lost, the log kept: the error names the fix, and `init --recover` makes
    /// the store whole again without touching a logged minute.
    @Test func lostCourseFilesAreRecoveredFromTheLog() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(cli.run("init", "--goal", "5h").code == 0)
        for id in ["sql-basics", "aws-cloud"] { #expect(cli.run("course", "add", id, "--title", id.uppercased()).code == 0) }
        for (d, c) in [("45m", "sql-basics"), ("1h", "aws-cloud"), ("20m", "sql-basics")] { #expect(cli.run("log", d, c).code == 0) }
        let log = cli.file("sessions.log")
        try FileManager.default.removeItem(atPath: cli.store + "/courses")
        try FileManager.default.removeItem(atPath: cli.store + "/profile.toml")
        var r = cli.run("status")
        #expect(r.code != 0 && r.err.contains("init --recover"), "the error names the fix: \(r.err)")
        r = cli.run("init", "--recover")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("aws-cloud") && r.out.contains("sql-basics"), "says what it made: \(r.out)")
        #expect(cli.file("sessions.log") == log, "the log is untouched")
        r = cli.run("week")
        #expect(r.code == 0 && r.out.contains("2h 5m"), "every logged minute counts again: \(r.out)")
        #expect(cli.run("course", "edit", "aws-cloud", "--title", "AWS Cloud").code == 0, "the recovered course can be fixed")
        r = cli.run("init", "--recover")
        #expect(r.code == 0 && r.out.contains("nothing to recover"), "a second run changes nothing: \(r.out)")
    }

    /// A timer file that does not read names `timer cancel` as the way out, and that way works.
    @Test func aBrokenTimerFileIsDroppedByTimerCancel() throws {
        let cli = DashboardExitTests.storeWithOneCourse()
        defer { cli.cleanUp() }
        for broken in ["course = \"gone\"\nstarted = 2026-11-30T09:00:00Z\n", "started = [\n"] {
            try broken.write(toFile: cli.store + "/timer.toml", atomically: false, encoding: .utf8)
            var r = cli.run("status")
            #expect(r.code == 65 && r.err.contains("timer.toml:1:"), "\(r.err)")
            #expect(cli.run("timer", "stop").code == 65, "stop does not guess what the file meant")
            r = cli.run("timer", "cancel")
            #expect(r.code == 0 && r.out.contains("Removed a timer file that did not read"), "\(r.out) \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: cli.store + "/timer.toml"))
            #expect(cli.run("status").code == 0)
            r = cli.run("timer", "cancel")
            #expect(r.code == 1 && r.err.contains("no timer is running"), "\(r.err)")
        }
    }
}
