import ArgumentParser
import CredStackCore
import CredStackStore
import CredStackTUI
import Foundation

struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "course", abstract: "Add, change, list, show or remove courses.",
                                                    subcommands: [Add.self, Edit.self, List.self, Show.self, Remove.self],
                                                    defaultSubcommand: List.self)

    /// The course fields shared by `add` and `edit`; each is applied only when given.
    struct Fields: ParsableArguments {
        @Option(help: "Title (any language).") var title: String?
        @Option(help: "Who offers it.") var provider: String?
        @Option(help: "e.g. Data, Cloud, Security, AI.") var category: String?
        @Option(help: "online, blended or on-site.") var mode: String?
        @Option(help: "planned, enrolled, paused, completed or dropped.") var status: String?
        @Option(help: ArgumentHelp("Modules done/total, e.g. 3/10.", valueName: "DONE/TOTAL")) var modules: String?
        @Option(help: ArgumentHelp("Start date.", valueName: "DATE")) var start: String?
        @Option(help: ArgumentHelp("Due date.", valueName: "DATE")) var due: String?
        @Option(help: "Notional workload in hours.") var hours: String?
        @Option(help: "Credits the course declares.") var credits: String?
        @Option(help: "Level, e.g. 4.5 (NCrF) or EQF 5.") var level: String?
        @Option(help: ArgumentHelp("Comma-separated skills.", valueName: "A,B,...")) var skills: String?
        @Option(help: ArgumentHelp("Fee paid, e.g. \"49.99 USD\".", valueName: "AMOUNT CUR")) var fee: String?

        func apply(to course: inout Course, today: LocalDate) throws {
            if let title {
                guard !title.trimmed.isEmpty else { throw Parse.usage("--title: a course needs a title") }
                course.title = title
            }
            if let provider { course.provider = provider }
            if let category { course.category = category }
            if let mode { course.mode = try Parse.choice(mode, StudyMode.self, field: "--mode") }
            if let status { course.status = try Parse.choice(status, CourseStatus.self, field: "--status") }
            if let modules { (course.modulesDone, course.modulesTotal) = try Parse.modules(modules) }
            if let start { course.start = start.isEmpty ? nil : try Parse.date(start, today: today, field: "--start") }
            if let due { course.due = due.isEmpty ? nil : try Parse.date(due, today: today, field: "--due") }
            if let hours { course.hours = hours.isEmpty ? nil : try Parse.number(hours, field: "--hours", max: 100_000) }
            if let credits { course.credits = credits.isEmpty ? nil : try Parse.number(credits, field: "--credits", max: 1_000) }
            if let level { course.level = level.isEmpty ? nil : level }
            if let skills {
                course.skills = skills.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
            }
            if let fee { course.fee = fee.isEmpty ? nil : try Parse.fee(fee) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a course.",
                                                        discussion: "Example: credstack course add aws-cloud --title \"AWS Cloud Practitioner\" --provider AWS --category Cloud --credits 2 --due 2026-12-15")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("A short id you will type, e.g. aws-cloud.", valueName: "ID")) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            try guarded {
                let id = try Parse.courseID(id)
                guard fields.title != nil else { throw Parse.usage("a course needs a title: add --title \"...\"") }
                let store = storeOptions.resolved
                let learner = try store.updateLearner { learner in
                    if learner.course(id) != nil { throw StoreError.rejected("a course \"\(id)\" already exists; change it with `credstack course edit \(id)`") }
                    var course = Course(id: id, title: "")
                    try fields.apply(to: &course, today: Context(profile: learner.profile).today)
                    learner.courses.append(course)
                }
                print("Added \(id): \(Output.safe(learner.course(id)!.title))")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a course (pass \"\" to clear a date or number).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID")) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            try guarded {
                try storeOptions.resolved.updateLearner { learner in
                    guard let i = learner.courseIndex(id) else { throw Parse.unknownCourse(id, in: learner) }
                    try fields.apply(to: &learner.courses[i], today: Context(profile: learner.profile).today)
                }
                print("Saved \(id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List courses.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let snap = try storeOptions.resolved.load()
                let ctx = Context(profile: snap.learner.profile)
                if snap.learner.courses.isEmpty {
                    print("No courses yet. Add one: credstack course add ID --title \"Course title\"")
                    return
                }
                print(Report.courseTable(snap.learner.courses, today: ctx.today))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every field of a course, its credential and sessions.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID")) var id: String
        func run() throws {
            try guarded {
                let snap = try storeOptions.resolved.load()
                guard let course = snap.learner.course(id) else { throw Parse.unknownCourse(id, in: snap.learner) }
                let ctx = Context(profile: snap.learner.profile)
                print(Report.courseDetail(course, sessions: snap.sessions.filter { $0.courseID == id }, context: ctx))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a course. A course with logged sessions needs --with-sessions.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID")) var id: String
        @Flag(help: "Also delete the course's sessions from the study log.") var withSessions = false

        func run() throws {
            try guarded {
                let store = storeOptions.resolved
                let snap = try store.load()
                guard snap.learner.course(id) != nil else { throw Parse.unknownCourse(id, in: snap.learner) }
                if snap.timer?.courseID == id { throw StoreError.rejected("a timer is running for \(id); stop or cancel it first") }
                let count = snap.sessions.filter { $0.courseID == id }.count
                if count > 0 && !withSessions {
                    throw StoreError.rejected("\(id) has \(count) logged session\(count == 1 ? "" : "s"); nothing was removed. "
                        + "Mark it dropped (`credstack course edit \(id) --status dropped`) or pass --with-sessions to delete them too")
                }
                let removed = count > 0 ? try store.removeSessions { $0.courseID == id } : 0
                try store.updateLearner { learner in learner.courses.removeAll { $0.id == id } }
                print("Removed \(id)" + (removed > 0 ? " and its \(removed) session\(removed == 1 ? "" : "s")." : "."))
            }
        }
    }
}

struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credential", abstract: "Record, remove or redeem the credential a course earned.",
                                                    subcommands: [Add.self, Remove.self, Redeem.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an earned credential on a course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE")) var course: String
        @Option(name: .customLong("by"), help: "The awarding body.") var awardedBy: String
        @Option(help: ArgumentHelp("Date issued.", valueName: "DATE")) var issued: String
        @Option(help: ArgumentHelp("Expiry date, if any.", valueName: "DATE")) var expires: String?
        @Option(name: .customLong("id"), help: "Credential id.") var credentialID: String?
        @Option(help: "Where it can be verified.") var url: String?
        @Option(help: "Credits earned.") var credits: String?
        @Option(help: "How it was assessed, e.g. proctored exam.") var assessment: String?
        @Option(help: "Grade or result.") var grade: String?
        @Flag(help: "Replace a credential already recorded.") var replace = false

        func run() throws {
            try guarded {
                try storeOptions.resolved.updateLearner { learner in
                    guard let i = learner.courseIndex(course) else { throw Parse.unknownCourse(course, in: learner) }
                    if learner.courses[i].credential != nil && !replace {
                        throw StoreError.rejected("\(course) already has a credential; pass --replace to overwrite it")
                    }
                    let today = Context(profile: learner.profile).today
                    var c = Credential(awardedBy: awardedBy, issued: try Parse.date(issued, today: today, field: "--issued"))
                    c.expires = try expires.map { try Parse.date($0, today: today, field: "--expires") }
                    if let e = c.expires, e <= c.issued { throw Parse.usage("--expires: \(e) is not after the issue date \(c.issued)") }
                    c.credentialID = credentialID
                    c.url = url
                    c.credits = try credits.map { try Parse.number($0, field: "--credits", max: 1_000) }
                    c.assessment = assessment
                    c.grade = grade
                    learner.courses[i].credential = c
                    if learner.courses[i].status != .completed { learner.courses[i].status = .completed }
                }
                print("Recorded the credential for \(course).")
            }
        }
    }

    struct Redeem: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a credential's credits as redeemed for an award (ABC): other pathways stop counting them unless they stack on it.",
            discussion: "Example: credstack credential redeem aws-cloud ug-certificate. Undo with --undo.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE")) var course: String
        @Argument(help: ArgumentHelp("The pathway the credits were redeemed for.", valueName: "PATHWAY")) var pathway: String?
        @Flag(help: "Clear the redemption.") var undo = false

        func validate() throws {
            if undo == (pathway != nil) { throw ValidationError(undo ? "--undo takes no PATHWAY" : "say which PATHWAY the credits were redeemed for, or --undo") }
        }

        func run() throws {
            try guarded {
                try storeOptions.resolved.updateLearner { learner in
                    guard let i = learner.courseIndex(course) else { throw Parse.unknownCourse(course, in: learner) }
                    guard learner.courses[i].credential != nil else { throw StoreError.rejected("\(course) has no credential recorded") }
                    if let pathway, !learner.pathways.contains(where: { $0.id == pathway }) { throw PathwayCommand.unknown(pathway, in: learner) }
                    learner.courses[i].credential!.redeemedFor = pathway
                }
                print(undo ? "\(course)'s credits are no longer marked as redeemed." : "\(course)'s credits are marked as redeemed for \(pathway!).")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the credential recorded on a course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE")) var course: String
        func run() throws {
            try guarded {
                try storeOptions.resolved.updateLearner { learner in
                    guard let i = learner.courseIndex(course) else { throw Parse.unknownCourse(course, in: learner) }
                    guard learner.courses[i].credential != nil else { throw StoreError.rejected("\(course) has no credential recorded") }
                    learner.courses[i].credential = nil
                }
                print("Removed the credential of \(course).")
            }
        }
    }
}
