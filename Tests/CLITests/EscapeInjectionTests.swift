import Foundation
import Testing

/// Titles, providers and notes may carry ESC/CSI/OSC sequences, BEL, backspace, C1 controls and bidi
/// overrides. None may reach the terminal raw: checked on the bytes the program writes.
@Suite(.serialized) struct EscapeInjectionTests {
    static let evilTitle = "Evil\u{1B}]0;pwned\u{07}\u{1B}[6n\u{1B}[21tRED\u{08}\u{9B}31m\u{202E}gnp.exe\u{2066}x"
    /// Byte sequences that must never appear in output, chosen so ncurses itself never sends them: the injected
    /// OSC title and clipboard writes, CSI queries that make a terminal answer, BEL, C1 CSI, RLO, LRI.
    static let forbidden: [[UInt8]] = [Array("\u{1B}]0;".utf8), Array("\u{1B}]52;".utf8), Array("\u{1B}[6n".utf8), Array("\u{1B}[21t".utf8),
                                       [0x07], [0xC2, 0x9B], [0xC2, 0x9D], [0xE2, 0x80, 0xAE], [0xE2, 0x81, 0xA6]]

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { i in haystack[i..<(i + needle.count)].elementsEqual(needle) }
    }

    func evilStore(_ cli: CLIRunner) {
        cli.run("init", "--name", "Mallory\u{1B}[5m")
        cli.run("course", "add", "evil", "--title", Self.evilTitle, "--provider", "Prov\u{1B}]52;c;Y2xpcA==\u{07}")
        cli.run("log", "30m", "evil", "--at", "08:00", "--note", "note\u{1B}[?1049h\u{9D}x")
    }

    @Test func cliOutputShowsControlsEscaped() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        evilStore(cli)
        for args in [["course", "list"], ["course", "show", "evil"], ["status"], ["week"], ["sessions"]] {
            let r = cli.run(args)
            #expect(r.code == 0)
            let bytes = Array(r.out.utf8) + Array(r.err.utf8)
            #expect(!bytes.contains(0x1B) && !bytes.contains(0x08), "\(args): raw ESC or backspace in output")
            for seq in Self.forbidden {
                let found = Self.contains(bytes, seq)
                #expect(!found, "\(args): raw \(seq) in output")
            }
        }
        #expect(cli.run("course", "show", "evil").out.contains("Evil\\e]0;pwned\\x07\\e[6n\\e[21tRED\\x08\\x9B31m\\u{202E}gnp.exe\\u{2066}x"))
        // The file keeps exactly what was typed: escaping is for display only.
        #expect(cli.file("courses/evil.toml").contains("\\u001B]0;pwned\\u0007"))
    }

    @Test func dashboardBytesCarryNoInjectedSequence() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        evilStore(cli)
        let typescript = cli.store + "-typescript"
        let tmux = try Tmux(width: 120, height: 30,
                            command: "script -q -f -c '\(CLIRunner.binary) --store \(cli.store)' \(typescript)",
                            environment: DashboardEndToEndTests.env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Evil\\e]0;pwned"), "\(tmux.screen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("note\\e[?1049h"), "\(tmux.screen)")
        tmux.send("Escape")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"))
        #expect(tmux.display("#{pane_title}") != "pwned")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: typescript)))
        #expect(bytes.count > 1000)
        for seq in Self.forbidden {
            let found = Self.contains(bytes, seq)
            #expect(!found, "raw \(seq) written to the terminal")
        }
        try? FileManager.default.removeItem(atPath: typescript)
    }
}
