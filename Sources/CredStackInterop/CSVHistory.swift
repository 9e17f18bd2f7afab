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

    public static func parse(_ bytes: [UInt8], path: String, calendar: StudyCalendar, now: Int64,
                             dateOrder: DateOrder? = nil) throws(InteropError) -> ImportedHistory {
        try parse(blocks: { (body) throws(InteropError) in try bytes.withUnsafeBufferPointer { (b) throws(InteropError) in try body(b) } },
                  path: path, calendar: calendar, now: now, dateOrder: dateOrder)
    }

    /// Reads the file a block at a time, making strings only of the cells a row uses: a spreadsheet of
    /// millions of rows is never held whole, nor as millions of strings. `blocks` hands the file's blocks,
    /// from the start, to its argument; it is called again when the file's dates are in a locale's order
    /// (day or month first) and none is given: a pass over the dates alone says which.
    public static func parse(blocks: ((UnsafeBufferPointer<UInt8>) throws(InteropError) -> Void) throws(InteropError) -> Void,
                             expectedBytes: Int? = nil, path: String, calendar: StudyCalendar, now: Int64,
                             dateOrder: DateOrder? = nil, recordLimit: Int = Limits.importRecordBytes) throws(InteropError) -> ImportedHistory {
        var pass = Pass(path: path, calendar: calendar, now: now, order: dateOrder, expectedBytes: expectedBytes)
        pass.recordLimit = recordLimit
        try blocks { (block) throws(InteropError) in try pass.read(block) }
        try pass.finish()
        guard pass.needsOrder else { return pass.out }
        var evidence = Pass(path: path, calendar: calendar, now: now, order: nil, expectedBytes: nil, datesOnly: true)
        try blocks { (block) throws(InteropError) in try evidence.read(block) }
        try evidence.finish()
        let order: DateOrder
        do { order = try evidence.evidence.order() } catch { throw InteropError(.malformed, "\(path): \(error.message); nothing was imported") }
        var rows = Pass(path: path, calendar: calendar, now: now, order: order, expectedBytes: expectedBytes)
        try blocks { (block) throws(InteropError) in try rows.read(block) }
        try rows.finish()
        return rows.out
    }

    /// One reading of the file: its rows, or (`datesOnly`) what its dates say of their order. Without an
    /// order, a row with a date in a locale's order stops the reading (`needsOrder`): rows in ISO dates,
    /// the usual, need none.
    struct Pass {
        let path: String, calendar: StudyCalendar, now: Int64, order: DateOrder?
        let expectedBytes: Int?
        var datesOnly = false
        var records = CSVRecords()
        var out = ImportedHistory(unit: "line")
        var evidence = SpreadsheetDates.OrderEvidence()
        var needsOrder = false
        var columns: Columns?
        var bytesRead = 0
        var reserved = false
        /// The longest record read.
        var recordLimit = Limits.importRecordBytes

        struct Columns {
            var date, start, end, duration, course, title, note, id, offset: Int?
            var durationUnit: String
            var dated: [Int] { [date, start, end].compactMap { $0 } }
        }

        init(path: String, calendar: StudyCalendar, now: Int64, order: DateOrder?, expectedBytes: Int?, datesOnly: Bool = false) {
            self.path = path
            self.calendar = calendar
            self.now = now
            self.order = order
            self.expectedBytes = expectedBytes
            self.datesOnly = datesOnly
        }

        mutating func read(_ block: UnsafeBufferPointer<UInt8>) throws(InteropError) {
            guard !needsOrder else { return }
            records.feed(block)
            try readRecords()
            if let problem = records.problem(path: path) { throw problem }
            if records.unread > recordLimit {
                throw bad(path, records.line, "a record that does not end within \(recordLimit >> 20) MiB (a quote never closed?)")
            }
            bytesRead += block.count
            if !reserved, let total = expectedBytes, out.count > 100 {
                reserved = true
                out.reserveForFile(ofBytes: total, read: bytesRead)
            }
        }

        mutating func finish() throws(InteropError) {
            guard !needsOrder else { return }
            records.finish()
            try readRecords()
            if let problem = records.problem(path: path) { throw problem }
            if let opened = records.unclosedQuote {
                throw bad(path, opened, "a quoted cell starts here and never ends (a \" is missing)")
            }
            if columns == nil { throw bad(path, 1, "the file is empty; expected a header row such as start,end,course,note") }
        }

        private mutating func readRecords() throws(InteropError) {
            while !needsOrder, let line = records.next() {
                guard let c = columns else {
                    columns = try header()
                    continue
                }
                if records.isBlank { continue }
                if datesOnly {
                    for k in c.dated where k < records.count && !records.startsWithYear(k) { evidence.note(records.cell(k)) }
                } else {
                    try row(line, c)
                }
            }
        }

        private func header() throws(InteropError) -> Columns {
            if let opened = records.unclosedQuote {
                throw bad(path, opened, "a quoted cell starts here and never ends (a \" is missing)")
            }
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
                let found = header.joined(separator: ", ")
            throw bad(path, 1, "expected a header naming a start, an end or a duration, and a course (found: \(found.count > 200 ? found.prefix(200) + "..." : found))")
            }
            return Columns(date: column["date"], start: column["start"], end: column["end"], duration: column["duration"], course: column["course"],
                           title: column["title"], note: column["note"], id: column["id"], offset: column["offset"], durationUnit: durationUnit)
        }

        private mutating func row(_ line: Int, _ c: Columns) throws(InteropError) {
            let records = self.records
            func field(_ k: Int?) -> String {
                k.flatMap { $0 < records.count ? SpreadsheetCell.restored(records.cell($0).trimmed) : nil } ?? ""
            }
            // A date in a locale's order (16/11/2026) needs to know which: the caller finds out and reads again.
            if order == nil, c.dated.contains(where: { $0 < records.count && !records.startsWithYear($0) && SpreadsheetDates.localeDate(records.cell($0)) != nil }) {
                needsOrder = true
                return
            }
            let order = self.order ?? .dayMonthYear
            // With a UTC offset column (as credstack exports), times mean exactly that offset.
            let offset = field(c.offset)
            func time(_ text: String) -> Timestamp? {
                let text = SpreadsheetDates.normalized(text, order: order)
                return offset.isEmpty ? TimeInput.time(text, now: now, calendar: calendar) : Timestamp.parse(text.replacingOccurrences(of: " ", with: "T") + offset)
            }
            let date = field(c.date)
            let startText = date.isEmpty ? field(c.start) : [date, field(c.start)].filter { !$0.isEmpty }.joined(separator: " ")
            guard let start = time(startText) else {
                return out.skip(line, "start \"\(startText)\" is not a date and time like 2026-11-30 09:15 or 30/11/2026 9:15 AM")
            }
            let seconds: Int
            let endField = c.end != nil ? field(c.end) : ""
            if !endField.isEmpty {
                // An end with only a time is on the start's day.
                var endText = SpreadsheetDates.normalized(endField, order: order)
                if !endText.utf8.contains(45) { endText = start.local.date.description + " " + endText }
                guard let end = time(endText) else { return out.skip(line, "end \"\(endField)\" is not a time like 10:30") }
                seconds = Int(end.epochSeconds - start.epochSeconds)
            } else {
                guard let s = duration(field(c.duration), unit: c.durationUnit) else {
                    return out.skip(line, "\(c.durationUnit) \"\(field(c.duration))\" is not a length like 45m, 1:30 or 90")
                }
                seconds = s
            }
            out.add(line: line, start: start, seconds: seconds, course: field(c.course), note: field(c.note), title: field(c.title),
                    id: SessionID(field(c.id)) ?? .unassigned)
        }
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

