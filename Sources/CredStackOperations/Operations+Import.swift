import CredStackCore
import CredStackStore

extension Run {
    /// Adds the rows of another tool's history that keep the rules, are not in the log already and do not
    /// overlap (unless study in parallel is allowed); says why each other row was skipped. Works on the
    /// history's columns: years of history (a million rows) never become a million values.
    mutating func importHistory(_ history: ImportedHistory, source: String, dryRun: Bool, allowOverlap: Bool) throws -> Outcome {
        var skipped = history.skipped
        let n = history.count
        // The rows that keep the rules, in start order (the file's among equal starts).
        var candidates: [Int32] = []
        candidates.reserveCapacity(n)
        for i in 0..<n {
            if let problem = SessionRules.problem(start: history.start(ofRow: i), seconds: Int(history.seconds[i]), now: now) {
                skipped.append(ImportedHistory.Skip(line: Int(history.lines[i]), reason: problem))
            } else {
                candidates.append(Int32(i))
            }
        }
        let starts = history.starts
        // A file in time order (the usual) is not sorted again.
        if !zip(candidates, candidates.dropFirst()).allSatisfy({ starts[Int($0)] <= starts[Int($1)] }) {
            candidates.sort { starts[Int($0)] != starts[Int($1)] ? starts[Int($0)] < starts[Int($1)] : $0 < $1 }
        }
        // Repeats, overlaps and full days involve only logged sessions near the rows: two days either side
        // (a session is at most a day, a day's edges depend on the zone). Through the log's index, a few rows
        // into a long log read only those. Rows that carry ids (credstack's own export) are checked against
        // every id in the log, so it is read whole.
        let logged: [StudySession]
        if history.hasIDs || candidates.isEmpty {
            logged = try tx.sessions().sorted { $0.start.epochSeconds < $1.start.epochSeconds }
        } else {
            let first = starts[Int(candidates[0])], last = starts[Int(candidates[candidates.count - 1])]
            let margin = Int64(2 * Limits.sessionSeconds)
            logged = try tx.sessions(startingIn: (first - margin)..<(last + margin)).sorted { $0.start.epochSeconds < $1.start.epochSeconds }
        }

        // Each row's course. A name several courses have as their title is no course: its rows are skipped.
        var courses = ImportCourses(planned: tx.learner)
        var course = [Int32](repeating: 0, count: n)
        var courseOfName = [Int32](repeating: -2, count: history.names.count)
        // timewarrior's rows: the tag naming a course is the course, the other tags join the note.
        var retaggedNotes: [Int: String] = [:]
        var namesACourse: [String: Bool] = [:]
        let loggedStarts = logged.map(\.start.epochSeconds)
        for i in 0..<n {
            let tags = history.hasTags ? history.tags(ofRow: i) : []
            if tags.isEmpty {
                let name = Int(history.nameNumbers[i])
                if courseOfName[name] == -2 { courseOfName[name] = courses.number(named: history.names[name], title: history.titles[name]) }
                course[i] = courseOfName[name]
            } else {
                // The tag whose course holds this very session already (imported before: importing again
                // finds it there, whatever courses were added since), else the first that names a course.
                var j = firstIndex(in: loggedStarts, atOrAfter: starts[i])
                var held: String?
                while held == nil, j < logged.count, loggedStarts[j] == starts[i] {
                    if logged[j].durationSeconds == Int(history.seconds[i]) {
                        held = tags.first { courses.planned(named: $0)?.id == logged[j].courseID }
                    }
                    j += 1
                }
                let chosen = held ?? tags.first { tag in
                    if let known = namesACourse[tag] { return known }
                    let known = courses.existing(tag) != nil
                    namesACourse[tag] = known
                    return known
                } ?? history.name(ofRow: i)
                retaggedNotes[i] = ([history.note(ofRow: i)] + tags.filter { $0 != chosen }).filter { !$0.isEmpty }.joined(separator: " · ")
                course[i] = courses.number(named: chosen, title: "")
            }
        }
        let ambiguous = Set(candidates.filter { course[Int($0)] < 0 })
        if !ambiguous.isEmpty {
            for i in ambiguous {
                let name = history.hasTags && !history.tags(ofRow: Int(i)).isEmpty ? history.tags(ofRow: Int(i))[0] : history.name(ofRow: Int(i))
                let ids = tx.learner.courses.filter { $0.title.lowercased() == name.lowercased() }.map(\.id)
                skipped.append(ImportedHistory.Skip(line: Int(history.lines[Int(i)]),
                                                    reason: "\"\(name)\" is the title of \(ids.joined(separator: " and ")): name the course by its id"))
            }
            candidates.removeAll { ambiguous.contains($0) }
        }
        let placement = SessionPlacement(logged: logged, history: history, course: course, courseIDs: courses.ids, calendar: calendar)
        let repeated = placement.repeatedRows(candidates)
        if !repeated.isEmpty {
            for i in repeated { skipped.append(ImportedHistory.Skip(line: Int(history.lines[Int(i)]), reason: "already in the log")) }
            candidates.removeAll { repeated.contains($0) }
        }
        let (kept, clashes) = placement.place(candidates, allowOverlap: allowOverlap, unit: history.unit)
        skipped += clashes
        candidates = []

        let used = Set(kept.lazy.map { course[Int($0)] })
        let newCourses = courses.new.filter { used.contains(courses.number(ofID: $0.id)) }
        for c in newCourses { try tx.addCourse(c) }
        let ids = courses.ids
        try tx.append(count: kept.count) { k in
            let i = Int(kept[k])
            return StudySession(id: history.id(ofRow: i), start: history.start(ofRow: i), durationSeconds: Int(history.seconds[i]),
                                courseID: ids[Int(course[i])], note: retaggedNotes[i] ?? history.note(ofRow: i))
        }
        if dryRun { tx.discard() }
        let seconds = kept.reduce(0) { $0 + Int(history.seconds[Int($1)]) }
        let report = ImportReport(source: source, unit: history.unit, dryRun: dryRun, importedCount: kept.count, importedSeconds: seconds,
                                  newCourses: newCourses, skipped: skipped)
        let failed = skipped.filter { $0.reason != "already in the log" }
        if !failed.isEmpty, failed.count == n + history.skipped.count {
            // Every row failed: say so as a failure, not a quiet success (no course was created either).
            throw OperationError.invalid(report.lines.joined(separator: "\n"))
        }
        return .imported(report)
    }
}

