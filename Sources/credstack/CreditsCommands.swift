import ArgumentParser
import Foundation
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackText

struct Credits: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credits",
        abstract: "How your credits stack toward each pathway, with the reason behind every number.",
        discussion: "The same figures as the dashboard's Credits pane: counted, in progress, missing per rule, credentials that do not count and why, the projected date at your pace (measured since you began, 2 to 12 weeks), the next best course, and cost per credit where fees are known. --format json gives the same report as data. The rules and their sources: docs/CREDITS.md.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("Only this pathway.", valueName: "PATHWAY")) var pathway: String?
    @Option(help: "text (default) or json.") var format: Format = .text

    func run() throws {
        let ctx = try storeOptions.context()
        let learner = try ctx.learner()
        if let pathway { _ = try PathwayCommand.find(pathway, in: learner) }
        let today = try ctx.today()
        let history = try ctx.wholeHistory()
        let reports = CreditEngine.evaluateAll(learner, history: history, today: today)
            .filter { pathway == nil || $0.pathway.id == pathway }
        if format == .json {
            Output.data(Array(CreditsJSON(reports, today: today).text.utf8))
            return
        }
        guard !reports.isEmpty else {
            Output.line("No pathways followed yet. Add one from a template: credstack pathway add --template ug-certificate")
            Output.line("(credstack pathway templates lists them.)")
            return
        }
        Output.line(reports.map { report in
            report.explanation(today: today).map { String(repeating: "  ", count: $0.depth) + $0.text }.joined(separator: "\n")
        }.joined(separator: "\n\n"))
    }
}

struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pathway", abstract: "Follow, list or drop pathways (certificates, diplomas, degrees).",
                                                    subcommands: [Add.self, List.self, Templates.self, Remove.self],
                                                    defaultSubcommand: List.self)

    static func find(_ id: String, in learner: Learner) throws -> Pathway {
        if let p = learner.pathway(id) { return p }
        let near = learner.pathways.map(\.id).min { EditDistance.between(id, $0) < EditDistance.between(id, $1) }
        throw Failure.usage("no pathway \"\(id)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "; you follow no pathways yet"))
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Follow a pathway, copied from a shipped template into pathways/ID.toml.",
            discussion: "Example: credstack pathway add --template ug-certificate --id ug-cert-data --name \"UG Certificate in Data Science\". Change its rules afterwards with credstack edit pathway ID (docs/FORMAT.md).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("The template: see `credstack pathway templates`.", valueName: "NAME")) var template: String
        @Option(help: ArgumentHelp("Its id in your store (default: the template's).", valueName: "ID")) var id: String?
        @Option(help: "Its name (default: the template's).") var name: String?

        func run() throws {
            let ctx = try storeOptions.context()
            let env = ProcessInfo.processInfo.environment
            guard var pathway = try PathwayTemplates.resolve(template, environment: env)?.pathway else {
                let names = PathwayTemplates.available(environment: env).templates.map(\.name)
                throw Failure.usage("no template \"\(template)\"; choose one of \(names.joined(separator: ", ")) (credstack pathway templates), or give a file's path")
            }
            if let id { pathway.id = try Parse.courseID(id) }
            if let name {
                guard !name.trimmed.isEmpty else { throw Failure.usage("--name: a pathway needs a name") }
                pathway.name = name
            }
            let outcome = try ctx.perform(.followPathway(pathway))
            Output.line(outcome.summary + " See it with: credstack credits \(pathway.id)")
            if case .pathwayFollowed(_, let warnings) = outcome { for w in warnings { Output.warn(w) } }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The pathways you follow.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let learner = try storeOptions.context().learner()
            if learner.pathways.isEmpty { Output.line("No pathways yet: credstack pathway add --template NAME (credstack pathway templates)") }
            for p in learner.pathways {
                Output.line("\(TextWidth.fit(p.id, max(18, p.id.count)))  \(p.name), \(CreditFormat.label(p.totalCredits)) credits"
                            + (p.template.map { " (from \($0))" } ?? ""))
            }
        }
    }

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "templates",
            abstract: "The pathway templates you can follow, where each comes from, and where their numbers come from.",
            discussion: "Yours in $XDG_CONFIG_HOME/credstack/pathways (else ~/.config/credstack/pathways), then shared ones in each $XDG_DATA_DIRS folder's credstack/pathways (/usr/local/share, /usr/share), then the built-in ones; the first of a name wins.")
        /// Accepted so `credstack --store DIR pathway templates` works like every other command.
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let (templates, problems) = PathwayTemplates.available(environment: ProcessInfo.processInfo.environment)
            for t in templates {
                Output.line("\(t.name): \(t.pathway.name), \(CreditFormat.label(t.pathway.totalCredits)) credits (\(t.origin.label))")
                if t.origin == .builtIn { for line in PathwayTemplates.description(t.name) { Output.line("    " + line) } }
            }
            for p in problems { Output.warn(p) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop following a pathway (credentials are kept).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The pathway id.", valueName: "ID")) var id: String
        func run() throws {
            let ctx = try storeOptions.context()
            Output.line(try ctx.perform(.dropPathway(id: id, expected: nil)).summary)
        }
    }
}
