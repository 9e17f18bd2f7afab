import CredStackCore
import Foundation

/// A CSV file from a spreadsheet: a header row naming the columns (any order, any case): a start, an end
/// or a duration, a course, optionally a note and a separate date. RFC 4180 quoting, a UTF-8 byte-order
/// mark, CRLF, and `;` as the separator (European spreadsheets) are all understood, and so are dates and
/// times as spreadsheets write them (`16/11/2026 6:30 PM`; see `SpreadsheetDates`).
public enum CSVHistory {
    static let names: [String: [String]] = [
        "date": ["date", "day"],
        "start": ["start", "start time", "started", "begin", "from"],
        "end": ["end", "end time", "stop", "stopped", "finished", "to"],
        "duration": ["duration", "time spent", "length", "minutes", "mins", "hours"],
        "course": ["course", "course id", "subject", "project", "tag", "activity"],
        "title": ["course_title", "course title", "title"],
        "note": ["note", "notes", "description", "comment", "annotation"],
        "id": ["id", "session", "session_id"],
        "offset": ["utc_offset", "utc offset", "offset", "timezone offset"],
    ]

    public static func parse(_ text: String, path: String, calendar: StudyCalendar, now: Int64,
                             dateOrder: DateOrder? = nil) throws(InteropError) -> ImportedHistory {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
        let records = records(body, separator: separator)
        guard let header = records.first else { throw bad(path, 1, "the file is empty; expected a header row such as start,end,course,note") }
        var column: [String: Int] = [:]
        var durationUnit = "duration"
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmed.lowercased()
            if let field = names.first(where: { $0.value.contains(key) })?.key, column[field] == nil {
                column[field] = i
                if field == "duration" { durationUnit = key }
            }
        }
        // A lone date column that holds the time too ("16/11/2026 18:30") is the start.
        if column["start"] == nil, let date = column["date"] { column["start"] = date; column["date"] = nil }
        guard column["start"] != nil, column["end"] != nil || column["duration"] != nil, column["course"] != nil else {
            throw bad(path, 1, "expected a header naming a start, an end or a duration, and a course (found: \(header.fields.joined(separator: ", ")))")
        }
        let dated = ["date", "start", "end"].compactMap { column[$0] }
        let order: DateOrder
        do {
            order = try SpreadsheetDates.order(of: records.dropFirst().flatMap { r in dated.compactMap { $0 < r.fields.count ? r.fields[$0] : nil } }, given: dateOrder)
        } catch { throw InteropError(.malformed, "\(path): \(error.message); nothing was imported") }
        var out = ImportedHistory(unit: "line")
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmed.isEmpty }) {
            func field(_ name: String) -> String {
                column[name].flatMap { $0 < record.fields.count ? SpreadsheetCell.restored(record.fields[$0].trimmed) : nil } ?? ""
            }
            // With a UTC offset column (as credstack exports), times mean exactly that offset.
            let offset = field("offset")
            func time(_ text: String) -> Timestamp? {
                let text = SpreadsheetDates.normalized(text, order: order)
                return offset.isEmpty ? TimeInput.time(text, now: now, calendar: calendar) : Timestamp.parse(text.replacingOccurrences(of: " ", with: "T") + offset)
            }
            let startText = [field("date"), field("start")].filter { !$0.isEmpty }.joined(separator: " ")
            guard let start = time(startText) else {
                out.skip(record.line, "start \"\(startText)\" is not a date and time like 2026-11-30 09:15 or 30/11/2026 9:15 AM")
                continue
            }
            let seconds: Int
            if column["end"] != nil, !field("end").isEmpty {
                // An end with only a time is on the start's day.
                var endText = SpreadsheetDates.normalized(field("end"), order: order)
                if !endText.contains("-") { endText = start.local.date.description + " " + endText }
                guard let end = time(endText) else {
                    out.skip(record.line, "end \"\(field("end"))\" is not a time like 10:30")
                    continue
                }
                seconds = Int(end.epochSeconds - start.epochSeconds)
            } else {
                guard let s = duration(field("duration"), unit: durationUnit) else {
                    out.skip(record.line, "\(durationUnit) \"\(field("duration"))\" is not a length like 45m, 1:30 or 90")
                    continue
                }
                seconds = s
            }
            out.add(line: record.line, start: start, seconds: seconds, course: field("course"), note: field("note"), title: field("title"),
                    id: SessionID(field("id")) ?? .unassigned)
        }
        return out
    }

    /// The one duration grammar (`45m`, `1h30m`, `1:30`, `0:45:00`); a bare number is in the column's unit
    /// (minutes unless the header says hours). Over a day is read, then skipped with its reason.
    static func duration(_ text: String, unit: String) -> Int? {
        if case .success(let s) = StudyDuration.parse(text, limit: 100 * Limits.sessionSeconds, bareUnit: unit == "hours" ? .hours : .minutes) { return s }
        return nil
    }

    struct Record { var line: Int; var fields: [String] }

    /// RFC 4180: quoted fields may hold the separator, doubled quotes and line breaks.
    static func records(_ text: String, separator: Character) -> [Record] {
        var out: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, line = 1, recordLine = 1
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() { if next == "\"" { field.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == separator {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field); field = ""
                out.append(Record(line: recordLine, fields: fields)); fields = []
                line += 1; recordLine = line
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); out.append(Record(line: recordLine, fields: fields)) }
        return out
    }

    static func bad(_ path: String, _ line: Int, _ message: String) -> InteropError {
        InteropError(.malformed, "\(path):\(line): \(message); nothing was imported")
    }
}
