import Foundation
import Testing

/// SIGKILL at random moments while the CLI logs sessions and edits a course, until 500 processes have been
/// killed: after every kill the store still loads, and every command that had already exited 0 is in it.
@Suite struct CrashSafetyTests {
    @Test func fiveHundredKillsLoseNothingThatWasConfirmed() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        var rng = SystemRandomNumberGenerator()
        var confirmedLogs = 0, attemptedLogs = 0
        var lastConfirmedEdit = 0, kills = 0
        var i = 0
        while kills < 500 && i < 2_000 {
            i += 1
            let isEdit = i % 3 == 0
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = isEdit ? ["course", "edit", "a", "--modules", "\(i)/500", "--store", cli.store]
                                 : ["log", "1m", "a", "--note", "kill test \(i)", "--store", cli.store]
            p.environment = cli.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if !isEdit { attemptedLogs += 1 }
            // One run in ten finishes unharmed, so both kinds of write are surely confirmed some of the time.
            if i % 10 != 0 {
                usleep(UInt32.random(in: 0...30_000, using: &rng))
                kill(p.processIdentifier, SIGKILL)
            }
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { kills += 1 }
            if p.terminationReason == .exit && p.terminationStatus == 0 {
                if isEdit { lastConfirmedEdit = i } else { confirmedLogs += 1 }
            }
            // The store must load cleanly after every kill.
            let status = cli.run("status")
            #expect(status.code == 0, "after kill \(i): \(status.err)")
            if status.code != 0 { break }
        }
        #expect(kills >= 500)
        let sessions = cli.file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(sessions.count >= confirmedLogs && sessions.count <= attemptedLogs, "\(sessions.count) sessions, \(confirmedLogs) confirmed")
        #expect(sessions.allSatisfy { $0.range(of: #" 1m a #[0-9a-z]{8} kill test \d+$"#, options: .regularExpression) != nil }, "no torn line")
        let done = cli.run("course", "show", "a").out
        #expect(lastConfirmedEdit > 0 && confirmedLogs > 0)
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
        print("crash-safety: \(kills) processes killed in \(i) runs; \(confirmedLogs) of \(attemptedLogs) logs and edits up to #\(lastConfirmedEdit) had exited 0; \(sessions.count) sessions in the log")
    }
}
