import ArgumentParser
import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackText

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List logged sessions, change one, or remove one logged by mistake.",
                                                    discussion: "A session is named by its id (shown by `sessions`; its first letters are enough) or by @1 for the latest, @2 the one before.",
                                                    subcommands: [List.self, Edit.self, Remove.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The most recent sessions in time order, with their ids.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "How many to show.") var last: Int = 20
        @Option(help: ArgumentHelp("Only this course.", valueName: "ID")) var course: String?

        func run() throws {
            let ctx = try storeOptions.context()
            let learner = try ctx.learner()
            let course = try self.course.map { try ctx.course($0) }
            if let course, learner.course(course) == nil { throw Failure.usage(CourseLookup.unknown(course, in: learner)) }
            let calendar = try ctx.calendar()
            let shown = try ctx.latestSessions(max(0, last), courseID: course)
            if shown.isEmpty {
                if last > 0 { Output.line(course == nil ? "No sessions logged yet." : "No sessions logged on \(course!) yet.") }
                return
            }
            // The year is shown once any listed session is from another year than this one.
            let thisYear = calendar.localDay(of: ctx.now).year
            let withYear = shown.contains { calendar.timestamp($0.start.epochSeconds).local.date.year != thisYear }
            for s in shown {
                let local = calendar.timestamp(s.start.epochSeconds)
                let day = local.local.date.columnLabel + (withYear ? " " + String(local.local.date.year) : "")
                Output.line((s.id.text + "  " + day + " \(local.clockLabel)  "
                             + TextWidth.fit(StudyDuration.label(seconds: s.durationSeconds), 7) + " "
                             + TextWidth.fit(s.courseID, 18) + " " + DisplaySafe.text(s.note)).trimmedRight)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a session: when it started, how long, which course, its note.",
                                                        discussion: "Example: credstack sessions edit @1 --duration 50m")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The session: its id, or @1 for the latest.", valueName: "SESSION")) var session: String
        @Option(help: ArgumentHelp("When it started.", valueName: "TIME")) var at: String?
        @Option(help: ArgumentHelp("How long.", valueName: "DURATION")) var duration: String?
        @Option(help: ArgumentHelp("The course id.", valueName: "COURSE")) var course: String?
        @Option(help: "The note (\"\" clears it).") var note: String?
        @Flag(help: "Allow it to overlap other sessions.") var allowOverlap = false

        func run() throws {
            let ctx = try storeOptions.context()
            let ref = try Parse.session(session)
            let patch = SessionPatch(start: try at.map { try Parse.time($0, flag: "--at", calendar: try ctx.calendar(), now: ctx.now) },
                                     seconds: try duration.map { try Parse.duration($0, flag: "--duration") },
                                     courseID: try course.map { try ctx.course($0) }, note: note, allowOverlap: allowOverlap)
            guard !patch.isEmpty else { throw Failure.usage("say what to change: --at, --duration, --course or --note") }
            Output.line(try ctx.perform(.editSession(ref, patch, expected: nil)).summary)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a session logged by mistake.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The session: its id (from `credstack sessions`), or @1 for the latest.", valueName: "SESSION")) var session: String

        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.removeSession(try Parse.session(session), expected: nil)).summary)
        }
    }
}
