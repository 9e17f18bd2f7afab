import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore

struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "course", abstract: "Add, change, list, show or remove courses.",
                                                    subcommands: [Add.self, Edit.self, List.self, Show.self, Remove.self],
                                                    defaultSubcommand: List.self)

    /// The course fields `add` and `edit` share; each becomes a change only when given.
    struct Fields: ParsableArguments {
        @Option(help: "Title (any language).") var title: String?
        @Option(help: "Who offers it.") var provider: String?
        @Option(help: "e.g. Data, Cloud, Security, AI.") var category: String?
        @Option(help: "How it is taught (unknown until you say; an online cap counts unknown as online).") var mode: StudyMode?
        @Option(help: "Where you are with it.") var status: CourseStatus?
        @Option(help: ArgumentHelp("Modules done/total, e.g. 3/10.", valueName: "DONE/TOTAL")) var modules: String?
        @Option(help: ArgumentHelp("Start date (\"\" clears it).", valueName: "DATE")) var start: String?
        @Option(help: ArgumentHelp("Due date (\"\" clears it).", valueName: "DATE")) var due: String?
        @Option(help: "Notional workload in hours.") var hours: String?
        @Option(help: "Credits the course declares.") var credits: String?
        @Option(name: .customLong("credit-system"), help: ArgumentHelp("The credit system its credits are in, e.g. NCrF or ECTS.", valueName: "NAME")) var creditSystem: String?
        @Option(name: .customLong("online-share"), help: ArgumentHelp("For a blended course: the share taught online, 0 to 1 (an online cap counts it; half if not given).", valueName: "SHARE")) var onlineShare: String?
        @Option(help: "Level, e.g. 4.5 (NCrF) or EQF 5.") var level: String?
        @Option(help: ArgumentHelp("Comma-separated skills; quote one that holds a comma: 'sql, \"C, C++\"'.", valueName: "A,B,...")) var skills: String?
        @Option(help: "What it teaches, in a sentence.") var about: String?
        @Option(help: ArgumentHelp("Fee paid, e.g. \"49.99 USD\".", valueName: "AMOUNT CUR")) var fee: String?

        /// The changes the given flags ask for, each parsed by the field's own grammar.
        func patch(today: LocalDate) throws -> CoursePatch {
            var patch = CoursePatch()
            let texts: [(CourseField, String?)] = [(.title, title), (.provider, provider), (.category, category), (.modules, modules),
                                                  (.start, start), (.due, due), (.hours, hours), (.credits, credits), (.level, level),
                                                  (.skills, skills), (.about, about), (.fee, fee), (.creditSystem, creditSystem),
                                                  (.onlineShare, onlineShare)]
            for (field, text) in texts {
                guard let text else { continue }
                patch.set(try Parse.change(field.parse(text, today: today), flag: "--\(field.rawValue)", text))
            }
            if let mode { patch.set(.mode(mode)) }
            if let status { patch.set(.status(status)) }
            return patch
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a course.",
                                                        discussion: "Example: credstack course add aws-cloud --title \"AWS Cloud Practitioner\" --provider AWS --category Cloud --credits 2 --due 2026-12-15")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("A short id you will type, e.g. aws-cloud.", valueName: "ID")) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let ctx = try storeOptions.context()
            let id = try Parse.courseID(id)
            guard fields.title != nil else { throw Failure.usage("a course needs a title: add --title \"...\"") }
            let course = try fields.patch(today: try ctx.today()).applied(to: Course(id: id, title: ""))
            Output.line(try ctx.perform(.addCourse(course)).summary)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change fields of a course; only those given are written (pass \"\" to clear one).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID"), completion: CourseCompletion.kind) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let ctx = try storeOptions.context()
            let patch = try fields.patch(today: try ctx.today())
            guard !patch.isEmpty else { throw Failure.usage("say what to change, e.g. --status completed (credstack course edit --help lists the fields)") }
            Output.line(try ctx.perform(.editCourse(id: try ctx.course(id), patch, expected: nil)).summary)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List courses.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let ctx = try storeOptions.context()
            let learner = try ctx.learner()
            if learner.courses.isEmpty {
                Output.line("No courses yet. Add one: credstack course add ID --title \"Course title\"")
                return
            }
            Output.line(Report.courseTable(learner.courses, today: try ctx.today(), fullTitles: !Output.toTerminal))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every field of a course, its credential and its latest sessions.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID"), completion: CourseCompletion.kind) var id: String
        func run() throws {
            let ctx = try storeOptions.context()
            let learner = try ctx.learner()
            guard let course = learner.course(try ctx.course(id)) else { throw Failure.usage(CourseLookup.unknown(id, in: learner)) }
            Output.line(Report.courseDetail(course, sessions: try ctx.sessions(of: course.id), calendar: try ctx.calendar(), today: try ctx.today()))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a course. A course with logged sessions needs --with-sessions.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "ID"), completion: CourseCompletion.kind) var id: String
        @Flag(help: "Also delete the course's sessions from the study log.") var withSessions = false

        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.removeCourse(id: try ctx.course(id), sessions: withSessions ? .all : .none, expected: nil)).summary)
        }
    }
}

struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credential", abstract: "Record, change, remove or redeem the credential a course earned.",
                                                    subcommands: [Add.self, Edit.self, Remove.self, Redeem.self])

    /// The credential fields `add` and `edit` share.
    struct Fields: ParsableArguments {
        @Option(name: .customLong("by"), help: "The awarding body.") var awardedBy: String?
        @Option(help: ArgumentHelp("Date issued.", valueName: "DATE")) var issued: String?
        @Option(help: ArgumentHelp("Expiry date, if any (\"\" clears it).", valueName: "DATE")) var expires: String?
        @Option(name: .customLong("id"), help: "Credential id.") var credentialID: String?
        @Option(help: "Where it can be verified.") var url: String?
        @Option(help: "Credits earned.") var credits: String?
        @Option(help: "How it was assessed, e.g. proctored exam.") var assessment: String?
        @Option(help: "Grade or result.") var grade: String?
        @Option(name: .customLong("credit-system"), help: ArgumentHelp("The credit system its credits are in, e.g. NCrF or ECTS (default: the course's).", valueName: "NAME")) var creditSystem: String?

        func patch(today: LocalDate) throws -> CredentialPatch {
            var patch = CredentialPatch()
            let texts: [(CredentialField, String, String?)] = [(.awardedBy, "--by", awardedBy), (.issued, "--issued", issued), (.expires, "--expires", expires),
                                                               (.credentialID, "--id", credentialID), (.url, "--url", url), (.credits, "--credits", credits),
                                                               (.assessment, "--assessment", assessment), (.grade, "--grade", grade),
                                                               (.creditSystem, "--credit-system", creditSystem)]
            for (field, flag, text) in texts {
                guard let text else { continue }
                patch.set(try Parse.change(field.parse(text, today: today), flag: flag, text))
            }
            return patch
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record an earned credential on a course (it marks the course completed).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        @OptionGroup var fields: Fields
        @Flag(help: "Replace a credential already recorded.") var replace = false

        func run() throws {
            let ctx = try storeOptions.context()
            guard fields.awardedBy != nil, fields.issued != nil else { throw Failure.usage("a credential needs --by (who awarded it) and --issued (when)") }
            let patch = try fields.patch(today: try ctx.today())
            Output.line(try ctx.perform(.recordCredential(courseID: try ctx.course(course), patch, mode: replace ? .replace : .new, expected: nil)).summary)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change fields of a recorded credential; only those given are written.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        @OptionGroup var fields: Fields

        func run() throws {
            let ctx = try storeOptions.context()
            let patch = try fields.patch(today: try ctx.today())
            guard !patch.isEmpty else { throw Failure.usage("say what to change, e.g. --credits 4") }
            let course = try ctx.course(self.course)
            guard try ctx.learner().course(course)?.credential != nil || (fields.awardedBy != nil && fields.issued != nil) else {
                throw Failure("\(course) has no credential recorded; record one with `credstack credential add \(course) --by ... --issued ...`", .refused)
            }
            Output.line(try ctx.perform(.recordCredential(courseID: course, patch, mode: .edit, expected: nil)).summary)
        }
    }

    struct Redeem: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "redeem",
            abstract: "Mark a credential's credits as redeemed for an award (ABC): other pathways stop counting them unless they stack on it.",
            discussion: "Example: credstack credential redeem aws-cloud ug-certificate. Undo with --undo.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        @Argument(help: ArgumentHelp("The pathway the credits were redeemed for.", valueName: "PATHWAY")) var pathway: String?
        @Flag(help: "Clear the redemption.") var undo = false

        func validate() throws {
            if undo == (pathway != nil) { throw ValidationError(undo ? "--undo takes no PATHWAY" : "say which PATHWAY the credits were redeemed for, or --undo") }
        }

        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.redeemCredential(courseID: try ctx.course(course), pathwayID: pathway, expected: nil)).summary)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove the credential recorded on a course.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("", valueName: "COURSE"), completion: CourseCompletion.kind) var course: String
        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.removeCredential(courseID: try ctx.course(course), expected: nil)).summary)
        }
    }
}
