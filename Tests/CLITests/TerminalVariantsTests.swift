import Foundation
import Testing

/// The dashboard as a new learner meets it on different terminals: read from what tmux shows.
@Suite(.serialized) struct TerminalVariantsTests {
    static func demo(_ extra: [String: String], args: String = "") throws -> Tmux {
        var env = DashboardEndToEndTests.env
        for (k, v) in extra { env[k] = v }
        let tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) demo \(args)", environment: env)
        #expect(tmux.waitFor("Courses (10)"), "dashboard did not open:\n\(tmux.screen)")
        return tmux
    }

    /// SGR parameter lists in the captured screen, e.g. ["1", "30", "46"].
    static func sgrCodes(_ styled: String) -> Set<String> {
        var codes: Set<String> = []
        for part in styled.components(separatedBy: "\u{1B}[").dropFirst() {
            guard let m = part.firstIndex(of: "m") else { continue }
            codes.formUnion(part[..<m].split(separator: ";").map(String.init))
        }
        return codes
    }

    /// Colour codes: 30-37, 40-47, 90-97, 100-107 and 38/48 (extended); 39 and 49 are "default".
    static func colourCodes(_ codes: Set<String>) -> Set<String> {
        codes.filter { c in
            guard let n = Int(c) else { return false }
            return (30...38).contains(n) || (40...48).contains(n) || (90...97).contains(n) || (100...107).contains(n)
        }
    }

    @Test func noColorKeepsAttributesAndDropsColours() throws {
        let tmux = try Self.demo(["NO_COLOR": "1"])
        defer { tmux.kill() }
        let codes = Self.sgrCodes(tmux.styledScreen)
        #expect(Self.colourCodes(codes).isEmpty, "colours under NO_COLOR: \(codes.sorted())")
        #expect(codes.contains("1") && codes.contains("7"), "selection and titles still stand out by bold and reverse: \(codes.sorted())")
    }

    @Test func anEightColourTerminalGetsItsEightColours() throws {
        let tmux = try Self.demo(["TERM": "xterm"])
        defer { tmux.kill() }
        let colours = Self.colourCodes(Self.sgrCodes(tmux.styledScreen))
        #expect(!colours.isEmpty, "TERM=xterm (8 colours) showed no colour:\n\(tmux.styledScreen)")
        #expect(colours.allSatisfy { (30...37).contains(Int($0)!) || (40...47).contains(Int($0)!) }, "beyond 8 colours: \(colours.sorted())")
    }

    @Test func aLightThemeForALightTerminal() throws {
        let dark = try Self.demo([:])
        let darkScreen = dark.styledScreen
        let darkText = dark.screen
        dark.kill()
        let light = try Self.demo([:], args: "--theme light")
        defer { light.kill() }
        #expect(light.screen == darkText, "the same text")
        #expect(light.styledScreen != darkScreen, "but other colours")
        let lightScreen = light.styledScreen
        light.send("T")
        #expect(light.waitFor("Theme: high-contrast"), "T cycles to the next theme:\n\(light.screen)")

        // Chosen once in the profile, the theme is used without the flag.
        let cli = CLIRunner(now: "2026-12-02T18:30:00Z")
        defer { cli.cleanUp() }
        let demoDir = try CreditsCLITests.demoStore(cli)
        defer { try? FileManager.default.removeItem(atPath: demoDir) }
        #expect(cli.run(["profile", "set", "--theme", "light", "--store", demoDir], withStore: false).code == 0)
        let fromProfile = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(demoDir)", environment: DashboardEndToEndTests.env)
        defer { fromProfile.kill() }
        #expect(fromProfile.waitFor("Courses (10)"))
        #expect(fromProfile.styledScreen == lightScreen, "the profile's theme is not the one in use")
    }

    @Test func asciiWhenTheTerminalCannotShowUTF8() throws {
        let tmux = try Self.demo(["LANG": "C", "CREDSTACK_ASCII": "1"])
        defer { tmux.kill() }
        let lines = tmux.screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "non-ASCII on screen:\n\(tmux.screen)")
        #expect(lines[1].hasPrefix("+- 1 Courses (10) ") && lines[1].hasSuffix("-+"), "\(lines[1])")
        // Every bordered row ends in the last column: nothing shifted by a wide or combining character.
        for line in lines[2...8] { #expect(line.count == 80 && line.hasSuffix("|"), "\(line)") }
    }

    @Test func lang_C_FallsBackToUTF8WhenTheSystemHasIt() throws {
        let tmux = try Self.demo(["LANG": "C", "LC_ALL": "C"])
        defer { tmux.kill() }
        #expect(tmux.screen.contains("╭─ 1 Courses (10)") && tmux.screen.contains("डेटा"))
    }

    @Test func dumbTerminalGetsTheTextDashboardAndAReason() throws {
        var cli = CLIRunner()
        cli.environment["TERM"] = "dumb"
        let r = cli.run(["demo"], withStore: false)
        #expect(r.code == 0)
        #expect(r.out.contains("COURSES") && r.out.contains("CREDITS") && r.out.contains("UG Certificate in Data Science"))
        #expect(r.err.contains("showing the plain-text dashboard: TERM is dumb"), "\(r.err)")
    }

    /// Laptop terminals a Debian server has no terminfo for draw as their nearest relative and say so; those
    /// the server knows draw as themselves; terminals without an alternate screen are cleared on exit.
    @Test(arguments: [("xterm-kitty", "xterm-256color"), ("xterm-ghostty", "xterm-256color"), ("wezterm", "xterm-256color"),
                      ("foot", "xterm-256color"), ("screen-256color", nil), ("vt100", nil), ("linux", nil)] as [(String, String?)])
    func everyTerminalALaptopBringsGetsTheDashboard(term: String, standIn: String?) throws {
        let tmux = try Self.demo(["TERM": term])
        defer { tmux.kill() }
        let screen = tmux.screen
        #expect(screen.contains("डेटा") || screen.contains("Data Entry"), "\(term): \(screen)")
        if let standIn {
            #expect(screen.contains("No terminfo here for TERM=\(term): drawing as \(standIn)."), "\(term): \(screen)")
        } else {
            #expect(!screen.contains("No terminfo"), "\(term) is known here: \(screen)")
        }
        tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0"), "\(term): \(tmux.screen)")
        let after = tmux.screen
        #expect(!after.contains("Courses (10)") && !after.contains("q quit"), "\(term): the dashboard was left on screen:\n\(after)")
        #expect(!after.contains("$<"), "padding written as text")
    }

    /// A machine with no terminfo at all (every terminfo folder hidden under an empty tmpfs, in a private
    /// mount namespace): the text dashboard, the reason, exit 0. Needs root to mount (CI runs as root).
    @Test(.enabled(if: getuid() == 0, "hiding the terminfo folders needs root"))
    func noTerminfoAtAllGivesTheTextDashboardAndExitsZero() throws {
        let dir = NSTemporaryDirectory() + "credstack-noterm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let hide = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
            .filter { FileManager.default.fileExists(atPath: $0) }.map { "mount -t tmpfs none \($0)" }.joined(separator: "; ")
        let inner = "TERM=xterm-kitty \(CLIRunner.binary) demo; echo $? > \(dir)/rc"
        let script = "\(hide); script -qec '\(inner)' \(dir)/typescript </dev/null >/dev/null 2>&1"
        #expect(Tmux.shell("env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin TZ=UTC LANG=C.UTF-8 HOME=\(dir) CREDSTACK_NOW=2026-11-30T10:00:00Z unshare -m sh -c \(Tmux.quote(script))"))
        let rc = (try? String(contentsOfFile: dir + "/rc", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = (try? String(contentsOfFile: dir + "/typescript", encoding: .utf8)) ?? ""
        #expect(rc == "0", "\(shown)")
        #expect(shown.contains("COURSES") && shown.contains("showing the plain-text dashboard: no terminfo entry for TERM=xterm-kitty"), "\(shown)")
    }
}
