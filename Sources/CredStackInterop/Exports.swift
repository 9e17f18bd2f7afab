import CredStackCore
import CredStackText
import CredStackStore
import Foundation

/// Sessions and courses as CSV (for spreadsheets) and JSON (for scripts).
public enum ExportFormats {
    /// What a JSON export holds.
    public enum JSONTable: Sendable { case all, sessions, courses }

    /// `generated`: a value credstack wrote itself (a UTC offset such as `+05:30`), never a formula.
    static func csvField(_ raw: String, generated: Bool = false) -> String {
        let s = generated ? raw : SpreadsheetCell.neutralized(raw)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// `generated`: the columns credstack fills itself, left as they are.
    static func csvRow(_ fields: [String], generated: Set<Int> = []) -> String {
        fields.enumerated().map { csvField($0.element, generated: generated.contains($0.offset)) }.joined(separator: ",") + "\r\n"
    }

    /// The byte-order mark that makes Excel read a CSV file as UTF-8 (others ignore it).
    static let utf8Mark = "\u{FEFF}"

    /// Start and end as local date-times a spreadsheet reads as such, with the UTC offset beside them
    /// (`credstack import csv` reads the file back exactly).
    public static func sessionsCSV(_ snap: StoreSnapshot) -> String {
        var out = utf8Mark + csvRow(["start", "end", "utc_offset", "minutes", "course", "course_title", "note", "id"])
        for s in snap.sessions {
            let end = Timestamp(epochSeconds: s.endEpochSeconds, utcOffsetSeconds: s.start.utcOffsetSeconds)
            out += csvRow([s.start.wallClock(separator: " "), end.wallClock(separator: " "), s.start.offsetText(zulu: false),
                           String(format: "%.2f", Double(s.durationSeconds) / 60).trimmedZeros,
                           s.courseID, snap.learner.course(s.courseID)?.title ?? "", s.note, s.id.text], generated: [0, 1, 2, 3, 7])
        }
        return out
    }

    public static func coursesCSV(_ learner: Learner) -> String {
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

    struct SessionJSON: Encodable { var id: String; var start: String; var end: String; var seconds: Int; var course: String; var note: String }
    struct CredentialJSON: Encodable {
        var awardedBy: String; var issued: String; var expires: String?; var credentialID: String?; var url: String?
        var credits: Double?; var assessment: String?; var grade: String?; var unverified: Bool; var creditSystem: String?
    }
    struct CourseJSON: Encodable {
        var id: String; var title: String; var provider: String; var category: String; var mode: String; var status: String
        var modulesDone: Int; var modulesTotal: Int; var start: String?; var due: String?; var hours: Double?
        var credits: Double?; var level: String?; var skills: [String]; var fee: String?; var credential: CredentialJSON?
        var creditSystem: String?; var onlineShare: Double?
    }
    struct ProfileJSON: Encodable { var name: String; var weeklyGoalMinutes: Int; var weekStart: String; var timeZone: String? }
    struct AllJSON: Encodable { var format: Int; var profile: ProfileJSON?; var courses: [CourseJSON]?; var sessions: [SessionJSON]? }

    public static func json(_ snap: StoreSnapshot, table: JSONTable) -> String {
        let l = snap.learner
        let courses = l.courses.map { c in
            CourseJSON(id: c.id, title: c.title, provider: c.provider, category: c.category, mode: c.mode.rawValue, status: c.status.rawValue,
                       modulesDone: c.modulesDone, modulesTotal: c.modulesTotal, start: c.start?.description, due: c.due?.description,
                       hours: c.hours, credits: c.credits, level: c.level, skills: c.skills, fee: c.fee?.label,
                       credential: c.credential.map { cr in
                           CredentialJSON(awardedBy: cr.awardedBy, issued: cr.issued.description, expires: cr.expires?.description,
                                          credentialID: cr.credentialID, url: cr.url, credits: cr.credits, assessment: cr.assessment,
                                          grade: cr.grade, unverified: cr.unverified, creditSystem: cr.creditSystem)
                       }, creditSystem: c.creditSystem, onlineShare: c.onlineShare)
        }
        let sessions = snap.sessions.map { s in
            SessionJSON(id: s.id.text, start: s.start.description,
                        end: Timestamp(epochSeconds: s.endEpochSeconds, utcOffsetSeconds: s.start.utcOffsetSeconds).description,
                        seconds: s.durationSeconds, course: s.courseID, note: s.note)
        }
        let p = l.profile
        let all = AllJSON(format: 1,
                          profile: table == .all ? ProfileJSON(name: p.name, weeklyGoalMinutes: p.weeklyGoalMinutes, weekStart: p.weekStart.name, timeZone: p.timeZone) : nil,
                          courses: table == .sessions ? nil : courses, sessions: table == .courses ? nil : sessions)
        return JSONText.encode(all)
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

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first: CWE-1236) is written
/// with a `'` in front, as OWASP advises; the importer takes exactly one `'` off again, so a round trip is exact.
public enum SpreadsheetCell {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralized(_ s: String) -> String {
        let rest = s.drop { $0 == "'" }
        guard let first = rest.first, formulaStarts.contains(first) else { return s }
        return "'" + s
    }

    public static func restored(_ s: String) -> String {
        let rest = s.drop { $0 == "'" }
        guard s.hasPrefix("'"), let first = rest.first, formulaStarts.contains(first) else { return s }
        return String(s.dropFirst())
    }
}

/// JSON that is safe to look at: C1 controls and bidirectional overrides and isolates (which JSON allows
/// raw) are written as `\uXXXX`, so the data stays exact but nothing in it can act on a terminal or reorder text.
public enum JSONText {
    /// Every JSON credstack writes: pretty, keys sorted and in snake_case, invisibles escaped.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return escapingInvisibles(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)) + "\n"
    }

    public static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ c: Unicode.Scalar) -> Bool { c.value >= 0x7F && DisplaySafe.isUnsafe(c) }
}