/// RFC 4180 records over a file's bytes, fed a block at a time: quoted cells may hold the separator,
/// doubled quotes and line breaks; a UTF-8 byte-order mark is skipped, and the separator is `;` when the
/// first line has semicolons and no commas (European spreadsheets). One record's cells at a time, in a
/// buffer reused for the next.
struct CSVRecords {
    /// What is fed and not read yet: a record cut by the end of a block waits here for the rest.
    private var bytes: [UInt8] = []
    private var at = 0
    /// Bytes from `at` up to here are checked UTF-8 and may be read; past it, a character may be cut.
    private var readable = 0
    /// Where a byte that is not UTF-8 is, if one is.
    private var invalidAt: Int?
    private var final = false
    private var started = false
    private var separator: UInt8 = 44
    /// The line the next record starts on.
    private(set) var line = 1
    /// Where the file's last record opened a quote it never closed.
    private(set) var unclosedQuote: Int?
    /// A record cut by the end of what was fed is read again only once twice as much waits: a record of
    /// many blocks costs reading it once or twice, not once a block.
    private var retryAt = 0
    /// The cells of the record last read, one after another, and where each ends.
    private var cells: [UInt8] = []
    private var ends: [Int] = []

    mutating func feed(_ block: UnsafeBufferPointer<UInt8>) {
        if at > 0 {
            bytes.removeFirst(at)
            readable -= at
            at = 0
        }
        bytes.append(contentsOf: block)
        check()
    }

