import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Study totals over all your history.",
                                                    discussion: "credstack report --by week,course --format tsv   prints week, course and seconds for every week and course you studied.")
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case weekCourse = "week,course"
    }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, tsv }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How to group: week,course.") var by: Grouping = .weekCourse
    @Option(help: "text (for people) or tsv (for scripts and spreadsheets).") var format: Format = .text

    func run() throws {
        try guarded {
            let totals = try storeOptions.resolved.weeklyCourseTotals()
            var out = ""
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
                FileHandle.standardOutput.write(Data(bytes))
                return
            case .text:
                out += "Week starting  Course              Time\n"
                for row in totals.rows {
                    out += "\(row.week)     " + Output.safe(row.courseID).padding(toLength: 18, withPad: " ", startingAt: 0)
                        + "  \(StudyDuration.label(seconds: row.seconds))\n"
                }
                out += "\(totals.sessionCount) sessions, \(StudyDuration.label(seconds: totals.totalSeconds)) in all\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import study history (CSV, timewarrior, TSV) or an Open Badges credential.",
                                                    subcommands: [Sessions.self, CSV.self, Timew.self, Badge.self])

    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import sessions from a TSV file: start, end, course, note (with a header row).",
            discussion: "Times are ISO 8601 with an offset (2021-09-06T07:35:00Z). Courses that do not exist yet are created; sessions already in the log are skipped.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The TSV file.", valueName: "FILE")) var file: String

        func run() throws {
            try guarded {
                let history = try SessionTSV.parse(Array(try ImportCommand.readFile(file)), path: file)
                print(try HistoryImporter.apply(history, from: file, to: storeOptions.resolved, dryRun: false))
            }
        }
    }
}

/// Sessions are the same when they start at the same instant on the same course for the same time.
struct SessionKey: Hashable {
    var start: Int64
    var seconds: Int
    var course: String
    init(_ s: StudySession) {
        start = s.start.epochSeconds
        seconds = s.durationSeconds
        course = s.courseID
    }
}

/// The neutral TSV that other trackers and the benchmark kit write: start, end, course, note.
enum SessionTSV {
    /// Strict: a line that does not read stops the import with its line and column.
    static func parse(_ bytes: [UInt8], path: String) throws -> ImportedHistory {
        var history = ImportedHistory(unit: "line")
        // One String per course name, shared by all its rows (a long history has a million of them).
        var names: [String: String] = [:]
        var lineNo = 0
        var start = 0
        func fail(_ line: Int, _ column: Int, _ message: String) -> UserFacingError {
            UserFacingError(message: "\(path):\(line):\(column): \(message); nothing was imported", code: 65)
        }
        while start < bytes.count {
            lineNo += 1
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            var fields: [Range<Int>] = []
            var f = start
            for i in start..<lineEnd where bytes[i] == 9 { fields.append(f..<i); f = i + 1 }
            fields.append(f..<lineEnd)
            if lineNo == 1, bytes[fields[0]].elementsEqual("start".utf8) { continue }
            guard fields.count >= 3 else { throw fail(lineNo, 1, "expected start, end, course and note separated by tabs") }
            let startStamp: Timestamp
            switch Timestamp.parse(bytes[fields[0]]) {
            case .success(let t): startStamp = t
            case .failure(let p): throw fail(lineNo, p.offset + 1, "expected \(p.expected)")
            }
            let endStamp: Timestamp
            switch Timestamp.parse(bytes[fields[1]]) {
            case .success(let t): endStamp = t
            case .failure(let p): throw fail(lineNo, fields[1].lowerBound - start + p.offset + 1, "expected \(p.expected)")
            }
            let seconds = Int(endStamp.epochSeconds - startStamp.epochSeconds)
            guard seconds > 0, seconds <= StudyDuration.maximumSeconds else {
                throw fail(lineNo, fields[1].lowerBound - start + 1, "expected an end after the start and at most 24h later")
            }
            let read = String(decoding: bytes[fields[2]], as: UTF8.self).trimmed
            guard !read.isEmpty else { throw fail(lineNo, fields[2].lowerBound - start + 1, "expected a course name") }
            let course = names[read] ?? read
            names[course] = course
            let note = fields.count > 3 ? String(decoding: bytes[fields[3].lowerBound..<lineEnd], as: UTF8.self) : ""
            history.rows.append(ImportedRow(line: lineNo, start: startStamp, seconds: seconds, course: course, note: note))
        }
        return history
    }
}
