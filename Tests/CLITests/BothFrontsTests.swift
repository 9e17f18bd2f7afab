import Foundation
import Testing
import CredStackCore
import CredStackStore
import CredStackTUI

/// The same changes through the command line (the real binary) and through the dashboard (its `update` and
/// effect runner): the store files come out the same, byte for byte but for the random session and timer ids.
@Suite struct BothFrontsTests {
    /// Session ids are random: compare files with them blanked.
    static func normalized(_ files: [String: String]) -> [String: String] {
        files.mapValues { $0.replacingOccurrences(of: #"#[0-9a-z]{8}"#, with: "#id", options: .regularExpression)
                           .replacingOccurrences(of: #"id = "[0-9a-z]{8}""#, with: "id = \"id\"", options: .regularExpression) }
    }

    struct Step {
        var cli: [String]
        var keys: [Key]
        /// Minutes after the start of the test when the step happens.
        var minute: Int
    }

    func type(_ s: String) -> [Key] { s.map { Key.char($0) } }

    @Test func theCommandLineAndTheDashboardWriteTheSameFiles() throws {
        let start = Timestamp.parse("2026-11-30T10:00:00Z")!.epochSeconds
        let tab = Key.tab
        let steps: [Step] = [
            Step(cli: ["course", "add", "gcp", "--title", "Google Cloud", "--mode", "blended", "--modules", "2/8", "--due", "2027-01-31", "--credits", "4"],
                 keys: [.char("a")] + type("gcp") + [tab] + type("Google Cloud") + [tab, tab, tab, .right, .right, tab, tab] + type("2/8")
                    + [tab, tab] + type("2027-01-31") + [tab, tab] + type("4") + [.enter], minute: 0),
            Step(cli: ["course", "edit", "gcp", "--title", "Google Cloud ACE", "--skills", "gcloud, \"IAM, roles\""],
                 keys: [.char("e"), .ctrl("u")] + type("Google Cloud ACE") + Array(repeating: tab, count: 11) + type("gcloud, \"IAM, roles\"") + [.enter], minute: 1),
            Step(cli: ["log", "45m", "gcp", "--at", "08:00", "--note", "lab 1"],
                 keys: [.char("l")] + type("45m") + [tab, tab] + type("08:00") + [tab] + type("lab 1") + [.enter], minute: 2),
            Step(cli: ["log", "30m", "gcp"], keys: [.char("l")] + type("30m") + [.enter], minute: 3),
            Step(cli: ["timer", "start", "gcp"], keys: [.char("t")], minute: 4),
            Step(cli: ["timer", "stop"], keys: [.char("t")], minute: 44),
            Step(cli: ["credential", "add", "gcp", "--by", "Google", "--issued", "2026-11-29", "--credits", "4"],
                 keys: [.char("c")] + type("Google") + [tab, .ctrl("u")] + type("2026-11-29") + [.enter], minute: 45),
            Step(cli: ["course", "remove", "gcp", "--with-sessions"], keys: [.char("d"), .char("y")], minute: 46),
        ]
        var cli = CLIRunner(now: "2026-11-30T10:00:00Z")
        defer { cli.cleanUp() }
        let tuiDir = (cli.store as NSString).deletingLastPathComponent + "/dashboard"
        let tui = CLIRunner(now: "2026-11-30T10:00:00Z", store: tuiDir)
        #expect(cli.run("init", "--name", "Asha").code == 0)
        #expect(tui.run("init", "--name", "Asha").code == 0)
        var state = AppState(data: nil, now: start)
        for (n, step) in steps.enumerated() {
            let now = start + Int64(step.minute * 60)
            cli.environment["CREDSTACK_NOW"] = Timestamp(epochSeconds: now, utcOffsetSeconds: 0).description
            let r = cli.run(step.cli)
            #expect(r.code == 0, "step \(n): \(r.err)")
            let runner = EffectRunner(store: Store(directory: tuiDir), clock: FixedClock(now))
            state = runner.reload(update(state, .tick(now: now)).0)
            for k in step.keys {
                let (next, effects) = update(state, .key(k))
                state = next
                for e in effects { state = runner.run(e, on: state) }
            }
            #expect(state.overlay == nil && state.message?.kind != .error, "step \(n): \(state.message?.text ?? "") \(String(describing: state.overlay))")
            #expect(Self.normalized(tui.files()) == Self.normalized(cli.files()), "step \(n) \(step.cli.joined(separator: " ")):\nCLI: \(cli.files())\nTUI: \(tui.files())")
        }
    }
}
