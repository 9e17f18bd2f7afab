import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackText
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Study totals over all your history.",
                                                    discussion: "credstack report --by week,course --format tsv   prints week, course and seconds for every week and course you studied.")
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case weekCourse = "week,course"
    }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, tsv }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How to group.") var by: Grouping = .weekCourse
    @Option(help: "text (for people) or tsv (for scripts and spreadsheets).") var format: Format = .text

    func run() throws {
        let totals = try storeOptions.context().store.weeklyCourseTotals()
        switch format {
        case .tsv:
            // Bytes, not string interpolation: a long history has hundreds of thousands of rows.
            var bytes = Array("week\tcourse\tseconds\n".utf8)
            let rows = totals.rows
            bytes.reserveCapacity(rows.count * 32)
            for row in rows {
                row.week.appendISO(to: &bytes)
                bytes.append(9)
                bytes.append(contentsOf: row.courseID.utf8)
                bytes.append(9)
                Digits.append(row.seconds, to: &bytes)
                bytes.append(10)
            }
            Output.data(bytes)
        case .text:
            var out = "Week starting  Course              Time\n"
            for row in totals.rows {
                out += "\(row.week)     " + TextWidth.fit(row.courseID, 18) + "  \(StudyDuration.label(seconds: row.seconds))\n"
            }
            out += "\(totals.sessionCount) sessions, \(StudyDuration.label(seconds: totals.totalSeconds)) in all\n"
            Output.write(out)
        }
    }
}

struct ImportCommand: ParsableCommand {
    /// What every history import takes.
    struct Options: ParsableArguments {
        @Flag(help: "Show what would be imported and save nothing.") var dryRun = false
        @Flag(help: "Keep sessions that overlap others (study in parallel); a day still holds at most 24h.") var allowOverlap = false
    }

    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import study history (CSV, timewarrior, TSV) or an Open Badges credential.",
                                                    subcommands: [Sessions.self, CSV.self, Timew.self, Badge.self])

    /// Runs an import and prints what it did, row by row.
    static func run(_ history: ImportedHistory, from source: String, options: Options, _ ctx: CLIContext) throws {
        guard case .imported(let report) = try ctx.perform(.importHistory(history, source: source, dryRun: options.dryRun, allowOverlap: options.allowOverlap)) else { return }
        for line in report.lines { Output.line(line) }
    }

    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import sessions from a TSV file: start, end, course, note (with a header row).",
            discussion: "Times are ISO 8601 with an offset (2021-09-06T07:35:00Z). Courses that do not exist yet are created; sessions already in the log are skipped.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The TSV file, or - for standard input.", valueName: "FILE")) var file: String
        @OptionGroup var options: Options

        func run() throws {
            let ctx = try storeOptions.context()
            let history = try SessionTSV.parse(try InteropFiles.read(file), path: file)
            try ImportCommand.run(history, from: file, options: options, ctx)
        }
    }

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import study sessions from a spreadsheet's CSV export.",
            discussion: """
            The first row names the columns, in any order: start (or date + start), end or duration (45m, 1:30, or minutes), \
            course (an id or a title; new ones are created), and optionally note. Times without an offset are in your profile's \
            time zone. Rows that cannot be read are skipped and listed with their line and reason; sessions already in the log are skipped.
            """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "FILE")) var file: String
        @OptionGroup var options: Options

        func run() throws {
            let ctx = try storeOptions.context()
            let history = try CSVHistory.parse(try InteropFiles.text(file), path: file, calendar: try ctx.calendar(), now: ctx.now)
            try ImportCommand.run(history, from: file, options: options, ctx)
        }
    }

    struct Timew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timew",
            abstract: "Import intervals from timewarrior: credstack import timew FILE (the output of `timew export`, or - to read it from standard input).",
            discussion: "The tag that names one of your courses (an id or a title) is the course, else the first tag (a new course); other tags and the annotation become the note. Running, untagged and unreadable intervals are skipped and listed.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The export file, or - for standard input.", valueName: "FILE")) var file: String
        @OptionGroup var options: Options

        func run() throws {
            let ctx = try storeOptions.context()
            let source = file == "-" ? "standard input" : file
            let history = try TimewHistory.parse(try InteropFiles.read(file), path: source)
            try ImportCommand.run(history, from: source, options: options, ctx)
        }
    }
}
