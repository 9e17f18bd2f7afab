import ArgumentParser
import Foundation
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackText

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Add, list, show or remove course catalogs the planner chooses from.",
        discussion: """
        A catalog lists courses an institution recognises (docs/FORMAT.md, "Catalogs"). Yours are kept in the \
        store's catalogs folder; shared ones, installed once for every learner of a machine, are read from \
        $XDG_CONFIG_HOME/credstack/catalogs, then each $XDG_DATA_DIRS folder's credstack/catalogs \
        (/usr/local/share, /usr/share). The first catalog of an id wins.
        """,
        subcommands: [Add.self, List.self, Show.self, Remove.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Check a catalog file and keep a copy of it in your store.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The catalog file (TOML).", valueName: "FILE"), completion: .file(extensions: ["toml"])) var file: String
        @Option(help: ArgumentHelp("Its id in your store (default: the file's name without .toml).", valueName: "ID")) var id: String?
        @Flag(help: "Replace a catalog of that id already in your store.") var replace = false

        func run() throws {
            let ctx = try storeOptions.context()
            guard let catalogID = try id.map(Parse.courseID) ?? Catalogs.id(fromPath: file) else {
                throw Failure.usage("\(file): a catalog's id comes from its file name (a-z, 0-9 and -, like ncrf-2027.toml); give one with --id")
            }
            guard let bytes = try Catalogs.bytes(ofFile: file) else {
                throw Failure("\(file): no such file", .noInput)
            }
            let outcome = try ctx.perform(.addCatalog(id: catalogID, bytes: bytes, source: file, replace: replace))
            Output.line(outcome.summary + " Plan with it: credstack plan PATHWAY")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The catalogs the planner reads, where each comes from.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let ctx = try storeOptions.context()
            let (loaded, problems) = Catalogs.available(store: ctx.store, environment: ProcessInfo.processInfo.environment)
            if loaded.isEmpty {
                Output.line("No catalogs yet. Add one: credstack catalog add FILE (docs/FORMAT.md, \"Catalogs\"); `credstack demo` has an example.")
            }
            for l in loaded {
                let c = l.catalog
                Output.line("\(TextWidth.fit(c.id, max(18, TextWidth.of(c.id))))  \(c.name), \(c.courses.count) course\(c.courses.count == 1 ? "" : "s")"
                            + (c.example ? " [example data]" : "") + " (\(l.origin.label))")
            }
            for p in problems { Output.warn(p) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The courses of one catalog.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The catalog id.", valueName: "ID")) var id: String
        func run() throws {
            let ctx = try storeOptions.context()
            let loaded = try CatalogCommand.find(id, ctx)
            let today = (try? ctx.today()) ?? StudyCalendar(profile: Profile()).localDay(of: ctx.now)
            let c = loaded.catalog
            Output.line("\(c.name)" + (c.institution.isEmpty ? "" : ", \(c.institution)") + (c.example ? " [example data]" : "") + " (\(loaded.origin.label))")
            let width = min(22, c.courses.map { TextWidth.of($0.id) }.max() ?? 2)
            for course in c.courses {
                let credits = course.credits.map { CreditFormat.label($0) + " cr" } ?? course.hours.map { CreditFormat.label($0) + " h" } ?? "-"
                Output.line("  \(TextWidth.fit(course.id, width))  \(TextWidth.fit(course.title, 40))  \(TextWidth.fit(course.category, 12))"
                            + "  \(TextWidth.fit(credits, 6))  \(TextWidth.fit(course.level ?? "-", 8))  \(TextWidth.fit(course.fee?.label ?? "-", 10))"
                            + "  \(TextWidth.fit(course.mode.rawValue, 7))  \(course.startLabel(after: today))")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a catalog you added from your store.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The catalog id.", valueName: "ID")) var id: String
        func run() throws {
            let ctx = try storeOptions.context()
            // A file in the store goes even when it does not read (that may be why it is being removed).
            if Course.isValidID(id), try ctx.store.catalogExists(id) {
                Output.line(try ctx.perform(.removeCatalog(id: id)).summary)
                return
            }
            let loaded = try CatalogCommand.find(id, ctx)
            guard case .system = loaded.origin else {
                throw Failure.usage("catalog \(id) is not in your store but in \(loaded.path); remove that file yourself if you no longer want it")
            }
            throw Failure.usage("catalog \(id) is shared (\(loaded.path)): an administrator installed it for every learner, so only they can remove it")
        }
    }

    static func find(_ id: String, _ ctx: CLIContext) throws -> Catalogs.Loaded {
        let (loaded, problems) = Catalogs.available(store: ctx.store, environment: ProcessInfo.processInfo.environment)
        for p in problems { Output.warn(p) }
        if let l = loaded.first(where: { $0.catalog.id == id }) { return l }
        let near = loaded.map(\.catalog.id).min { EditDistance.between(id, $0) < EditDistance.between(id, $1) }
        throw Failure.usage("no catalog \"\(id)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "; there are none yet (credstack catalog add FILE)"))
    }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan",
        abstract: "The cheapest, soonest or shortest route of catalog courses to a pathway's award.",
        discussion: """
        Chooses catalog courses that, with the credits you hold and the courses under way, meet every rule of \
        the pathway (total, category minimums, online cap with whole courses, level, required courses, shelf \
        life on the day the route ends), and proves the choice optimal. Examples:
          credstack plan ug-cert-data
          credstack plan ug-cert-data --by time --hours-per-week 8
          credstack plan ug-cert-data --budget 30000 INR --rate USD=84 --exclude big-data
        How routes are scheduled and compared: docs/PLANNER.md.
        """)
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum Objective: String, ExpressibleByArgument, CaseIterable { case cost, time, courses }

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("The pathway you follow: its id, or the template it came from.", valueName: "PATHWAY")) var pathway: String
    @Option(help: "What to optimise: cost (total fee), time (the day every rule is met) or courses (how many).") var by: Objective = .cost
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Spend at most this: an amount and currency (--budget 30000 INR).", valueName: "AMOUNT CUR"))
    var budget: [String] = []
    @Option(help: ArgumentHelp("Study hours a week to plan with (default: your pace, else your weekly goal).", valueName: "H"))
    var hoursPerWeek: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Catalog courses not to take.", valueName: "ID")) var exclude: [String] = []
    @Option(help: ArgumentHelp("How many of the budget's (or the main) currency one of another is: --rate USD=84. Repeat for more.", valueName: "CUR=N"))
    var rate: [String] = []
    @Option(help: "text (default) or json.") var format: Format = .text

    func run() throws {
        let ctx = try storeOptions.context()
        let learner = try ctx.learner()
        // A pathway by its id, or by the template or award it follows (`plan ug-certificate`).
        let target = try learner.pathway(pathway) ?? learner.pathways.first { $0.template == pathway || $0.awardKey == pathway }
            ?? PathwayCommand.find(pathway, in: learner)
        let today = try ctx.today()
        let (loaded, problems) = Catalogs.available(store: ctx.store, environment: ProcessInfo.processInfo.environment)
        for p in problems { Output.warn(p) }
        if loaded.isEmpty { Output.warn("no catalogs: planning with your own planned courses only (credstack catalog add FILE)") }
        let catalog = loaded.map(\.catalog).mergedCourses

        var hours: (hours: Double, source: String)
        if let typed = hoursPerWeek {
            guard case .success(let h) = FieldText.number(typed, in: 0.5...112) else {
                throw Failure.usage("--hours-per-week: expected hours between 0.5 and 112, like 6 or 7.5, found \"\(typed)\"")
            }
            hours = (h, "as you said (--hours-per-week)")
        } else {
            hours = PlanPace.hoursPerWeek(history: try ctx.wholeHistory(), learner: learner, today: today)
        }
        let (budget, rates) = (try parsedBudget(), try parsedRates())
        if let budget, let rate = rates[budget.currency] {
            throw Failure.usage("--rate \(budget.currency)=\(CreditFormat.label(rate)): \(budget.currency) is the budget's currency, the one the other rates"
                                + " are given in; give theirs in \(budget.currency) (like --rate INR=0.012 for a budget in USD)")
        }
        var request = PlanRequest(pathway: target, learner: learner, catalog: catalog, today: today, hoursPerWeek: hours.hours,
                                  objective: PlanObjective(rawValue: by.rawValue)!, budget: budget, rates: rates,
                                  exclude: Set(try excluded(catalog, learner)))
        let outcome = RoutePlanner.plan(request)
        var alternatives: [(PlanObjective, PlanOutcome)] = []
        if case .route = outcome {
            for objective in PlanObjective.allCases {
                if objective == request.objective { alternatives.append((objective, outcome)); continue }
                request.objective = objective
                // The others are for comparison: a shorter search (the side-by-side marks one that stopped).
                request.nodeLimit = PlanRequest.quickSteps
                request.tieSteps = PlanRequest.quickTieSteps
                alternatives.append((objective, RoutePlanner.plan(request)))
            }
        }
        let report = RoutePlanReport(pathway: target, outcome: outcome, alternatives: alternatives, hoursSource: hours.source,
                                     today: today, weekStart: learner.profile.weekStart)
        if format == .json { Output.data(Array(report.json.utf8)) } else { Output.line(report.text) }
        if case .impossible = outcome { throw ExitCode(1) }
    }

    private func parsedBudget() throws -> PlanBudget? {
        guard !budget.isEmpty else { return nil }
        guard let fee = Fee.parse(budget.joined(separator: " ")), let amount = Double(fee.amount) else {
            throw Failure.usage("--budget: expected an amount and a currency, like --budget 30000 INR, found \"\(budget.joined(separator: " "))\"")
        }
        return PlanBudget(amount: amount, currency: fee.currency)
    }

    private func parsedRates() throws -> [String: Double] {
        var out: [String: Double] = [:]
        for text in rate {
            let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard parts.count == 2, let fee = Fee.parse("1 \(parts[0])"), case .success(let n) = FieldText.number(parts[1], in: 0.000001...1e9) else {
                throw Failure.usage("--rate: expected a currency and how many of the main currency it is worth, like --rate USD=84, found \"\(text)\"")
            }
            if out[fee.currency] != nil { throw Failure.usage("--rate: \(fee.currency) is given twice; give each currency's rate once") }
            out[fee.currency] = n
        }
        return out
    }

    private func excluded(_ catalog: [CatalogCourse], _ learner: Learner) throws -> [String] {
        let ids = exclude.flatMap { $0.split(separator: ",").map { String($0).trimmed.lowercased() } }.filter { !$0.isEmpty }
        let known = Set(catalog.map(\.id) + learner.courses.map(\.id))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            let near = known.min { EditDistance.between(unknown, $0) < EditDistance.between(unknown, $1) }
            throw Failure.usage("--exclude: no catalog course \"\(unknown)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? ""))
        }
        return ids
    }
}
