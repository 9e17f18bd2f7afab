import ArgumentParser
import CredStackCore
import CredStackStore
import CredStackTUI

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List logged sessions, or remove one logged by mistake.",
                                                    subcommands: [List.self, Remove.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The most recent sessions, numbered for `sessions remove`.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "How many to show.") var last: Int = 20
        @Option(help: ArgumentHelp("Only this course.", valueName: "ID")) var course: String?

        func run() throws {
            try guarded {
                let snap = try storeOptions.resolved.load()
                if let course, snap.learner.course(course) == nil { throw Parse.unknownCourse(course, in: snap.learner) }
                let calendar = Context(profile: snap.learner.profile).calendar
                let numbered = snap.sessions.enumerated().filter { course == nil || $0.element.courseID == course }.suffix(max(0, last))
                if numbered.isEmpty { print("No sessions logged yet."); return }
                for (i, s) in numbered {
                    let local = calendar.timestamp(s.start.epochSeconds)
                    print((TextWidth.fit("#\(i + 1)", 7) + " \(local.local.date.shortLabel) \(local.clockLabel)  "
                          + TextWidth.fit(StudyDuration.label(seconds: s.durationSeconds), 7) + " "
                          + TextWidth.fit(s.courseID, 18) + " " + Output.safe(s.note)).trimmedRight)
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a session by its number from `sessions list`.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The session's number, e.g. 42 or #42.", valueName: "N")) var number: String

        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                let sessions = try store.load().sessions
                guard let n = Int(number.hasPrefix("#") ? String(number.dropFirst()) : number), (1...sessions.count).contains(n) else {
                    throw Parse.usage("\"\(number)\" is not a session number; `credstack sessions list` shows them (1-\(sessions.count))")
                }
                let target = sessions[n - 1]
                // Remove that one session even if others were logged meanwhile: match it, not its number.
                var removedOne = false
                let removed = try store.removeSessions { s in
                    if !removedOne && s == target { removedOne = true; return true }
                    return false
                }
                guard removed == 1 else { throw StoreError.rejected("session #\(n) changed meanwhile; nothing was removed") }
                print("Removed \(StudyDuration.label(seconds: target.durationSeconds)) on \(target.courseID) from \(target.start).")
            }
        }
    }
}
