import Foundation
import Testing
import CredStackCore
import CredStackOperations
import CredStackStore
import CredStackTestSupport

/// The import's rules said as plainly as possible and checked against the real thing on random files:
/// rows are taken in the file's order for repeats (the same start, length and course as a session in the
/// log or an earlier row), then in time order (the file's among equal starts) for overlaps.
@Suite struct ImportModelTests {
    struct Row { var line: Int; var start: Int64; var seconds: Int; var course: String }

    /// What the import should keep, as (start, seconds, course), and the lines it should skip with a reason.
    static func model(_ rows: [Row], log: [Row]) -> (kept: [Row], skipped: [Int: String]) {
        var skipped: [Int: String] = [:]
        var seen = Set(log.map { "\($0.start)/\($0.seconds)/\($0.course)" })
        var fresh: [Row] = []
        for r in rows {
            if seen.insert("\(r.start)/\(r.seconds)/\(r.course)").inserted { fresh.append(r) } else { skipped[r.line] = "already in the log" }
        }
        var kept: [Row] = []
        var lastEnd = Int64.min, lastLine = 0
        for r in fresh.enumerated().sorted(by: { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }).map(\.element) {
            let end = r.start + Int64(r.seconds)
            if r.start < lastEnd { skipped[r.line] = "overlaps line \(lastLine) of this file (--allow-overlap for study in parallel)"; continue }
            if log.contains(where: { $0.start < end && r.start < $0.start + Int64($0.seconds) }) { skipped[r.line] = "overlaps session"; continue }
            kept.append(r)
            if end > lastEnd { lastEnd = end; lastLine = r.line }
        }
        return (kept, skipped)
    }