/// The first position in `sorted` whose value is `value` or more.
private func firstIndex(in sorted: [Int64], atOrAfter value: Int64) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < value { lo = mid + 1 } else { hi = mid } }
    return lo
}

/// The courses an import's rows name, numbered: a name is a course's id, its id in another case, its title
/// (any case), or the id its name would make (`AWS Cloud` is `aws-cloud`), looked for among the learner's
/// courses and those this import plans; a name that is none of them plans a new course (added only if a
/// session of its own is imported). Looking among the planned ones too is what makes importing a file
/// again find every row's course where the first import put it.
struct ImportCourses {
    private(set) var planned: Learner
    private(set) var ids: [String] = []
    private(set) var new: [Course] = []
    private var numberOfID: [String: Int32] = [:]
    private var numberOfName: [String: Int32] = [:]
    /// The learner's courses before the import: what a timewarrior tag must name to be taken as the course.
    private let learner: Learner

    init(planned learner: Learner) {
        self.planned = learner
        self.learner = learner
    }

    /// The course `name` names among `learner`'s: `CourseLookup`'s id or title, else (unless it is the title
    /// of several, which names none) the id the name would make.
    static func course(named name: String, in learner: Learner) -> Course? {
        if let c = CourseLookup.resolve(name, in: learner) { return c }
        return sharesTitle(name, in: learner) ? nil : learner.course(Course.slug(name))
    }

    /// Whether several of `learner`'s courses have `name` as their title.
    static func sharesTitle(_ name: String, in learner: Learner) -> Bool {
        learner.courses.lazy.filter { $0.title.lowercased() == name.lowercased() }.count > 1
    }

    /// The learner's own course a tag names (not one this import plans).
    func existing(_ name: String) -> Course? { Self.course(named: name, in: learner) }

    /// The course a name finds among the learner's and those this import plans so far.
    func planned(named name: String) -> Course? { Self.course(named: name, in: planned) }

    func number(ofID id: String) -> Int32 { numberOfID[id] ?? -1 }

    /// The number of the course `name` finds, planning a new course when it finds none; -1 when it is the
    /// title of several courses (which one is meant cannot be told).
    mutating func number(named name: String, title: String) -> Int32 {
        let key = name.lowercased()
        if let k = numberOfName[key] { return k }
        let id: String
        if CourseLookup.resolve(name, in: planned) == nil, Self.sharesTitle(name, in: planned) {
            numberOfName[key] = -1
            return -1
        }
        if let c = Self.course(named: name, in: planned) {
            id = c.id
        } else {
            id = planned.newCourseID(from: name)
            let course = Course(id: id, title: Course.plainTitle(title.isEmpty ? name : title), status: .enrolled)
            planned.courses.append(course)
            new.append(course)
        }
        let k = numberOfID[id] ?? Int32(ids.count)
        if k == ids.count {
            ids.append(id)
            numberOfID[id] = k
        }
        numberOfName[key] = k
        return k
    }
}

