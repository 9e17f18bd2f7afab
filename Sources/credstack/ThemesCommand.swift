import ArgumentParser
import CredStackStore
import CredStackTUI
import Foundation

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "List the colour themes: yours, shared ones and the built-in ones.",
        discussion: """
        Use one with --theme NAME (or profile set --theme NAME), or press T in the dashboard to cycle through the \
        built-in ones. Yours go in $XDG_CONFIG_HOME/credstack/themes (else ~/.config/credstack/themes); an \
        administrator's in /usr/local/share/credstack/themes or /usr/share/credstack/themes (each $XDG_DATA_DIRS \
        folder); the first of a name wins.
        """)
    /// Accepted so `credstack --store DIR themes` works like every other command; themes are not in the store.
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let (files, problems) = SharedData.scan(.themes, environment: env)
        for problem in problems { Output.warn(problem) }
        for found in files {
            let (_, problem) = Theme.load(found.path, environment: env)
            Output.line("\(found.name)  (\(found.origin.label))" + (problem.map { "  broken, not used: \($0)" } ?? ""))
        }
        for t in Theme.builtIn where !files.contains(where: { $0.name == t.name }) { Output.line("\(t.name)  (built in)") }
        Output.line("Your own go in \(SharedData.folders(.themes, environment: env)[0].folder)/NAME.toml (start from a copy of one of these).")
    }
}
