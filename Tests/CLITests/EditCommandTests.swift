import Foundation
import Testing

/// `credstack edit` in a real terminal, with a scripted editor standing in for the learner's.
@Suite(.serialized) struct EditCommandTests {
    /// A store with one course, and an editor script that runs `body` on the file it is given ($1).
    func setUp(_ body: String) throws -> (CLIRunner, String) {
        let cli = CLIRunner()
        cli.run("init")
        cli.run("course", "add", "a", "--title", "Alpha", "--credits", "2.25")
        let dir = (cli.store as NSString).deletingLastPathComponent
        let editor = dir + "/editor.sh"
        try "#!/bin/sh\nn=$(cat \(dir)/runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(dir)/runs\n\(body)\n".write(toFile: editor, atomically: true, encoding: .utf8)
        // Run through sh, not executed itself: a file just written may still be open in a process another
        // test forked meanwhile, and exec would then fail with "Text file busy".
        return (cli, "/bin/sh " + editor)
    }

    func dashboard(_ cli: CLIRunner, _ editor: String, _ args: String) throws -> Tmux {
        var env = DashboardEndToEndTests.env
        env["EDITOR"] = editor
        env["CREDSTACK_NOW"] = "2026-11-30T10:00:00Z"
        return try Tmux(width: 250, height: 30, command: "\(CLIRunner.binary) \(args) --store \(cli.store)", environment: env)
    }

    @Test func aGoodEditIsAppliedAndOnlyWhatWasTyped() throws {
        let (cli, editor) = try setUp("sed -i 's/title = \"Alpha\"/title = \"Alpha edited\" # by hand/' \"$1\"")
        defer { cli.cleanUp() }
        let before = cli.file("courses/a.toml")
        let tmux = try dashboard(cli, editor, "edit course a")
        defer { tmux.kill() }
        #expect(tmux.waitFor("EXITED rc=0"), "\(tmux.screen)")
        #expect(tmux.screen.contains("Saved course a."))
        #expect(cli.file("courses/a.toml") == before.replacingOccurrences(of: "title = \"Alpha\"", with: "title = \"Alpha edited\" # by hand"))
    }

    @Test func aBadEditIsOfferedBackThenApplied() throws {
        // The first run breaks a value; the second fixes it.
        let (cli, editor) = try setUp("""
        if [ $n -eq 1 ]; then sed -i 's/credits = 2.25/credits = lots/' "$1"; else sed -i 's/credits = lots/credits = 3/' "$1"; fi
        """)
        defer { cli.cleanUp() }
        let tmux = try dashboard(cli, editor, "edit course a")
        defer { tmux.kill() }
        #expect(tmux.waitFor("(e)dit again, (k)eep the copy, or (d)iscard it?"), "\(tmux.screen)")
        #expect(tmux.screen.range(of: #"credstack-edit-\w+/a\.toml:4:11: expected a value, found lots"#, options: .regularExpression) != nil,
                "the copy being edited is named: \(tmux.screen)")
        #expect(cli.file("courses/a.toml").contains("credits = 2.25"), "nothing applied yet")
        tmux.type("e")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXITED rc=0"), "\(tmux.screen)")
        #expect(cli.file("courses/a.toml").contains("credits = 3\n"))
        #expect(cli.run("course", "show", "a").out.contains("Credits       3"))
    }

    @Test func aBadEditCanBeKeptOrDiscarded() throws {
        let (cli, editor) = try setUp("printf 'title = \"Alpha\"\\nstatus = \"finished\"\\n' > \"$1\"")
        defer { cli.cleanUp() }
        let before = cli.file("courses/a.toml")
        var tmux = try dashboard(cli, editor, "edit course a")
        #expect(tmux.waitFor("(d)iscard it?"), "\(tmux.screen)")
        #expect(tmux.screen.contains("/a.toml:2:10: status: expected one of"))
        tmux.type("k")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXITED rc=65"), "\(tmux.screen)")
        let kept = try #require(tmux.screen.range(of: #"kept at \S+/a\.toml"#, options: .regularExpression)).upperBound
        let path = String(tmux.screen[..<kept].split(separator: " ").last!)
        #expect(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }?.contains("finished") == true, "\(path)")
        #expect(cli.file("courses/a.toml") == before)
        tmux.kill()
        tmux = try dashboard(cli, editor, "edit course a")
        defer { tmux.kill() }
        #expect(tmux.waitFor("(d)iscard it?"))
        tmux.type("d")
        tmux.send("Enter")
        #expect(tmux.waitFor("discarded; nothing was saved"), "\(tmux.screen)")
        #expect(cli.file("courses/a.toml") == before)
    }

    @Test func aChangeMadeElsewhereWhileEditingKeepsTheCopyAndTheChange() throws {
        let (cli, editor) = try setUp("""
        "\(CLIRunner.binary)" course edit a --status paused --store "$STORE" >/dev/null
        sed -i 's/Alpha/Mine/' "$1"
        """)
        defer { cli.cleanUp() }
        var env = DashboardEndToEndTests.env
        env["EDITOR"] = editor
        env["STORE"] = cli.store
        let tmux = try Tmux(width: 250, height: 30, command: "\(CLIRunner.binary) edit course a --store \(cli.store)", environment: env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("EXITED rc=1"), "\(tmux.screen)")
        #expect(tmux.screen.contains("changed elsewhere while you edited it; nothing was saved. Your copy is kept at"), "\(tmux.screen)")
        let course = cli.file("courses/a.toml")
        #expect(course.contains("status = \"paused\"") && course.contains("Alpha"), "the other change stays, ours is not applied")
    }

    @Test func withoutATerminalAMistakeKeepsTheCopy() throws {
        let (cli, editor) = try setUp("echo 'title = ' > \"$1\"")
        defer { cli.cleanUp() }
        var run = cli
        run.environment["EDITOR"] = editor
        let r = run.run("edit", "course", "a")
        #expect(r.code == 65 && r.err.contains("/a.toml:1:9: expected a value") && r.err.contains("kept at"), "\(r.err)")
    }

    @Test func aRecordThatDoesNotReadCanBeFixedWithEdit() throws {
        let (cli, editor) = try setUp("sed -i 's/credits = lots/credits = 2/' \"$1\"")
        defer { cli.cleanUp() }
        try cli.file("courses/a.toml").replacingOccurrences(of: "credits = 2.25", with: "credits = lots")
            .write(toFile: cli.store + "/courses/a.toml", atomically: false, encoding: .utf8)
        #expect(cli.run("status").code == 65)
        var run = cli
        run.environment["EDITOR"] = editor
        let r = run.run("edit", "course", "a")
        #expect(r.code == 0 && r.err.contains("does not read") && r.out.contains("Saved course a."), "\(r.err)")
        #expect(cli.run("status").code == 0)
    }
}
