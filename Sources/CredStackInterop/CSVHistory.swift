import CredStackCore
import CredStackTOML
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
        try parse(Array(text.utf8), path: path, calendar: calendar, now: now, dateOrder: dateOrder)
    }

    /// Reads the file's records as bytes, making strings only of the cells a row uses: a spreadsheet of
    /// millions of rows is never held as millions of strings.
    public static func parse(_ bytes: [UInt8], path: String, calendar: StudyCalendar, now: Int64,
                             dateOrder: DateOrder? = nil) throws(InteropError) -> ImportedHistory {
        guard UTF8Check.firstInvalidByte(bytes) == nil else {
            throw InteropError(.malformed, "\(path) is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\"); nothing was imported")
        }
        var records = CSVRecords(bytes)
        guard records.next() != nil else { throw bad(path, 1, "the file is empty; expected a header row such as start,end,course,note") }
        let header = (0..<records.count).map(records.cell)
        var column: [String: Int] = [:]
        var durationUnit = "duration"
        for (i, name) in header.enumerated() {
            let key = name.trimmed.lowercased()
            if let field = names.first(where: { $0.value.contains(key) })?.key, column[field] == nil {
                column[field] = i
                if field == "duration" { durationUnit = key }
            }
        }
        // A lone date column that holds the time too ("16/11/2026 18:30") is the start.
        if column["start"] == nil, let date = column["date"] { column["start"] = date; column["date"] = nil }
        guard column["start"] != nil, column["end"] != nil || column["duration"] != nil, column["course"] != nil else {
            throw bad(path, 1, "expected a header naming a start, an end or a duration, and a course (found: \(header.joined(separator: ", ")))")
        }
        let order: DateOrder
        if let dateOrder {
            order = dateOrder
        } else {
            // A first pass over the dates alone: their numbers say which order they are in.
            let dated = ["date", "start", "end"].compactMap { column[$0] }
            var evidence = SpreadsheetDates.OrderEvidence()
            var pass = records
            while pass.next() != nil {
                for k in dated where k < pass.count && !pass.startsWithYear(k) { evidence.note(pass.cell(k)) }
            }
            do { order = try evidence.order() } catch { throw InteropError(.malformed, "\(path): \(error.message); nothing was imported") }
        }
        var out = ImportedHistory(unit: "line")
        out.reserveCapacity(bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + 1)
        // Looked up once, not once a row.
        let dateColumn = column["date"], startColumn = column["start"], endColumn = column["end"], durationColumn = column["duration"]
        let courseColumn = column["course"], titleColumn = column["title"], noteColumn = column["note"], idColumn = column["id"]
        let offsetColumn = column["offset"]
        while let line = records.next() {
            if records.isBlank { continue }
            func field(_ k: Int?) -> String {
                k.flatMap { $0 < records.count ? SpreadsheetCell.restored(records.cell($0).trimmed) : nil } ?? ""
            }
            // With a UTC offset column (as credstack exports), times mean exactly that offset.
            let offset = field(offsetColumn)
            func time(_ text: String) -> Timestamp? {
                let text = SpreadsheetDates.normalized(text, order: order)
                return offset.isEmpty ? TimeInput.time(text, now: now, calendar: calendar) : Timestamp.parse(text.replacingOccurrences(of: " ", with: "T") + offset)
            }
            let date = field(dateColumn)
            let startText = date.isEmpty ? field(startColumn) : [date, field(startColumn)].filter { !$0.isEmpty }.joined(separator: " ")
            guard let start = time(startText) else {
                out.skip(line, "start \"\(startText)\" is not a date and time like 2026-11-30 09:15 or 30/11/2026 9:15 AM")
                continue
            }
            let seconds: Int
            let endField = endColumn != nil ? field(endColumn) : ""
            if !endField.isEmpty {
                // An end with only a time is on the start's day.
                var endText = SpreadsheetDates.normalized(endField, order: order)
                if !endText.utf8.contains(45) { endText = start.local.date.description + " " + endText }
                guard let end = time(endText) else {
                    out.skip(line, "end \"\(endField)\" is not a time like 10:30")
                    continue
                }
                seconds = Int(end.epochSeconds - start.epochSeconds)
            } else {
                guard let s = duration(field(durationColumn), unit: durationUnit) else {
                    out.skip(line, "\(durationUnit) \"\(field(durationColumn))\" is not a length like 45m, 1:30 or 90")
                    continue
                }
                seconds = s
            }
            out.add(line: line, start: start, seconds: seconds, course: field(courseColumn), note: field(noteColumn), title: field(titleColumn),
                    id: SessionID(field(idColumn)) ?? .unassigned)
        }
        return out
    }

    /// The one duration grammar (`45m`, `1h30m`, `1:30`, `0:45:00`); a bare number is in the column's unit
    /// (minutes unless the header says hours). Over a day is read, then skipped with its reason.
    static func duration(_ text: String, unit: String) -> Int? {
        if case .success(let s) = StudyDuration.parse(text, limit: 100 * Limits.sessionSeconds, bareUnit: unit == "hours" ? .hours : .minutes) { return s }
        return nil
    }

    static func bad(_ path: String, _ line: Int, _ message: String) -> InteropError {
        InteropError(.malformed, "\(path):\(line): \(message); nothing was imported")
    }
}

