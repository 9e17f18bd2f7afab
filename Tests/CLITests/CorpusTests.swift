import Foundation
import Testing

/// The malformed-input corpus (`MalformedCorpus/`, made by its `make.py`): every broken file is reported with
/// `file:line:col` and what was expected, exits 65 from the CLI whether reading or writing, shows the error
/// screen in the dashboard, and is left byte for byte as it was.
@Suite(.serialized) struct CorpusTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MalformedCorpus").path
    static let baseLearner = "format = 1\n\n[profile]\nname = \"Asha\"\nweekly_goal_minutes = 300\n\n[[course]]\nid = \"aws-cloud\"\ntitle = \"AWS Cloud\"\n"

    static var cases: [(file: String, expected: String)] {
        let text = (try? String(contentsOfFile: dir + "/expected.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: "\t", maxSplits: 1)
            return (String(f[0]), String(f[1]))
        }
    }

    /// A store holding a valid learner file and log, with one of them (or the timer) replaced by `bytes`.
    func store(replacing target: String, with bytes: Data, _ cli: CLIRunner) throws {
        try FileManager.default.createDirectory(atPath: cli.store, withIntermediateDirectories: true)
        try Self.baseLearner.write(toFile: cli.store + "/learner.toml", atomically: false, encoding: .utf8)
        try "# credstack study log, format 1.\n".write(toFile: cli.store + "/sessions.log", atomically: false, encoding: .utf8)
        try bytes.write(to: URL(fileURLWithPath: cli.store + "/" + target))
    }

    /// Every file of the store: a refused format 1 store is neither changed nor moved to format 2.
    func snapshot(_ cli: CLIRunner) -> [String: String] { cli.files() }

    @Test func theCorpusHasEveryKindOfBreakage() {
        #expect(Self.cases.count >= 40)
        let names = Self.cases.map(\.file).joined(separator: " ")
        for kind in ["unclosed", "invalid-utf8", "nul-byte", "wrong-type", "duplicate-course-id", "unknown-course", "negative-duration",
                     "absurd-duration", "date-out-of-range", "future-format", "empty", "truncated-line"] {
            #expect(names.contains(kind), "no case for \(kind)")
        }
    }

    @Test func everyBrokenFileIsReportedRefusedAndKept() throws {
        for c in Self.cases {
            let cli = CLIRunner()
            defer { cli.cleanUp() }
            let target = String(c.file.drop { $0 != "." }.dropFirst())
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.dir + "/" + c.file))
            try store(replacing: target, with: bytes, cli)
            let before = snapshot(cli)
            var r = cli.run("status")
            #expect(r.code == 65, "\(c.file): exit \(r.code)")
            #expect(r.err == "credstack: \(cli.store)/\(c.expected)\n", "\(c.file)")
            r = cli.run("log", "30m", "aws-cloud")
            #expect(r.code == 65, "\(c.file): a write was not refused")
            r = cli.run("course", "add", "new-one", "--title", "New")
            #expect(r.code == 65, "\(c.file): a write was not refused")
            #expect(snapshot(cli) == before, "\(c.file) was changed")
        }
    }

    @Test func theDashboardShowsTheErrorScreenForEveryFile() throws {
        for c in Self.cases {
            let cli = CLIRunner()
            defer { cli.cleanUp() }
            let target = String(c.file.drop { $0 != "." }.dropFirst())
            try store(replacing: target, with: try Data(contentsOf: URL(fileURLWithPath: Self.dir + "/" + c.file)), cli)
            let before = snapshot(cli)
            let tmux = try Tmux(width: 120, height: 30, command: "\(CLIRunner.binary) --store \(cli.store)", environment: DashboardEndToEndTests.env)
            defer { tmux.kill() }
            let position = String(c.expected.prefix { $0 != " " }) // e.g. learner.toml:10:12:
            #expect(tmux.waitFor("The store could not be read"), "\(c.file):\n\(tmux.screen)")
            #expect(tmux.waitFor(position, seconds: 2), "\(c.file): \(position) not shown:\n\(tmux.screen)")
            tmux.send("a")
            tmux.send("q")
            #expect(tmux.waitFor("EXITED rc=0"), "\(c.file)")
            #expect(snapshot(cli) == before, "\(c.file) was changed")
        }
    }

    /// Cases too big or too odd to keep in git: a 10 MB line, and a folder where a file should be.
    @Test func aTenMegabyteLineAndAFolderInPlaceOfAFile() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        var big = Data(Self.baseLearner.utf8)
        big.append(Data(("provider = \"" + String(repeating: "x", count: 10_000_000) + "\n").utf8))
        try store(replacing: "learner.toml", with: big, cli)
        var r = cli.run("status")
        #expect(r.code == 65)
        #expect(r.err.contains("learner.toml:10:12: this string is not closed with \" on its line"), "\(r.err.prefix(300))")
        #expect(FileManager.default.contents(atPath: cli.store + "/learner.toml") == big)

        try FileManager.default.removeItem(atPath: cli.store + "/sessions.log")
        try Self.baseLearner.write(toFile: cli.store + "/learner.toml", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: cli.store + "/sessions.log", withIntermediateDirectories: false)
        r = cli.run("log", "30m", "aws-cloud")
        #expect(r.code == 65)
        #expect(r.err.contains("sessions.log:1:1: expected a file here, found a folder"))
    }
}
