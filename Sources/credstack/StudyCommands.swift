import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log",
        abstract: "Log study time: credstack log 45m aws-cloud [--at 18:30] [--note \"...\"].",
        discussion: """
        Durations: 45m, 1h30m, 1.5h, 1:30, or minutes (90). Without --at the session is taken to have just ended \
        (before the previous one, if that one ended now too). A session that overlaps another is refused unless \
        --allow-overlap; at most 24h of study fit in a day.
        """)
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("How long, e.g. 45m or 1h30m.", valueName: "DURATION")) var duration: String
    @Argument(help: ArgumentHelp("The course id.", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
    @Option(help: ArgumentHelp("When it started: 18:30, yesterday 18:30, 2026-11-28 18:30.", valueName: "TIME")) var at: String?
    @Option(help: "A short note.") var note: String = ""
    @Flag(help: "Allow it to overlap other sessions (study in parallel).") var allowOverlap = false

    func run() throws {
        let ctx = try storeOptions.context()
        let seconds = try Parse.duration(duration)
        let start = try at.map { try Parse.time($0, flag: "--at", calendar: try ctx.calendar(), now: ctx.now) }
        let outcome = try ctx.perform(.logSession(SessionDraft(courseID: try ctx.course(course), seconds: seconds, start: start, note: note, allowOverlap: allowOverlap)))
        let today = try ctx.today()
        let week = try ctx.history(Report.weekDays(calendar: try ctx.calendar(), today: today, ago: 0)).week(containing: today)
        Output.line(outcome.summary + " This week: \(StudyDuration.label(minutes: week.totalMinutes)) of \(StudyDuration.label(minutes: try ctx.learner().profile.weeklyGoalMinutes)).")
    }
}

struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timer", abstract: "A study timer that keeps running after you close the terminal.",
                                                    subcommands: [Start.self, Stop.self, Switch.self, Continue.self, Status.self, Cancel.self],
                                                    defaultSubcommand: Status.self)

    struct Continue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "continue", abstract: "Start the timer again on the course (and note) of your latest session, as timewarrior's continue does.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("When you started again, if not now: 18:30, yesterday 18:30.", valueName: "TIME")) var at: String?
        func run() throws {
            let ctx = try storeOptions.context()
            // The session that ended last started at most a day before the one that started last.
            let latestStart = try ctx.latestSessions(1, courseID: nil).first?.start.epochSeconds
            let candidates = try latestStart.map { try ctx.sessions(startingIn: ($0 - Int64(Limits.sessionSeconds))..<Int64.max) } ?? []
            guard let last = candidates.max(by: { $0.endEpochSeconds < $1.endEpochSeconds }) else {
                throw Failure("no session logged yet to continue; start one with `credstack timer start COURSE`", .refused)
            }
            let calendar = try ctx.calendar()
            let started = try at.map { try Parse.time($0, flag: "--at", calendar: calendar, now: ctx.now) } ?? calendar.timestamp(ctx.now)
            let outcome = try ctx.perform(.startTimer(courseID: last.courseID, at: started, note: last.note, expectedRunning: nil))
            Output.line(outcome.summary + " Stop it with: credstack timer stop")
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start timing study on a course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        @Option(help: ArgumentHelp("When you started, if not now: 18:30, yesterday 18:30.", valueName: "TIME")) var at: String?
        @Option(help: "A note for the session.") var note: String = ""
        func run() throws {
            let ctx = try storeOptions.context()
            let calendar = try ctx.calendar()
            let started = try at.map { try Parse.time($0, flag: "--at", calendar: calendar, now: ctx.now) } ?? calendar.timestamp(ctx.now)
            let outcome = try ctx.perform(.startTimer(courseID: try ctx.course(course), at: started, note: note, expectedRunning: nil))
            Output.line(outcome.summary + " Stop it with: credstack timer stop")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the timer and log the session (--at when you really stopped).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("When you stopped, if not now: 21:00, yesterday 21:00.", valueName: "TIME")) var at: String?
        func run() throws {
            let ctx = try storeOptions.context()
            let end = try at.map { try Parse.time($0, flag: "--at", calendar: try ctx.calendar(), now: ctx.now).epochSeconds }
            do {
                Output.line(try ctx.perform(.stopTimer(at: end, expected: nil)).summary)
            } catch let e as OperationError where e.kind == .timerOverLimit && Prompt.canAsk {
                // A forgotten timer: ask when it really stopped, as timewarrior's :adjust would need. The answer
                // stops this timer only: one stopped or replaced meanwhile in another terminal is not touched.
                let asked = try ctx.timer()?.id
                Output.line(e.message.prefix(1).uppercased() + e.message.dropFirst() + ".")
                while true {
                    guard let answer = Prompt.line("When did you stop? (21:00, yesterday 21:00; empty leaves it running) "), !answer.trimmed.isEmpty else {
                        throw Failure("the timer is still running; nothing was logged", .refused)
                    }
                    do {
                        let when = try Parse.time(answer, flag: "the end", calendar: try ctx.calendar(), now: ctx.now).epochSeconds
                        Output.line(try ctx.perform(.stopTimer(at: when, expected: asked)).summary)
                        return
                    } catch let retry as Failure where retry.status == .usage {
                        Output.line(retry.message)
                    } catch let retry as OperationError where retry.kind == .invalid || retry.kind == .conflict {
                        Output.line(retry.message)
                    }
                }
            }
        }
    }

    struct Switch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "switch", abstract: "Stop the running timer (logging it) and start one on another course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        @Option(help: ArgumentHelp("When you switched, if not now.", valueName: "TIME")) var at: String?
        @Option(help: "A note for the new session.") var note: String = ""
        func run() throws {
            let ctx = try storeOptions.context()
            let calendar = try ctx.calendar()
            let when = try at.map { try Parse.time($0, flag: "--at", calendar: calendar, now: ctx.now) } ?? calendar.timestamp(ctx.now)
            Output.line(try ctx.perform(.switchTimer(courseID: try ctx.course(course), at: when, note: note, expected: nil)).summary)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Stop the timer without logging anything.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.cancelTimer(expected: nil)).summary)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the running timer.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(Report.timerLine(try ctx.timer(), learner: try ctx.learner(), now: ctx.now))
        }
    }
}

struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "week", abstract: "This week's study: minutes per day, goal, per course.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Weeks back from this one (1 = last week).") var ago: Int = 0
    @Option(help: ArgumentHelp("Only this course.", valueName: "ID")) var course: String?

    func validate() throws {
        guard (0...5200).contains(ago) else { throw ValidationError("--ago must be from 0 to 5200 weeks") }
    }

    func run() throws {
        let ctx = try storeOptions.context()
        let learner = try ctx.learner()
        let course = try self.course.map { try ctx.course($0) }
        if let course, learner.course(course) == nil { throw Failure.usage(CourseLookup.unknown(course, in: learner)) }
        let today = try ctx.today()
        guard today.adding(days: -7 * ago - 6).isInRange else { throw Failure.usage("--ago \(ago) goes back before the year 0001") }
        let history = try ctx.history(Report.weekDays(calendar: try ctx.calendar(), today: today, ago: ago), courseID: course)
        Output.line(Report.week(learner, history: history, today: today, ago: ago, courseID: course))
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "The dashboard as plain text, for scripts, screen readers and TERM=dumb.")
    @OptionGroup var storeOptions: StoreOptions
    func run() throws {
        let ctx = try storeOptions.context()
        let history = try ctx.history(Report.statusDays(calendar: try ctx.calendar(), today: try ctx.today()))
        Output.line(Report.status(try ctx.learner(), timer: try ctx.timer(), history: history, now: ctx.now, fullTitles: !Output.toTerminal))
    }
}