/// RFC 4180 records over a file's bytes: quoted cells may hold the separator, doubled quotes and line
/// breaks; a UTF-8 byte-order mark is skipped, and the separator is `;` when the first line has semicolons
/// and no commas (European spreadsheets). One record's cells at a time, in a buffer reused for the next.
struct CSVRecords {
    private let bytes: [UInt8]
    private let separator: UInt8
    private var at: Int
    private var line = 1
    /// The cells of the record last read, one after another, and where each ends.
    private var cells: [UInt8] = []
    private var ends: [Int] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        at = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let firstLine = bytes[at...].prefix { $0 != 10 && $0 != 13 }
        separator = firstLine.contains(59) && !firstLine.contains(44) ? 59 : 44
    }

    /// How many cells the record last read has.
    var count: Int { ends.count }

    func cell(_ k: Int) -> String {
        String(decoding: cells[(k == 0 ? 0 : ends[k - 1])..<ends[k]], as: UTF8.self)
    }

    /// Whether cell `k` starts (after spaces) with four digits and a `-`: an ISO date, which reads one way only.
    func startsWithYear(_ k: Int) -> Bool {
        var i = k == 0 ? 0 : ends[k - 1]
        while i < ends[k], cells[i] == 32 || cells[i] == 9 { i += 1 }
        guard ends[k] - i >= 5, cells[i + 4] == 45 else { return false }
        return cells[i..<(i + 4)].allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Whether every cell of the record is empty or white space.
    var isBlank: Bool {
        // Most records have a printable ASCII byte: no string is made to tell.
        if cells.contains(where: { $0 > 32 && $0 < 127 }) { return false }
        return (0..<count).allSatisfy { cell($0).trimmed.isEmpty }
    }

    /// Reads the next record; returns the line it starts on, or nil at the end of the file.
    mutating func next() -> Int? {
        cells.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        guard at < bytes.count else { return nil }
        let recordLine = line
        let bytes = self.bytes, separator = self.separator
        return bytes.withUnsafeBufferPointer { b -> Int? in
            var quoted = false
            var cellStart = 0
            while at < b.count {
                // A run of bytes with nothing special in it, copied at once.
                var i = at
                if quoted {
                    while i < b.count, b[i] != 34, b[i] != 10 { i += 1 }
                } else {
                    while i < b.count, b[i] != separator, b[i] != 10, b[i] != 13, b[i] != 34 { i += 1 }
                }
                if i > at { cells.append(contentsOf: UnsafeBufferPointer(rebasing: b[at..<i])) }
                at = i
                guard at < b.count else { break }
                let c = b[at]
                at += 1
                if quoted {
                    if c == 34 {
                        if at < b.count, b[at] == 34 { cells.append(34); at += 1 } else { quoted = false }
                    } else {
                        line += 1
                        cells.append(c)
                    }
                } else if c == 34 {
                    if cells.count == cellStart { quoted = true } else { cells.append(34) }
                } else if c == separator {
                    ends.append(cells.count)
                    cellStart = cells.count
                } else {
                    if c == 13, at < b.count, b[at] == 10 { at += 1 }
                    ends.append(cells.count)
                    line += 1
                    return recordLine
                }
            }
            if cells.count > cellStart || !ends.isEmpty { ends.append(cells.count) } else { return nil }
            return recordLine
        }
    }
}
