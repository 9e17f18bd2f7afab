import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

/// A session read from another tool's export, before it is matched to a course; `course` is whatever
/// the file called it (an id or a title).
struct ImportedRow {
    var line: Int
    var start: Timestamp
    var seconds: Int
    var course: String
    var note: String
    /// The course's title when the file has one apart from `course` (credstack's own export does).
    var title = ""
}

/// Rows that read, and rows that did not with the reason, by line (or entry) number.
struct ImportedHistory {
    /// What the numbers count: "line" in a CSV file, "entry" in a JSON list.
    var unit: String
    var rows: [ImportedRow] = []
    var skipped: [(line: Int, reason: String)] = []

    mutating func skip(_ line: Int, _ reason: String) { skipped.append((line, reason)) }

    /// Checks a start and a length, then keeps the row or records why not.
    mutating func add(line: Int, start: Timestamp, seconds: Int, course: String, note: String, title: String = "") {
        if seconds <= 0 { return skip(line, "the session ends before it starts") }
        if seconds > StudyDuration.maximumSeconds { return skip(line, "longer than 24h (\(StudyDuration.label(seconds: seconds)))") }
        if course.trimmed.isEmpty { return skip(line, "no course") }
        rows.append(ImportedRow(line: line, start: start, seconds: seconds, course: course.trimmed, note: note, title: title))
    }
}

/// A CSV file from a spreadsheet: a header row naming the columns (any order, any case): a start, an end
/// or a duration, a course, optionally a note and a separate date. RFC 4180 quoting, a UTF-8 byte-order
/// mark, CRLF, and `;` as the separator (European spreadsheets) are all understood.
enum CSVHistory {
    static let names: [String: [String]] = [
        "date": ["date", "day"],
        "start": ["start", "start time", "started", "begin", "from"],
        "end": ["end", "end time", "stop", "stopped", "finished", "to"],
        "duration": ["duration", "time spent", "length", "minutes", "mins", "hours"],
        "course": ["course", "course id", "subject", "project", "tag", "activity"],
        "title": ["course_title", "course title", "title"],
        "note": ["note", "notes", "description", "comment", "annotation"],
        "offset": ["utc_offset", "utc offset", "offset", "timezone offset"],
    ]

    static func parse(_ text: String, path: String, calendar: StudyCalendar, now: Int64) throws -> ImportedHistory {
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
        guard column["start"] != nil, column["end"] != nil || column["duration"] != nil, column["course"] != nil else {
            throw bad(path, 1, "expected a header naming a start, an end or a duration, and a course (found: \(header.fields.joined(separator: ", ")))")
        }
        var out = ImportedHistory(unit: "line")
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmed.isEmpty }) {
            func field(_ name: String) -> String { column[name].flatMap { $0 < record.fields.count ? record.fields[$0].trimmed : nil } ?? "" }
            // With a UTC offset column (as credstack exports), times mean exactly that offset.
            let offset = field("offset")
            func time(_ text: String) -> Timestamp? {
                offset.isEmpty ? TimeInput.time(text, now: now, calendar: calendar) : Timestamp.parse(text.replacingOccurrences(of: " ", with: "T") + offset)
            }
            let startText = [field("date"), field("start")].filter { !$0.isEmpty }.joined(separator: " ")
            guard let start = time(startText) else {
                out.skip(record.line, "start \"\(startText)\" is not a date and time like 2026-11-30 09:15")
                continue
            }
            let seconds: Int
            if column["end"] != nil, !field("end").isEmpty {
                // An end with only a time is on the start's day.
                var endText = field("end")
                if !endText.contains("-"), !endText.contains("/") { endText = start.local.date.description + " " + endText }
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
            out.add(line: record.line, start: start, seconds: seconds, course: field("course"), note: field("note"), title: field("title"))
        }
        return out
    }

    /// `45m`, `1h30m`, `1:30` (h:mm), or a bare number in the column's unit (minutes unless it says hours).
    static func duration(_ text: String, unit: String) -> Int? {
        if let n = Double(text), n.isFinite { return Int((n * (unit == "hours" ? 3600 : 60)).rounded()) }
        let parts = text.split(separator: ":")
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), m < 60 { return h * 3600 + m * 60 }
        if case .success(let s) = StudyDuration.parse(text, maximumSeconds: Int.max / 2) { return s }
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

    static func bad(_ path: String, _ line: Int, _ message: String) -> UserFacingError {
        UserFacingError(message: "\(path):\(line): \(message); nothing was imported", code: 65)
    }
}

/// `timew export` JSON: intervals with `start`, `end` (absent while running), `tags` and `annotation`.
/// The first tag names the course; other tags are kept in the note.
enum TimewHistory {
    static func parse(_ data: Data, path: String) throws -> ImportedHistory {
        let json = try ImportCommand.json(data, path: path, expected: "the output of `timew export`")
        guard let intervals = json as? [Any] else {
            throw UserFacingError(message: "\(path): expected a JSON list of intervals, as `timew export` writes; nothing was imported", code: 65)
        }
        var out = ImportedHistory(unit: "entry")
        for (i, item) in intervals.enumerated() {
            let entry = i + 1
            guard let interval = item as? [String: Any], let startText = interval["start"] as? String else {
                out.skip(entry, "not an interval with a start"); continue
            }
            guard let start = stamp(startText) else { out.skip(entry, "start \"\(startText)\" is not a time like 20261130T091500Z"); continue }
            guard let endText = interval["end"] as? String else { out.skip(entry, "still running (no end yet)"); continue }
            guard let end = stamp(endText) else { out.skip(entry, "end \"\(endText)\" is not a time like 20261130T101500Z"); continue }
            let tags = (interval["tags"] as? [Any])?.compactMap { $0 as? String } ?? []
            guard let course = tags.first else { out.skip(entry, "no tag to name the course"); continue }
            let note = ([interval["annotation"] as? String ?? ""] + tags.dropFirst()).filter { !$0.isEmpty }.joined(separator: " · ")
            out.add(line: entry, start: start, seconds: Int(end.epochSeconds - start.epochSeconds), course: course, note: note)
        }
        return out
    }