/// Where imported rows may go: not over a session already logged or one earlier in the same import
/// (unless study in parallel is allowed), and never more than 24h on a day; and which rows the log (or
/// the file, earlier) holds already. O(n log n) over row numbers, for imports of years of history.
struct SessionPlacement {
    /// The log's sessions in start order.
    let logged: [StudySession]
    let loggedStarts: [Int64]
    let history: ImportedHistory
    /// Each row's course, as a position in `courseIDs`.
    let course: [Int32]
    let courseIDs: [String]
    let calendar: StudyCalendar

    init(logged: [StudySession], history: ImportedHistory, course: [Int32], courseIDs: [String], calendar: StudyCalendar) {
        self.logged = logged
        loggedStarts = logged.map(\.start.epochSeconds)
        self.history = history
        self.course = course
        self.courseIDs = courseIDs
        self.calendar = calendar
    }

    /// The first logged session starting at or after `epoch`.
    private func firstLogged(from epoch: Int64) -> Int { firstIndex(in: loggedStarts, atOrAfter: epoch) }

    /// Rows (of `candidates`, in start order) that are sessions already: the same start, length and course
    /// as one in the log or one earlier in the file.
    func repeatedRows(_ candidates: [Int32]) -> Set<Int32> {
        var out = Set<Int32>()
        let starts = history.starts, seconds = history.seconds
        var run = 0
        while run < candidates.count {
            let at = starts[Int(candidates[run])]
            var end = run + 1
            while end < candidates.count, starts[Int(candidates[end])] == at { end += 1 }
            if end - run > 1 {
                // Rows at one start, in length and course order, the file's among equals: a repeat follows its first.
                let group = candidates[run..<end].sorted {
                    let a = Int($0), b = Int($1)
                    return seconds[a] != seconds[b] ? seconds[a] < seconds[b] : course[a] != course[b] ? course[a] < course[b] : a < b
                }
                for (a, b) in zip(group, group.dropFirst()) where seconds[Int(a)] == seconds[Int(b)] && course[Int(a)] == course[Int(b)] {
                    out.insert(b)
                }
            }
            var j = firstLogged(from: at)
            while j < logged.count, loggedStarts[j] == at {
                for i in candidates[run..<end] where Int(seconds[Int(i)]) == logged[j].durationSeconds && courseIDs[Int(course[Int(i)])] == logged[j].courseID {
                    out.insert(i)
                }
                j += 1
            }
            run = end
        }
        return out
    }

    /// The candidates kept (rows in the file's order) and those skipped with the reason.
    func place(_ candidates: [Int32], allowOverlap: Bool, unit: String) -> (kept: [Int32], skipped: [ImportedHistory.Skip]) {
        var kept: [Int32] = []
        kept.reserveCapacity(candidates.count)
        var skipped: [ImportedHistory.Skip] = []
        /// A logged session sharing time with `start..<end` (sessions are at most a day long, so look back a day).
        func clash(_ start: Int64, _ end: Int64) -> StudySession? {
            var i = firstLogged(from: start - Int64(Limits.sessionSeconds))
            while i < loggedStarts.count, loggedStarts[i] < end {
                if logged[i].endEpochSeconds > start { return logged[i] }
                i += 1
            }
            return nil
        }
        var perDay: [LocalDate: Int] = [:]
        if allowOverlap {
            for s in logged { for (day, seconds) in SessionRules.secondsPerDay(of: s, calendar: calendar) { perDay[day, default: 0] += seconds } }
        }
        var lastEnd = Int64.min
        var lastRow = 0
        for i32 in candidates {
            let i = Int(i32)
            let start = history.starts[i], seconds = Int(history.seconds[i]), end = start + Int64(seconds)
            let line = Int(history.lines[i])
            if allowOverlap {
                let split = SessionRules.secondsPerDay(of: StudySession(start: history.start(ofRow: i), durationSeconds: seconds, courseID: ""), calendar: calendar)
                if let full = split.first(where: { perDay[$0.day, default: 0] + $0.seconds > 86_400 }) {
                    skipped.append(ImportedHistory.Skip(line: line, reason: "more than 24h of study on \(full.day.shortLabel) \(full.day.year)"))
                    continue
                }
                for (day, seconds) in split { perDay[day, default: 0] += seconds }
            } else if start < lastEnd {
                skipped.append(ImportedHistory.Skip(line: line, reason: "overlaps \(unit) \(lastRow) of this file (--allow-overlap for study in parallel)"))
                continue
            } else if let other = clash(start, end) {
                let t = calendar.timestamp(other.start.epochSeconds)
                skipped.append(ImportedHistory.Skip(line: line, reason: "overlaps session \(other.id) (\(StudyDuration.label(seconds: other.durationSeconds)) on \(other.courseID) from \(t.local.date) \(t.clockLabel))"))
                continue
            }
            kept.append(i32)
            if end > lastEnd { lastEnd = end; lastRow = line }
        }
        // In the file's order (rows are numbered in it).
        kept.sort()
        return (kept, skipped)
    }
}
