import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackText
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Study totals by day, week, month or course, over all your history or between two dates.",
        discussion: """
        --by takes a period (day, week, month), course, or a period and course: credstack report --by month; \
        credstack report --by week,course --from 2026-09-01 --to 2026-11-30 --format tsv prints week, course and \
        seconds for every week and course you studied then. Days and weeks follow your time zone and first day of the week.
        """)

    /// A period, course, or both.
    struct Grouping: ExpressibleByArgument {
        var period: ReportPeriod
        var byCourse: Bool

        init?(argument: String) {
            let parts = argument.lowercased().split(separator: ",").map { $0.trimmed }
            let periods = parts.compactMap { ReportPeriod(rawValue: $0) }.filter { $0 != .all }
            let courses = parts.filter { $0 == "course" }
            guard !parts.isEmpty, periods.count + courses.count == parts.count, periods.count <= 1, courses.count <= 1 else { return nil }
            period = periods.first ?? .all
            byCourse = !courses.isEmpty
        }

        var defaultValueDescription: String { (period == .all ? "" : period.rawValue) + (byCourse ? (period == .all ? "course" : ",course") : "") }
        static var allValueStrings: [String] { ["day", "week", "month", "course", "day,course", "week,course", "month,course"] }
    }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How to group: day, week, month, course, or a period and course.") var by = Grouping(argument: "week,course")!
    @Option(help: ArgumentHelp("From this day (its whole period is not added: only study from this day on counts).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Through this day.", valueName: "DATE")) var to: String?
    @Option(help: "text (for people), tsv or csv (for scripts and spreadsheets), or json.") var format: StudyTotalsReport.Format = .text

    func run() throws {
        let ctx = try storeOptions.context()
        let needsToday = from != nil || to != nil
        let today = needsToday ? try ctx.today() : LocalDate(daysSinceEpoch: 0)
        let first = try from.map { try Parse.date($0, today: today, flag: "--from") }
        let last = try to.map { try Parse.date($0, today: today, flag: "--to") }
        if let first, let last, last < first { throw Failure.usage("--to \(last) is before --from \(first)") }
        let totals = try ctx.store.studyTotals(period: by.period, from: first, through: last)
        Output.data(StudyTotalsReport.bytes(totals, byCourse: by.byCourse, format: format, from: first, through: last))
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
        static let configuration = CommandConfiguration(commandName: "sessions",
            abstract: "Import sessions from a TSV file: start, end, course, note (with a header row).",
            discussion: "Times are ISO 8601 with an offset (2021-09-06T07:35:00Z). Courses that do not exist yet are created; sessions already in the log are skipped.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The TSV file, or - for standard input.", valueName: "FILE")) var file: String
        @OptionGroup var options: Options

        func run() throws {
            let ctx = try storeOptions.context()
            var reader = SessionTSV.Reader(path: file, expectedBytes: InteropFiles.size(of: file))
            let history = try reader.history(ofFile: file)
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
            time zone. Dates may be as your spreadsheet writes them (16/11/2026 6:30 PM): the order of day and month is \
            read from dates that tell (16/11), else give --date-format. Rows that cannot be read are skipped and listed with their line and reason; sessions already in the log are skipped.
            """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("How dates are written: DD/MM/YYYY (India, UK), MM/DD/YYYY (US) or YYYY-MM-DD.", valueName: "ORDER"))
        var dateFormat: DateOrder?
        @OptionGroup var options: Options

        func run() throws {
            let ctx = try storeOptions.context()
            // A file is read again for a pass over its dates when they need one. Standard input is kept as it
            // is read the first time, for that (the first reading still stops at a record that never ends).
            var kept: [UInt8]?
            let history = try CSVHistory.parse(blocks: { (body) throws(InteropError) in
                if let kept { return try kept.withUnsafeBufferPointer { (b) throws(InteropError) in try body(b) } }
                var copy: [UInt8] = []
                try InteropFiles.forEachBlock(file) { (block) throws(InteropError) in
                    if file == "-" { copy += block }
                    try body(block)
                }
                if file == "-" { kept = copy }
            }, expectedBytes: InteropFiles.size(of: file), path: file, calendar: try ctx.calendar(), now: ctx.now, dateOrder: dateFormat)
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
            var reader = TimewHistory.Reader(path: source)
            let history = try reader.history(ofFile: file)
            try ImportCommand.run(history, from: source, options: options, ctx)
        }
    }
}

extension StudyTotalsReport.Format: ExpressibleByArgument {}
