import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore

extension ImportCommand {
    struct Badge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "badge",
            abstract: "Import an Open Badges 3.0 credential (JSON) as a course and its credential.",
            discussion: "Shows what it changes. A course that already has a credential is only overwritten with --replace. The signature is not verified: the credential is marked \"imported, unverified\".")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The badge file (.json).", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("Attach it to this course id (default: the course with the same title, else a new one).", valueName: "ID")) var course: String?
        @Flag(help: "Overwrite the course's existing credential.") var replace = false
        @Flag(help: "Show what would change and save nothing.") var dryRun = false

        func run() throws {
            let ctx = try storeOptions.context()
            let badge = try OpenBadge.parse(try InteropFiles.read(file), path: file)
            let course = try self.course.map { try Parse.courseID(try ctx.course($0)) }
            guard case .badgeImported(let report) = try ctx.perform(.importBadge(badge, courseID: course, replace: replace, dryRun: dryRun)) else { return }
            for line in OpenBadge.describe(report.after, before: report.before, today: try ctx.today()) { Output.line(line) }
            Output.line(dryRun ? "Nothing saved (--dry-run)." : "Saved. The signature was not checked: the credential is marked \"imported, unverified\".")
        }
    }
}
