import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export sessions and courses (CSV, JSON), a skills transcript (md, json) or deadlines (ics).",
                                                    discussion: "JSON holds profile, courses and sessions; CSV holds one table: sessions (default) or courses. `credstack export transcript --format md` writes a skills transcript for employers; `credstack export calendar --format ics --output deadlines.ics` a calendar of due dates and credential expiry.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, md, ics }
    enum Table: String, ExpressibleByArgument, CaseIterable { case all, sessions, courses, transcript, calendar }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "csv, json, md (transcript) or ics (calendar).") var format: Format
    @Argument(help: "What to export: all (JSON only), sessions, courses, transcript, or calendar (due dates and credential expiry, as .ics).") var what: Table?
    @Option(help: ArgumentHelp("Write to this file instead of standard output (it must not exist).", valueName: "FILE")) var output: String?

    func validate() throws {
        if format == .csv && what == .all { throw ValidationError("CSV holds one table: choose sessions or courses") }
        if format == .md && what != .transcript { throw ValidationError("md is for the transcript: credstack export transcript --format md") }
        if format == .csv && what == .transcript { throw ValidationError("the transcript is md or json") }
        if (format == .ics) != (what == .calendar) { throw ValidationError("the calendar is exported as ics: credstack export calendar --format ics --output deadlines.ics") }
    }

    func run() throws {
        try guarded {
            let snap = try storeOptions.resolved.load()
            let text: String
            if what == .calendar {
                let ctx = Context(profile: snap.learner.profile)
                text = ICalendar.export(snap.learner, now: ctx.now, today: ctx.today)
            } else if what == .transcript {
                let ctx = Context(profile: snap.learner.profile)
                let transcript = Transcript(snap, calendar: ctx.calendar, today: ctx.today)
                text = format == .md ? transcript.markdown : transcript.json
            } else {
                switch format {
                case .json, .md, .ics: text = ExportFormats.json(snap, table: what ?? .all)
                case .csv: text = what == .courses ? ExportFormats.coursesCSV(snap.learner) : ExportFormats.sessionsCSV(snap)
                }
            }
            if let output {
                guard !FileManager.default.fileExists(atPath: output) else {
                    throw UserFacingError(message: "\(output) already exists; choose another file (nothing was written)", code: 73)
                }
                guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw UserFacingError(message: "cannot write \(output)", code: 73)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

enum ExportFormats {
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csvRow(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\r\n" }

    /// The byte-order mark that makes Excel read a CSV file as UTF-8 (others ignore it).
    static let utf8Mark = "\u{FEFF}"

    /// Start and end as local date-times a spreadsheet reads as such, with the UTC offset beside them
    /// (`credstack import csv` reads the file back exactly).
    static func sessionsCSV(_ snap: StoreSnapshot) -> String {
        var out = utf8Mark + csvRow(["start", "end", "utc_offset", "minutes", "course", "course_title", "note"])
        for s in snap.sessions {
            let end = Timestamp(epochSeconds: s.endEpochSeconds, utcOffsetSeconds: s.start.utcOffsetSeconds)
            out += csvRow([s.start.wallClock(separator: " "), end.wallClock(separator: " "), s.start.offsetText(zulu: false),
                           String(format: "%.2f", Double(s.durationSeconds) / 60).trimmedZeros,
                           s.courseID, snap.learner.course(s.courseID)?.title ?? "", s.note])
        }
        return out
    }

    static func coursesCSV(_ learner: Learner) -> String {
        var out = utf8Mark + csvRow(["id", "title", "provider", "category", "mode", "status", "modules_done", "modules_total", "start", "due",
                          "hours", "credits", "level", "skills", "fee", "credential_awarded_by", "credential_issued",
                          "credential_expires", "credential_credits"])
        for c in learner.courses {
            out += csvRow([c.id, c.title, c.provider, c.category, c.mode.rawValue, c.status.rawValue, String(c.modulesDone),
                           String(c.modulesTotal), c.start?.description ?? "", c.due?.description ?? "",
                           c.hours.map(CreditFormat.label) ?? "", c.credits.map(CreditFormat.label) ?? "", c.level ?? "",
                           c.skills.joined(separator: "; "), c.fee?.label ?? "", c.credential?.awardedBy ?? "",
                           c.credential?.issued.description ?? "", c.credential?.expires?.description ?? "",
                           c.credential?.credits.map(CreditFormat.label) ?? ""])
        }
        return out
    }

    struct SessionJSON: Encodable { var start: String; var end: String; var seconds: Int; var course: String; var note: String }
    struct CredentialJSON: Encodable {
        var awardedBy: String; var issued: String; var expires: String?; var credentialID: String?; var url: String?
        var credits: Double?; var assessment: String?; var grade: String?; var unverified: Bool
    }
    struct CourseJSON: Encodable {
        var id: String; var title: String; var provider: String; var category: String; var mode: String; var status: String
        var modulesDone: Int; var modulesTotal: Int; var start: String?; var due: String?; var hours: Double?
        var credits: Double?; var level: String?; var skills: [String]; var fee: String?; var credential: CredentialJSON?
    }
    struct ProfileJSON: Encodable { var name: String; var weeklyGoalMinutes: Int; var weekStart: String; var timeZone: String? }
    struct AllJSON: Encodable { var format: Int; var profile: ProfileJSON?; var courses: [CourseJSON]?; var sessions: [SessionJSON]? }

    static func json(_ snap: StoreSnapshot, table: Export.Table) -> String {
        let l = snap.learner
        let courses = l.courses.map { c in
            CourseJSON(id: c.id, title: c.title, provider: c.provider, category: c.category, mode: c.mode.rawValue, status: c.status.rawValue,
                       modulesDone: c.modulesDone, modulesTotal: c.modulesTotal, start: c.start?.description, due: c.due?.description,
                       hours: c.hours, credits: c.credits, level: c.level, skills: c.skills, fee: c.fee?.label,
                       credential: c.credential.map { cr in
                           CredentialJSON(awardedBy: cr.awardedBy, issued: cr.issued.description, expires: cr.expires?.description,
                                          credentialID: cr.credentialID, url: cr.url, credits: cr.credits, assessment: cr.assessment,
                                          grade: cr.grade, unverified: cr.unverified)
                       })
        }
        let sessions = snap.sessions.map { s in
            SessionJSON(start: s.start.description,
                        end: Timestamp(epochSeconds: s.endEpochSeconds, utcOffsetSeconds: s.start.utcOffsetSeconds).description,
                        seconds: s.durationSeconds, course: s.courseID, note: s.note)
        }
        let p = l.profile
        let all = AllJSON(format: Learner.formatVersion,
                          profile: table == .all ? ProfileJSON(name: p.name, weeklyGoalMinutes: p.weeklyGoalMinutes, weekStart: p.weekStart.name, timeZone: p.timeZone) : nil,
                          courses: table == .sessions ? nil : courses, sessions: table == .courses ? nil : sessions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(all)) ?? Data(), as: UTF8.self) + "\n"
    }
}

extension String {
    /// "45.00" -> "45", "45.50" -> "45.5"
    var trimmedZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.last == "0" { s.removeLast() }
        if s.last == "." { s.removeLast() }
        return s
    }
}
