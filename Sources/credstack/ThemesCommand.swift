import ArgumentParser
import CredStackStore
import CredStackTUI
import Foundation

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the colour themes: built-in and your own.",
                                                    discussion: "Use one with --theme NAME, or press T in the dashboard to cycle through the built-in ones.")

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        Output.line("Built in:")
        for t in Theme.builtIn { Output.line("  \(t.name)") }
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((env["HOME"] ?? "") + "/.config")
        let dir = config + "/credstack/themes"
        let own = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        Output.line("Yours (\(dir)):")
        if own.isEmpty { Output.line("  none yet: copy a file from the themes/ folder of credstack there and edit it") }
        for file in own {
            let name = String(file.dropLast(5))
            let (_, problem) = Theme.load(dir + "/" + file, environment: env)
            Output.line("  \(name)" + (problem.map { "  (broken: \($0))" } ?? ""))
        }
    }
}