    /// timewarrior's `20261130T091500Z` (always UTC).
    static func stamp(_ text: String) -> Timestamp? {
        let u = Array(text.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z"),
              let y = Digits.value(u, 0, 4), let mo = Digits.value(u, 4, 2), let d = Digits.value(u, 6, 2),
              let h = Digits.value(u, 9, 2), let mi = Digits.value(u, 11, 2), let s = Digits.value(u, 13, 2),
              h < 24, mi < 60, s < 60, let day = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Timestamp(epochSeconds: Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s), utcOffsetSeconds: 0)
    }
}

/// Adds imported rows to the store: each row's course is matched by id, by the id its name would get,
/// then by title, else created;
/// sessions already in the log are skipped. One locked change for the courses, one append for the sessions.
enum HistoryImporter {
    static func apply(_ history: ImportedHistory, from path: String, to store: Store, dryRun: Bool) throws -> String {
        var skipped = history.skipped
        var sessions: [StudySession] = []
        var newCourses: [Course] = []
        let change: (inout Learner) throws -> Void = { learner in
            var byName: [String: String] = [:]
            for row in history.rows {
                let key = row.course.lowercased()
                let id: String
                if let known = byName[key] { id = known }
                else if let c = learner.course(row.course) ?? learner.course(Course.slug(row.course))
                            ?? learner.courses.first(where: { $0.title.lowercased() == key }) { id = c.id }
                else {
                    id = learner.newCourseID(from: row.course)
                    let course = Course(id: id, title: row.title.isEmpty ? row.course : row.title, status: .enrolled)
                    learner.courses.append(course)
                    newCourses.append(course)
                }
                byName[key] = id
                sessions.append(StudySession(start: row.start, durationSeconds: row.seconds, courseID: id, note: row.note))
            }
        }
        let existing: Set<SessionKey>
        if dryRun {
            let snap = try store.load()
            var learner = snap.learner
            try change(&learner)
            existing = Set(snap.sessions.map(SessionKey.init))
        } else {
            try store.updateLearner(change)
            existing = Set(try store.load().sessions.map(SessionKey.init))
        }
        var fresh: [StudySession] = []
        var seen = existing
        for (row, session) in zip(history.rows, sessions) {
            if seen.insert(SessionKey(session)).inserted { fresh.append(session) } else { skipped.append((row.line, "already in the log")) }
        }
        if !dryRun, !fresh.isEmpty { try store.append(fresh) }

        let total = fresh.reduce(0) { $0 + $1.durationSeconds }
        var head = "\(dryRun ? "Would import" : "Imported") \(fresh.count) session\(fresh.count == 1 ? "" : "s") (\(StudyDuration.label(seconds: total))) from \(path)"
        if !newCourses.isEmpty { head += "; new courses: " + newCourses.map { "\($0.id) (\($0.title))" }.joined(separator: ", ") }
        head += skipped.isEmpty ? "." : "; skipped \(skipped.count):"
        var lines = [head]
        for s in skipped.sorted(by: { $0.line < $1.line }).prefix(30) { lines.append("  \(history.unit) \(s.line): \(s.reason)") }
        if skipped.count > 30 { lines.append("  ... and \(skipped.count - 30) more") }
        if dryRun { lines.append("Nothing saved (--dry-run).") }
        return lines.map(Output.safe).joined(separator: "\n")
    }
}

extension ImportCommand {
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
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "FILE")) var file: String
        @Flag(help: "Show what would be imported and save nothing.") var dryRun = false

        func run() throws {
            try guarded {
                let text = try ImportCommand.readText(file)
                let store = storeOptions.resolved
                let ctx = Context(profile: try store.load().learner.profile)
                let history = try CSVHistory.parse(text, path: file, calendar: ctx.calendar, now: ctx.now)
                print(try HistoryImporter.apply(history, from: file, to: store, dryRun: dryRun))
            }
        }
    }

    struct Timew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timew",
            abstract: "Import intervals from timewarrior: credstack import timew FILE (the output of `timew export`, or - to read it from standard input).",
            discussion: "The first tag names the course (an id or a title; new ones are created); other tags and the annotation become the note. Running, untagged and unreadable intervals are skipped and listed.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The export file, or - for standard input.", valueName: "FILE")) var file: String
        @Flag(help: "Show what would be imported and save nothing.") var dryRun = false

        func run() throws {
            try guarded {
                let source = file == "-" ? "standard input" : file
                let history = try TimewHistory.parse(try ImportCommand.readFile(file), path: source)
                print(try HistoryImporter.apply(history, from: source, to: storeOptions.resolved, dryRun: dryRun))
            }
        }
    }

    /// A file to import (`-`: standard input), or a clear error.
    static func readFile(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserFacingError(message: "cannot read \(path); nothing was imported", code: 66)
        }
        return data
    }

    /// Parsed JSON, or an error naming the file, where the parser stopped and what was expected.
    static func json(_ data: Data, path: String, expected: String) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: data) } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            throw UserFacingError(message: "\(path): not valid JSON (\(detail)); expected \(expected); nothing was imported", code: 65)
        }
    }

    /// A file as UTF-8 text, or a clear error.
    static func readText(_ path: String) throws -> String {
        let data = try readFile(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserFacingError(message: "\(path) is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\"); nothing was imported", code: 65)
        }
        return text
    }
}