    mutating func finish() {
        final = true
        check()
    }

    /// Checks what is new up to its last ASCII byte (all of it at the end), and begins once the first line is whole.
    private mutating func check() {
        guard invalidAt == nil else { return }
        let upTo = final ? bytes.count : (bytes.lastIndex { $0 < 128 } ?? -1) + 1
        if upTo > readable {
            if let bad = bytes.withUnsafeBufferPointer({ UTF8Check.firstInvalidByte(UnsafeBufferPointer(rebasing: $0[readable..<upTo])) }) {
                invalidAt = readable + bad
                readable += bad
            } else {
                readable = upTo
            }
        }
        if !started, final || invalidAt != nil || bytes[..<readable].contains(where: { $0 == 10 || $0 == 13 }) {
            started = true
            at = bytes[..<readable].starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let firstLine = bytes[at..<readable].prefix { $0 != 10 && $0 != 13 }
            separator = firstLine.contains(59) && !firstLine.contains(44) ? 59 : 44
        }
    }

    /// Where the first byte that is not UTF-8 stops the reading, once every record before it is read.
    func problem(path: String) -> InteropError? {
        guard invalidAt != nil, at >= readable || final else { return nil }
        return InteropError(.malformed, "\(path):\(line): the file is not UTF-8 text here (save it from the spreadsheet as \"CSV UTF-8\"); nothing was imported")
    }

    /// Bytes fed and not read yet: the start of a record that has not ended.
    var unread: Int { bytes.count - at }

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

    /// Reads the next record; returns the line it starts on, or nil when no whole record is left in what
    /// was fed (more is needed, or the file ended).
    mutating func next() -> Int? {
        cells.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        guard started, at < readable, final || readable - at >= retryAt else { return nil }
        let (startAt, startLine) = (at, line)
        // Only a record whose end is seen is read, unless the file ended (or a bad byte ends what can be read).
        let ending = final && invalidAt == nil
        let bytes = self.bytes, separator = self.separator, readable = self.readable
        let read = bytes.withUnsafeBufferPointer { all -> Bool in
            let b = UnsafeBufferPointer(rebasing: all[..<readable])
            var quoted = false
            var cellStart = 0
            var quoteLine = line
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
                        // A quote that may be the first of two waits for the next byte.
                        if at == b.count, !ending { return false }
                        if at < b.count, b[at] == 34 { cells.append(34); at += 1 } else { quoted = false }
                    } else {
                        line += 1
                        cells.append(c)
                    }
                } else if c == 34 {
                    if cells.count == cellStart { quoted = true; quoteLine = line } else { cells.append(34) }
                } else if c == separator {
                    ends.append(cells.count)
                    cellStart = cells.count
                } else {
                    // A CR may be the first half of a CRLF.
                    if c == 13, at == b.count, !ending { return false }
                    if c == 13, at < b.count, b[at] == 10 { at += 1 }
                    ends.append(cells.count)
                    line += 1
                    return true
                }
            }
            guard ending else { return false }
            if quoted { unclosedQuote = quoteLine }
            if cells.count > cellStart || !ends.isEmpty { ends.append(cells.count); return true }
            return false
        }
        guard read else {
            retryAt = 2 * (readable - startAt)
            (at, line) = (startAt, startLine)
            cells.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            return nil
        }
        retryAt = 0
        return startLine
    }
}
