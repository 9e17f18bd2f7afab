import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an empty store.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Your name, as reports show it.") var name: String = ""
    @Option(help: ArgumentHelp("Weekly study goal: minutes (300) or a duration (5h).", valueName: "GOAL")) var goal: String = "300"
    @Option(help: ArgumentHelp("First day of the week.", valueName: "DAY")) var weekStart: String = "monday"
    @Option(help: ArgumentHelp("Your time zone, e.g. Asia/Kolkata (default: the machine's).", valueName: "ZONE")) var timeZone: String?
    @Flag(help: "On a store made by an older credstack: add the .gitattributes and .gitignore that let git sync it.") var git = false

    func run() throws {
        try guarded {
            let profile = try ProfileCommand.Set.build(Profile(), name: name, goal: goal, weekStart: weekStart, timeZone: timeZone)
            let store = storeOptions.resolved
            if git && store.exists {
                let written = try store.writeGitFiles()
                print(written.isEmpty ? "The store already has its git files." : "Added \(written.joined(separator: " and ")) to \(Output.safe(store.directory)).")
                print("To sync: cd \(Output.safe(store.directory)) && git init && git add -A && git commit -m credstack (see README, Syncing with git)")
                return
            }
            try store.initialize(profile: profile)
            print("Created a store at \(Output.safe(store.directory)).")
            print("Next: credstack course add ID --title \"Course title\"   then   credstack log 45m ID")
        }
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profile", abstract: "Show or change your name, weekly goal, week start and time zone.",
                                                    subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the profile.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let p = try storeOptions.resolved.load().learner.profile
                print("name          \(Output.safe(p.name))")
                print("weekly goal   \(StudyDuration.label(minutes: p.weeklyGoalMinutes))")
                print("week starts   \(p.weekStart.name)")
                print("time zone     \(Output.safe(p.timeZone ?? "machine's (\(Context(profile: p).calendar.timeZone.identifier))"))")
                print("theme         \(Output.safe(p.theme ?? "default"))")
                print("mouse         \(p.mouse ? "on" : "off")")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change profile fields.")
        @OptionGroup var storeOptions: StoreOptions
        @Option var name: String?
        @Option(help: ArgumentHelp("Weekly goal: minutes (300) or a duration (5h).", valueName: "GOAL")) var goal: String?
        @Option(help: ArgumentHelp("", valueName: "DAY")) var weekStart: String?
        @Option(help: ArgumentHelp("An IANA zone like Asia/Kolkata, or \"\" for the machine's.", valueName: "ZONE")) var timeZone: String?
        @Option(help: ArgumentHelp("The dashboard's theme (see credstack themes), or \"\" for the default.", valueName: "NAME")) var theme: String?
        @Option(help: ArgumentHelp("Mouse in the dashboard: on or off.", valueName: "on|off")) var mouse: String?

        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                try store.updateLearner { learner in
                    learner.profile = try Set.build(learner.profile, name: name, goal: goal, weekStart: weekStart, timeZone: timeZone)
                    if let theme { learner.profile.theme = theme.isEmpty ? nil : theme }
                    if let mouse {
                        guard mouse == "on" || mouse == "off" else { throw Parse.usage("--mouse: expected on or off, found \"\(mouse)\"") }
                        learner.profile.mouse = mouse == "on"
                    }
                }
                print("Profile saved.")
            }
        }

        static func build(_ base: Profile, name: String?, goal: String?, weekStart: String?, timeZone: String?) throws -> Profile {
            var p = base
            if let name { p.name = name }
            if let goal { p.weeklyGoalMinutes = try Parse.goalMinutes(goal) }
            if let weekStart {
                guard let d = Weekday.parse(weekStart) else { throw Parse.usage("--week-start: \"\(weekStart)\" is not a day name like monday or sunday") }
                p.weekStart = d
            }
            if let timeZone {
                if timeZone.isEmpty { p.timeZone = nil } else {
                    guard Foundation.TimeZone(identifier: timeZone) != nil else {
                        throw Parse.usage("--time-zone: \"\(timeZone)\" is not a known time zone; expected a name like Asia/Kolkata or Europe/Berlin")
                    }
                    p.timeZone = timeZone
                }
            }
            return p
        }
    }
}
