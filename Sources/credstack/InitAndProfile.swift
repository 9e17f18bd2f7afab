import ArgumentParser
import CredStackCore
import CredStackOperations
import CredStackStore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty store (an existing folder is made private, 0700).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Your name, as reports show it.") var name: String = ""
    @Option(help: ArgumentHelp("Weekly study goal: a duration (5h) or minutes (300).", valueName: "GOAL")) var goal: String = "5h"
    @Option(help: ArgumentHelp("First day of the week.", valueName: "DAY")) var weekStart: Weekday = .monday
    @Option(help: ArgumentHelp("Your time zone, e.g. Asia/Kolkata or +05:30 (default: the machine's).", valueName: "ZONE")) var timeZone: String?
    @Flag(help: "On a store made by an older credstack: add the .gitattributes and .gitignore that let git sync it.") var git = false
    @Flag(help: "After course files were lost: make a course for every id the study log names that has none (and the profile, if it is gone).") var recover = false

    func run() throws {
        let ctx = try storeOptions.context()
        let store = ctx.store
        if recover {
            if !store.exists {
                let patch = try ProfileCommand.Set.patch(name: name, goal: goal, weekStart: weekStart, timeZone: timeZone, theme: nil, mouse: nil)
                try store.initialize(profile: patch.applied(to: Profile()))
                Output.line("Made a new profile at \(store.directory) (your name and goal: credstack profile set).")
            }
            Output.line(try ctx.perform(.recoverCourses).summary)
            return
        }
        if git && store.exists {
            let written = try store.writeGitFiles()
            Output.line(written.isEmpty ? "The store already has its git files." : "Added \(written.joined(separator: " and ")) to \(store.directory).")
            Output.line("To sync: cd \(store.directory) && git init && git add -A && git commit -m credstack (see README, Syncing with git)")
            return
        }
        let patch = try ProfileCommand.Set.patch(name: name, goal: goal, weekStart: weekStart, timeZone: timeZone, theme: nil, mouse: nil)
        for note in try store.initialize(profile: patch.applied(to: Profile())) { Output.line(note.prefix(1).uppercased() + note.dropFirst() + ".") }
        Output.line("Created a store at \(store.directory).")
        Output.line("Next: credstack course add ID --title \"Course title\"   then   credstack log 45m ID")
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profile", abstract: "Show or change your name, weekly goal, week start, time zone, theme, mouse and timer limit.",
                                                    subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the profile.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let ctx = try storeOptions.context()
            let p = try ctx.learner().profile
            Output.line("name          \(p.name)")
            Output.line("weekly goal   \(StudyDuration.label(minutes: p.weeklyGoalMinutes))")
            Output.line("week starts   \(p.weekStart.name)")
            let zone = try ctx.calendar().timeZone.identifier
            Output.line("time zone     \(p.timeZone ?? "machine's (\(zone))")")
            Output.line("theme         \(p.theme ?? "default")")
            Output.line("mouse         \(p.mouse ? "on" : "off")")
            Output.line("timer limit   \(StudyDuration.label(minutes: p.timerLimitMinutes)) (a longer timer asks when it stopped)")
        }
    }

    enum Toggle: String, ExpressibleByArgument, CaseIterable { case on, off }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change profile fields; only those given are written.")
        @OptionGroup var storeOptions: StoreOptions
        @Option var name: String?
        @Option(help: ArgumentHelp("Weekly goal: a duration (5h) or minutes (300).", valueName: "GOAL")) var goal: String?
        @Option(help: ArgumentHelp("First day of the week.", valueName: "DAY")) var weekStart: Weekday?
        @Option(help: ArgumentHelp("An IANA zone like Asia/Kolkata, an offset like +05:30, or \"\" for the machine's.", valueName: "ZONE")) var timeZone: String?
        @Option(help: ArgumentHelp("The dashboard's theme (see credstack themes), or \"\" for the default.", valueName: "NAME")) var theme: String?
        @Option(help: "Mouse in the dashboard.") var mouse: Toggle?
        @Option(help: ArgumentHelp("A timer running longer than this asks when it really stopped (default 12h; at most 24h).", valueName: "DURATION"))
        var timerLimit: String?

        func run() throws {
            let ctx = try storeOptions.context()
            var patch = try Set.patch(name: name, goal: goal, weekStart: weekStart, timeZone: timeZone, theme: theme, mouse: mouse)
            if let timerLimit { patch.set(try Parse.change(ProfileChange.timerLimit(timerLimit), flag: "--timer-limit", timerLimit)) }
            guard !patch.isEmpty else { throw Failure.usage("say what to change, e.g. --goal 6h (credstack profile set --help lists the fields)") }
            Output.line(try ctx.perform(.setProfile(patch)).summary)
        }

        static func patch(name: String?, goal: String?, weekStart: Weekday?, timeZone: String?, theme: String?, mouse: Toggle?) throws -> ProfilePatch {
            var patch = ProfilePatch()
            if let name { patch.set(.name(name)) }
            if let goal {
                let change = try Parse.change(ProfileChange.goal(goal), flag: "--goal", goal)
                if case .weeklyGoalMinutes(0) = change { throw Failure.usage("--goal: a weekly goal must be more than zero") }
                patch.set(change)
            }
            if let weekStart { patch.set(.weekStart(weekStart)) }
            if let timeZone { patch.set(try Parse.change(ProfileChange.timeZone(timeZone), flag: "--time-zone", timeZone)) }
            if let theme { patch.set(.theme(theme.isEmpty ? nil : theme)) }
            if let mouse { patch.set(.mouse(mouse == .on)) }
            return patch
        }
    }
}