    @Test func randomFilesAreImportedAsTheRulesSay() throws {
        var rng = SplitMix64(seed: 2026)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let base = Timestamp.parse("2026-11-01T00:00:00Z")!.epochSeconds
        for round in 0..<40 {
            let b = try Bench()
            for c in ["a", "b", "c"] { try b.run(.addCourse(Course(id: c, title: c.uppercased()))) }
            // A few sessions logged already, apart from each other.
            var log: [Row] = []
            for k in 0..<pick(4) {
                let r = Row(line: 0, start: base + Int64(k * 20 + pick(3)) * 1800, seconds: 1800 * (1 + pick(2)), course: ["a", "b", "c"][pick(3)])
                try b.run(.logSession(SessionDraft(courseID: r.course, seconds: r.seconds, start: Timestamp(epochSeconds: r.start, utcOffsetSeconds: 0))))
                log.append(r)
            }
            // Rows on a grid of half hours, so that repeats, shared starts and overlaps are common; not in time order.
            var rows: [Row] = []
            var history = ImportedHistory(unit: "line")
            for i in 0..<(5 + pick(30)) {
                let r = pick(5) == 0 && !log.isEmpty ? { var l = log[pick(log.count)]; l.line = i + 2; return l }()
                    : pick(4) == 0 && !rows.isEmpty ? { var l = rows[pick(rows.count)]; l.line = i + 2; return l }()
                    : Row(line: i + 2, start: base + Int64(pick(90)) * 1800, seconds: 1800 * (1 + pick(3)), course: ["a", "b", "c"][pick(3)])
                rows.append(r)
                history.add(line: r.line, start: Timestamp(epochSeconds: r.start, utcOffsetSeconds: 0), seconds: r.seconds, course: r.course, note: "n\(i)")
            }
            let expected = Self.model(rows, log: log)
            guard case .imported(let report)? = try? b.run(.importHistory(history, source: "f", dryRun: false)) else {
                #expect(expected.kept.isEmpty && expected.skipped.values.contains { $0 != "already in the log" }, "round \(round)")
                continue
            }
            #expect(report.importedCount == expected.kept.count, "round \(round)")
            let reasons = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.line, $0.reason) })
            #expect(Set(reasons.keys) == Set(expected.skipped.keys), "round \(round): \(reasons) vs \(expected.skipped)")
            for (line, reason) in expected.skipped {
                #expect(reasons[line]?.hasPrefix(reason) == true, "round \(round) line \(line): \(reasons[line] ?? "-") vs \(reason)")
            }
            let stored = try b.snap.sessions.filter { $0.note.hasPrefix("n") }.map { "\($0.start.epochSeconds)/\($0.durationSeconds)/\($0.courseID)" }
            #expect(stored.sorted() == expected.kept.map { "\($0.start)/\($0.seconds)/\($0.course)" }.sorted(), "round \(round)")
        }
    }

    /// Names that make the same id (`Math`, `Math!`), differ only in case, or are a course's title: the
    /// first import gives each a course, as `log` would find it, and importing the file again finds every
    /// row's session where the first put it (nothing new, even with --allow-overlap).
    @Test func importingAFileAgainFindsEveryRowsCourseWhereTheFirstPutIt() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "csharp-intro", title: "C#")))
        let names = ["Math", "math", "Math!", "Data Science", "data-science", "C++", "C", "C#", "c#", "AWS Cloud"]
        var h = ImportedHistory(unit: "line")
        let base = Timestamp.parse("2026-11-16T00:00:00Z")!.epochSeconds
        for (i, name) in names.enumerated() {
            h.add(line: i + 2, start: Timestamp(epochSeconds: base + Int64(i) * 7200, utcOffsetSeconds: 0), seconds: 1800, course: name, note: name)
        }
        guard case .imported(let first) = try b.run(.importHistory(h, source: "f", dryRun: false)) else { return }
        #expect(first.importedCount == names.count)
        let courseOf = Dictionary(uniqueKeysWithValues: try b.snap.sessions.map { ($0.note, $0.courseID) })
        #expect(courseOf["C#"] == "csharp-intro" && courseOf["c#"] == "csharp-intro", "a course's title finds it, as `log` finds it")
        #expect(courseOf["Math"] == courseOf["math"] && courseOf["Data Science"] == courseOf["data-science"])
        for allow in [false, true] {
            guard case .imported(let again) = try b.run(.importHistory(h, source: "f", dryRun: false, allowOverlap: allow)) else { return }
            #expect(again.importedCount == 0 && again.skipped.count == names.count, "allowOverlap \(allow): \(again.skipped)")
            #expect(again.skipped.allSatisfy { $0.reason == "already in the log" }, "\(again.skipped)")
        }
        #expect(try b.snap.sessions.count == names.count)
    }

    /// A timewarrior interval whose tags name two courses goes where it went the first time, even once the
    /// other course exists (the import made it): importing the export again adds nothing.
    @Test func taggedIntervalsStayWhereTheFirstImportPutThem() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "physics", title: "Physics")))
        var h = ImportedHistory(unit: "entry")
        h.add(line: 1, start: at("2026-09-02T10:00Z"), seconds: 3600, course: "Chemistry", note: "", tags: ["Chemistry", "Physics"])
        h.add(line: 2, start: at("2026-09-02T14:00Z"), seconds: 3600, course: "Chemistry", note: "")
        guard case .imported(let first) = try b.run(.importHistory(h, source: "t", dryRun: false)) else { return }
        #expect(first.importedCount == 2 && first.newCourses.map(\.id) == ["chemistry"])
        #expect(try b.snap.sessions.map(\.courseID) == ["physics", "chemistry"])
        for allow in [false, true] {
            guard case .imported(let again) = try b.run(.importHistory(h, source: "t", dryRun: false, allowOverlap: allow)) else { return }
            #expect(again.importedCount == 0 && again.skipped.allSatisfy { $0.reason == "already in the log" }, "\(again.skipped)")
        }
    }

    /// A name that is the title of two courses names neither: its rows are skipped and say which, as
    /// `log` refuses it, never put on one of them.
    @Test func aTitleTwoCoursesShareIsNoCourse() throws {
        let b = try Bench()
        try b.run(.addCourse(Course(id: "p1", title: "Shared")))
        try b.run(.addCourse(Course(id: "p2", title: "Shared")))
        var h = ImportedHistory(unit: "line")
        h.add(line: 2, start: at("2026-11-20T10:00Z"), seconds: 1800, course: "shared", note: "")
        h.add(line: 3, start: at("2026-11-20T12:00Z"), seconds: 1800, course: "p2", note: "")
        guard case .imported(let r) = try b.run(.importHistory(h, source: "f", dryRun: false)) else { return }
        #expect(r.importedCount == 1 && r.newCourses.isEmpty)
        #expect(r.skipped.map(\.reason) == ["\"shared\" is the title of p1 and p2: name the course by its id"], "\(r.skipped)")
    }
}

