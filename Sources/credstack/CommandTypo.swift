import ArgumentParser
import CredStackCore

/// A mistyped command (`credstack stats`, `course ad`, `timer begin`) gets the command it was likely
/// meant to be, not the usage of whatever default command the word fell through to.
enum CommandTypo {
    /// Words other trackers and habits use for a command credstack names otherwise.
    static let synonyms = ["begin": "start", "end": "stop", "finish": "stop", "resume": "continue", "rm": "remove", "delete": "remove",
                           "del": "remove", "ls": "list", "new": "add", "create": "add", "info": "show", "stats": "status", "summary": "report",
                           "track": "log", "add-session": "log", "config": "profile", "settings": "profile"]

    /// The message for the first word that names no command where one was expected, or nil.
    static func message(for arguments: [String]) -> String? {
        var command: ParsableCommand.Type = CredStack.self
        var path = ["credstack"]
        for word in arguments {
            guard !word.hasPrefix("-") else { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            // A default subcommand that takes a word (none does today) would make this a value, not a typo.
            let names = subcommands.map { $0._commandName }.filter { $0 != "dashboard" || path.count > 1 }
            let lower = word.lowercased()
            let near = synonyms[lower].flatMap { names.contains($0) ? $0 : nil }
                ?? names.min { EditDistance.between(lower, $0) < EditDistance.between(lower, $1) }
            let close = near.map { synonyms[lower] == $0 || EditDistance.between(lower, $0) <= max(2, word.count / 3) || $0.hasPrefix(lower) } ?? false
            let help = "`\(path.joined(separator: " ")) --help` lists them"
            return "\(path.joined(separator: " ")) has no command \"\(word)\"" + (close ? "; did you mean \"\(near!)\"? (\(help))" : "; \(help)")
        }
        return nil
    }
}
