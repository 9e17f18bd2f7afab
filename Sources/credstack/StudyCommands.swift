import ArgumentParser
import CredStackCore
import CredStackStore

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log study time: credstack log 45m aws-cloud [--at 18:30] [--note \"...\"].",
        discussion: "Durations: 45m, 1h30m, 1.5h, 90min. Without --at the session is taken to have just ended.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("How long, e.g. 45m or 1h30m.", valueName: "DURATION")) var duration: String
    @Argument(help: ArgumentHelp("The course id.", valueName: "COURSE")) var course: String
    @Option(help: ArgumentHelp("When it started: 18:30, yesterday 18:30, 2026-11-28 18:30.", valueName: "TIME")) var at: String?
    @Option(help: "A short note.") var note: String = ""

    func run() throws {
        try guarded {
            let seconds = try Parse.duration(duration)
            let store = storeOptions.resolved
            let snapshot = try store.load()
            let learner = snapshot.learner
            guard learner.course(course) != nil else { throw Parse.unknownCourse(course, in: learner) }
            let ctx = Context(profile: learner.profile)
            let start: Timestamp
            if let at {
                guard let t = TimeInput.time(at, now: ctx.now, calendar: ctx.calendar) else {
                    throw Parse.usage("--at: \"\(at)\" is not a time; expected \(TimeInput.timeForm)")
                }
                start = t
            } else {
                start = ctx.calendar.timestamp(ctx.now - Int64(seconds))
            }
            if start.epochSeconds > ctx.now + 60 { throw Parse.usage("--at: \(start) is in the future; log time you have studied") }
            let session = StudySession(start: start, durationSeconds: seconds, courseID: course, note: note)
            try store.append([session])
            // The log was read once already; the week total needs only the session just added on top.
            let week = StudyHistory(sessions: snapshot.sessions + [session], calendar: ctx.calendar).week(containing: ctx.today)
            print("Logged \(StudyDuration.label(seconds: seconds)) on \(course). This week: "
                  + "\(StudyDuration.label(minutes: week.totalMinutes)) of \(StudyDuration.label(minutes: learner.profile.weeklyGoalMinutes)).")
        }
    }
}

struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timer", abstract: "A study timer that keeps running after you close the terminal.",
                                                    subcommands: [Start.self, Stop.self, Status.self, Cancel.self], defaultSubcommand: Status.self)

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start timing study on a course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE")) var course: String
        @Option(help: "A note for the session.") var note: String = ""
        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                let learner = try store.load().learner
                guard learner.course(course) != nil else { throw Parse.unknownCourse(course, in: learner) }
                let ctx = Context(profile: learner.profile)
                let started = ctx.calendar.timestamp(ctx.now)
                try store.startTimer(RunningTimer(courseID: course, started: started, note: note))
                print("Timer started on \(course) at \(started.clockLabel). Stop it with: credstack timer stop")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the timer and log the session.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                let ctx = Context(profile: try store.load().learner.profile)
                let session = try store.stopTimer(now: ctx.now)
                print("Logged \(StudyDuration.label(seconds: session.durationSeconds)) on \(session.courseID) (from \(session.start.clockLabel)).")
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the timer without logging anything.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                let ctx = Context(profile: try store.load().learner.profile)
                let session = try store.stopTimer(now: ctx.now, discard: true)
                print("Timer on \(session.courseID) cancelled; nothing logged.")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the running timer.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let snap = try storeOptions.resolved.load()
                let ctx = Context(profile: snap.learner.profile)
                print(Report.timerLine(snap.timer, learner: snap.learner, now: ctx.now))
            }
        }
    }
}

struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "This week's study: minutes per day, goal, per course.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Weeks back from this one (1 = last week).") var ago: Int = 0
    @Option(help: ArgumentHelp("Only this course.", valueName: "ID")) var course: String?

    func validate() throws {
        guard (0...5200).contains(ago) else { throw ValidationError("--ago must be from 0 to 5200 weeks") }
    }

    func run() throws {
        try guarded {
            let snap = try storeOptions.resolved.load()
            if let course, snap.learner.course(course) == nil { throw Parse.unknownCourse(course, in: snap.learner) }
            let ctx = Context(profile: snap.learner.profile)
            print(Report.week(snap, context: ctx, ago: ago, courseID: course))
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The dashboard as plain text, for scripts, screen readers and TERM=dumb.")
    @OptionGroup var storeOptions: StoreOptions
    func run() throws {
        try guarded {
            let snap = try storeOptions.resolved.load()
            for w in snap.warnings { Output.warn(w) }
            print(Report.status(snap, context: Context(profile: snap.learner.profile)))
        }
    }
}
