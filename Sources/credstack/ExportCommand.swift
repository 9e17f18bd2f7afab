import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export sessions and courses (CSV, JSON), a skills transcript (md, json) or deadlines (ics).",
                                                    discussion: "JSON holds profile, courses and sessions; CSV holds one table: sessions (default) or courses. `credstack export transcript --format md` writes a skills transcript for employers; `credstack export calendar --format ics --output deadlines.ics` a calendar of due dates and credential expiry.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, md, ics }
    enum Table: String, ExpressibleByArgument, CaseIterable { case all, sessions, courses, transcript, calendar }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "csv, json, md (the transcript) or ics (the calendar); inferred when only one fits.") var format: Format?
    @Argument(help: "What to export: all (JSON), sessions, courses, transcript, or calendar (due dates and credential expiry).") var what: Table?
    @Option(help: ArgumentHelp("Write to this file instead of standard output (it must not exist).", valueName: "FILE")) var output: String?

    /// What and how, from whichever of the two was given: md means the transcript, ics the calendar, csv
    /// the sessions; the transcript is Markdown, the calendar iCalendar, a table CSV unless JSON is asked for.
    var resolved: (Table, Format) {
        get throws {
            switch (what, format) {
            case (nil, nil): throw ValidationError("say what to export: sessions, courses, all, transcript or calendar (and --format)")
            case (nil, .md?): return (.transcript, .md)
            case (nil, .ics?): return (.calendar, .ics)
            case (nil, .csv?): return (.sessions, .csv)
            case (nil, .json?): return (.all, .json)
            case (.transcript?, nil): return (.transcript, .md)
            case (.calendar?, nil): return (.calendar, .ics)
            case (.all?, nil): return (.all, .json)
            case (let w?, nil): return (w, .csv)
            case (let w?, let f?):
                switch (w, f) {
                case (.all, .csv): throw ValidationError("CSV holds one table: credstack export sessions --format csv (or courses)")
                case (.transcript, .csv), (.transcript, .ics): throw ValidationError("the transcript is Markdown or JSON: credstack export transcript --format md")
                case (.calendar, let f) where f != .ics: throw ValidationError("the calendar is iCalendar: credstack export calendar --format ics")
                case (let w, .md) where w != .transcript: throw ValidationError("md is for the transcript: credstack export transcript --format md")
                case (let w, .ics) where w != .calendar: throw ValidationError("ics is for the calendar of due dates: credstack export calendar --format ics")
                default: return (w, f)
                }
            }
        }
    }

    func validate() throws { _ = try resolved }

    func run() throws {
        let ctx = try storeOptions.context()
        let snap = try ctx.snapshot()
        let text: String
        let (what, format) = try resolved
        switch (what, format) {
        case (.calendar, _):
            text = ICalendar.export(snap.learner, now: ctx.now, today: try ctx.today())
        case (.transcript, _):
            let transcript = Transcript(snap, calendar: try ctx.calendar(), today: try ctx.today())
            text = format == .md ? transcript.markdown : transcript.json
        case (let table, .csv):
            text = table == .courses ? ExportFormats.coursesCSV(snap.learner) : ExportFormats.sessionsCSV(snap)
        case (let table, _):
            text = ExportFormats.json(snap, table: table == .sessions ? .sessions : table == .courses ? .courses : .all)
        }
        if let output {
            try NewFile.write(output, Array(text.utf8), what: "the export")
        } else {
            Output.data(Array(text.utf8))
        }
    }
}
