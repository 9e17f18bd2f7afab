import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

struct Credits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How your credits stack toward each pathway, with the reason behind every number.",
        discussion: "The same figures as the dashboard's Credits pane: counted, in progress, missing per rule, credentials that do not count and why, the projected date at your pace over the last 12 weeks, the next best course, and cost per credit where fees are known.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("Only this pathway.", valueName: "PATHWAY")) var pathway: String?

    func run() throws {
        try guarded {
            let snap = try storeOptions.resolved.load()
            let ctx = Context(profile: snap.learner.profile)
            if let pathway, !snap.learner.pathways.contains(where: { $0.id == pathway }) {
                throw PathwayCommand.unknown(pathway, in: snap.learner)
            }
            let history = StudyHistory(sessions: snap.sessions, calendar: ctx.calendar)
            let reports = CreditEngine.evaluateAll(snap.learner, history: history, today: ctx.today)
                .filter { pathway == nil || $0.pathway.id == pathway }
            guard !reports.isEmpty else {
                print("No pathways followed yet. Add one from a template: credstack pathway add --template ug-certificate")
                print("(credstack pathway templates lists them.)")
                return
            }
            let text = reports.map { report in
                report.explanation(today: ctx.today).map { String(repeating: "  ", count: $0.depth) + Output.safe($0.text) }
                    .joined(separator: "\n")
            }.joined(separator: "\n\n")
            print(text)
        }
    }
}

struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pathway", abstract: "Follow, list or drop pathways (certificates, diplomas, degrees).",
                                                    subcommands: [Add.self, List.self, Templates.self, Remove.self],
                                                    defaultSubcommand: List.self)

    static func unknown(_ id: String, in learner: Learner) -> UserFacingError {
        let ids = learner.pathways.map(\.id)
        let near = ids.min { EditDistance.between(id, $0) < EditDistance.between(id, $1) }
        let hint = near.map { "; did you mean \"\($0)\"?" } ?? "; you follow no pathways yet"
        return Parse.usage("no pathway \"\(id)\"\(hint)")
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow a pathway, copied from a shipped template into learner.toml.",
            discussion: "Example: credstack pathway add --template ug-certificate --id ug-cert-data --name \"UG Certificate in Data Science\". Edit its rules in learner.toml afterwards (docs/FORMAT.md).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("The template: see `credstack pathway templates`.", valueName: "NAME")) var template: String
        @Option(help: ArgumentHelp("Its id in your store (default: the template's).", valueName: "ID")) var id: String?
        @Option(help: "Its name (default: the template's).") var name: String?

        func run() throws {
            try guarded {
                guard var pathway = try PathwayTemplates.pathway(named: template) else {
                    throw Parse.usage("no template \"\(template)\"; choose one of \(PathwayTemplates.names.joined(separator: ", "))")
                }
                if let id { pathway.id = try Parse.courseID(id) }
                if let name {
                    guard !name.trimmed.isEmpty else { throw Parse.usage("--name: a pathway needs a name") }
                    pathway.name = name
                }
                let added = pathway
                try storeOptions.resolved.updateLearner { learner in
                    guard !learner.pathways.contains(where: { $0.id == added.id }) else {
                        throw Parse.usage("you already follow a pathway with id \"\(added.id)\"; choose another with --id")
                    }
                    learner.pathways.append(added)
                }
                print("Following \(Output.safe(added.name)) (\(added.id)): \(CreditFormat.label(added.totalCredits)) credits. See it with: credstack credits \(added.id)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The pathways you follow.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try guarded {
                let learner = try storeOptions.resolved.load().learner
                if learner.pathways.isEmpty { print("No pathways yet: credstack pathway add --template NAME (credstack pathway templates)") }
                for p in learner.pathways {
                    print("\(p.id.padding(toLength: max(18, p.id.count), withPad: " ", startingAt: 0))  \(Output.safe(p.name)), \(CreditFormat.label(p.totalCredits)) credits"
                          + (p.template.map { " (from \($0))" } ?? ""))
                }
            }
        }
    }

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The shipped pathway templates and where their numbers come from.")
        func run() throws {
            try guarded {
                for name in PathwayTemplates.names {
                    guard let p = try PathwayTemplates.pathway(named: name) else { continue }
                    print("\(name): \(p.name), \(CreditFormat.label(p.totalCredits)) credits")
                    for line in PathwayTemplates.description(name) { print("    " + line) }
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop following a pathway (credentials are kept).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The pathway id.", valueName: "ID")) var id: String
        func run() throws {
            try guarded {
                try storeOptions.resolved.updateLearner { learner in
                    guard let i = learner.pathways.firstIndex(where: { $0.id == id }) else { throw PathwayCommand.unknown(id, in: learner) }
                    learner.pathways.remove(at: i)
                }
                print("No longer following \(id); your courses and credentials are unchanged.")
            }
        }
    }
}
