import Foundation
import Testing

/// SIGKILL at random moments while the CLI logs sessions, edits a course and edits the latest session (a
/// rewrite of the log's tail, through its journal), until 500 processes have been killed: after every kill
/// the store still loads and no journal is left, and every command that had already exited 0 is in it.
@Suite struct CrashSafetyTests {
    @Test func fiveHundredKillsLoseNothingThatWasConfirmed() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        var rng = SystemRandomNumberGenerator()
        var confirmedLogs = 0, attemptedLogs = 0
        var lastConfirmedEdit = 0, kills = 0, confirmedSessionEdits = 0
        var i = 0
        while kills < 500 && i < 2_000 {
            i += 1
            let isEdit = i % 3 == 0
            let isSessionEdit = i % 3 == 1 && i % 2 == 0
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = isEdit ? ["course", "edit", "a", "--modules", "\(i)/500", "--store", cli.store]
                : isSessionEdit ? ["sessions", "edit", "@1", "--note", "kill edit \(i)", "--store", cli.store]
                : ["log", "1m", "a", "--note", "kill test \(i)", "--store", cli.store]
            p.environment = cli.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if !isEdit && !isSessionEdit { attemptedLogs += 1 }
            // One run in ten finishes unharmed, so both kinds of write are surely confirmed some of the time.
            if i % 10 != 0 {
                usleep(UInt32.random(in: 0...30_000, using: &rng))
                kill(p.processIdentifier, SIGKILL)
            }
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { kills += 1 }
            if p.terminationReason == .exit && p.terminationStatus == 0 {
                if isEdit { lastConfirmedEdit = i } else if isSessionEdit { confirmedSessionEdits += 1 } else { confirmedLogs += 1 }
            }
            // The store must load cleanly after every kill.
            let status = cli.run("status")
            #expect(status.code == 0, "after kill \(i): \(status.err)")
            #expect(!FileManager.default.fileExists(atPath: cli.store + "/.sessions.log.tmp-journal"), "after kill \(i): the read finished the edit")
            if status.code != 0 { break }
        }
        #expect(kills >= 500)
        let sessions = cli.file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(sessions.count >= confirmedLogs && sessions.count <= attemptedLogs, "\(sessions.count) sessions, \(confirmedLogs) confirmed")
        #expect(sessions.allSatisfy { $0.range(of: #" 1m a #[0-9a-z]{8} kill (test|edit) \d+$"#, options: .regularExpression) != nil }, "no torn line")
        let done = cli.run("course", "show", "a").out
        #expect(lastConfirmedEdit > 0 && confirmedLogs > 0 && confirmedSessionEdits > 0)
        if lastConfirmedEdit > 0 {
            let shown = done.split(separator: "\n").first { $0.hasPrefix("Progress") }.flatMap { $0.split(separator: " ").dropFirst().first }
            #expect((Int(shown ?? "0") ?? 0) >= lastConfirmedEdit, "the last confirmed edit (\(lastConfirmedEdit)) is kept: \(done)")
        }
        // The next save clears what killed saves left behind; the marker of a killed append stays until the
        // next write of the log has read the log's end (a cut line there is set aside, never taken whole).
        #expect(cli.run("course", "edit", "a", "--title", "A again").code == 0)
        #expect(try cli.leftoverSaves().filter { $0 != ".sessions.log.tmp-append" }.isEmpty)
        #expect(cli.run("log", "1m", "a", "--note", "kill test 0").code == 0)
        #expect(try cli.leftoverSaves().isEmpty)
        print("crash-safety: \(kills) processes killed in \(i) runs; \(confirmedLogs) of \(attemptedLogs) logs and edits up to #\(lastConfirmedEdit) had exited 0, and \(confirmedSessionEdits) session edits; \(sessions.count) sessions in the log")
    }

    /// The binary stopped dead, as a SIGKILL or a power cut would stop it, at each point of an edit of the
    /// log's tail (the crash points of debug builds): the next command, a read, finishes the edit, and no
    /// other byte of the log changed.
    @Test func anEditStoppedAtEachPointIsFinishedByTheNextCommand() throws {
        for point in ["journal-written", "log-written"] {
            var cli = CLIRunner()
            defer { cli.cleanUp() }
            cli.run("init")
            cli.run("course", "add", "a", "--title", "A")
            for i in 0..<30 { cli.run("log", "20m", "a", "--at", "2026-11-\(String(format: "%02d", 1 + i / 2)) \(i % 2 == 0 ? "08" : "12"):00", "--note", "s\(i)") }
            let before = cli.file("sessions.log")
            #expect(before.hasSuffix(" s29\n"))
            cli.environment["CREDSTACK_CRASH_AT"] = point
            let edit = cli.run("sessions", "edit", "@1", "--note", "finished later")
            cli.environment["CREDSTACK_CRASH_AT"] = nil
            try #require(edit.code == 137, "\(point): a debug build stops there (\(edit.code) \(edit.err))")
            #expect(FileManager.default.fileExists(atPath: cli.store + "/.sessions.log.tmp-journal"), "\(point)")
            let status = cli.run("status")
            #expect(status.code == 0, "\(point): \(status.err)")
            #expect(!FileManager.default.fileExists(atPath: cli.store + "/.sessions.log.tmp-journal"), "\(point)")
            #expect(cli.file("sessions.log") == String(before.dropLast(" s29\n".count)) + " finished later\n", "\(point)")
            #expect(cli.run("sessions", "--last", "1").out.contains("finished later"))
            #expect(try cli.leftoverSaves().isEmpty, "\(point)")
        }
    }
}
