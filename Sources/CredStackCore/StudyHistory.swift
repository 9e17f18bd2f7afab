/// Study time folded into local days of the learner's calendar: the source of every weekly figure.
/// A session that crosses midnight counts toward each day by its own seconds.
public struct StudyHistory: Sendable {
    public let calendar: StudyCalendar
    /// Seconds studied per local day (days since epoch).
    private var secondsByDay: [Int: Int] = [:]
    /// Seconds per (day << 16 | course number); course numbers index `courseIDs`.
    private var secondsByDayAndCourse: [Int: Int] = [:]
    private var courseIDs: [String] = []
    /// The first day of study in the whole log, when `sessions` are only the recent days a report reads.
    private let studiedSince: LocalDate?

    public init(sessions: [StudySession], calendar: StudyCalendar, courseID: String? = nil, studiedSince: LocalDate? = nil) {
        self.calendar = calendar
        self.studiedSince = studiedSince
        var offsets = ZoneOffsets(calendar.timeZone)
        var lastID = ""
        var lastNumber = -1
        for session in sessions where courseID == nil || session.courseID == courseID {
            // Ids come interned from the learner file, so comparing them is usually a pointer check.
            if lastNumber < 0 || session.courseID != lastID {
                lastID = session.courseID
                if let n = courseIDs.firstIndex(of: lastID) { lastNumber = n } else {
                    courseIDs.append(lastID)
                    lastNumber = courseIDs.count - 1
                }
            }
            add(session, course: lastNumber, &offsets)
        }
    }

    private mutating func add(_ session: StudySession, course: Int, _ offsets: inout ZoneOffsets) {
        var at = session.start.epochSeconds
        var remaining = session.durationSeconds
        while remaining > 0 {
            let local = at + Int64(offsets.offset(at: at))
            let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let chunk = min(remaining, 86_400 - Int(local - Int64(day) * 86_400))
            secondsByDay[day, default: 0] += chunk
            secondsByDayAndCourse[day << 16 | course, default: 0] += chunk
            remaining -= chunk
            at += Int64(chunk)
        }
    }

    public func week(starting weekStart: LocalDate) -> WeekStudy {
        var perDay = [Int](repeating: 0, count: 7)
        var perCourse: [String: Int] = [:]
        for i in 0..<7 {
            let day = weekStart.daysSinceEpoch + i
            perDay[i] = secondsByDay[day] ?? 0
            guard perDay[i] > 0 else { continue }
            for (number, id) in courseIDs.enumerated() {
                if let seconds = secondsByDayAndCourse[day << 16 | number] { perCourse[id, default: 0] += seconds }
            }
        }
        return WeekStudy(weekStart: weekStart, secondsPerDay: perDay, secondsPerCourse: perCourse)
    }

    /// Seconds studied on the local days `first` through `last`.
    public func seconds(from first: LocalDate, through last: LocalDate) -> Int {
        (first.daysSinceEpoch...max(first.daysSinceEpoch, last.daysSinceEpoch)).reduce(0) { $0 + (secondsByDay[$1] ?? 0) }
    }

    /// Minutes studied in the `days` local days ending with `today`.
    public func minutes(inLast days: Int, endingWith today: LocalDate) -> Int {
        (seconds(from: today.adding(days: 1 - days), through: today) + 30) / 60
    }

    /// Seconds studied on `courseID` on the local days `first` through `last`.
    public func seconds(on courseID: String, from first: LocalDate, through last: LocalDate) -> Int {
        guard let number = courseIDs.firstIndex(of: courseID) else { return 0 }
        return (first.daysSinceEpoch...max(first.daysSinceEpoch, last.daysSinceEpoch)).reduce(0) { $0 + (secondsByDayAndCourse[$1 << 16 | number] ?? 0) }
    }

    /// The first local day with any study, if there is one.
    public var firstDay: LocalDate? {
        ([secondsByDay.keys.min().map(LocalDate.init(daysSinceEpoch:)), studiedSince].compactMap { $0 }).min()
    }

    /// Seconds per course over the whole history.
    public var secondsPerCourse: [String: Int] {
        var out: [String: Int] = [:]
        for (key, seconds) in secondsByDayAndCourse { out[courseIDs[key & 0xFFFF], default: 0] += seconds }
        return out
    }

    /// The week `ago` weeks before the one containing `today`.
    public func week(containing today: LocalDate, ago: Int = 0) -> WeekStudy {
        week(starting: calendar.startOfWeek(containing: today).adding(days: -7 * ago))
    }

    /// Total minutes for `count` weeks, oldest first, ending with the week containing `today`.
    public func weeklyMinutes(endingWith today: LocalDate, count: Int) -> [Int] {
        (0..<count).reversed().map { week(containing: today, ago: $0).totalMinutes }
    }

    public func streak(today: LocalDate, goalMinutes: Int, window: Int = 8) -> StreakSummary {
        guard goalMinutes > 0 else { return StreakSummary(weeksMet: 0, window: window, currentRun: 0, thisWeekMet: false) }
        let met = (1...max(1, window)).map { week(containing: today, ago: $0).totalMinutes >= goalMinutes }
        var run = 0
        for m in met { if m { run += 1 } else { break } }
        let thisWeek = week(containing: today).totalMinutes >= goalMinutes
        return StreakSummary(weeksMet: met.filter { $0 }.count, window: window,
                             currentRun: run + (thisWeek ? 1 : 0), thisWeekMet: thisWeek)
    }
}

public struct WeekStudy: Hashable, Sendable {
    public let weekStart: LocalDate
    /// Seven entries in the calendar's week order.
    public let secondsPerDay: [Int]
    public let secondsPerCourse: [String: Int]

    public var days: [LocalDate] { (0..<7).map { weekStart.adding(days: $0) } }
    public var weekEnd: LocalDate { weekStart.adding(days: 6) }
    public var totalSeconds: Int { secondsPerDay.reduce(0, +) }
    public var totalMinutes: Int { (totalSeconds + 30) / 60 }
    public var minutesPerDay: [Int] { secondsPerDay.map { ($0 + 30) / 60 } }

    /// Courses by time studied this week, most first; ties by id so the order is stable.
    public var minutesPerCourse: [(courseID: String, minutes: Int)] {
        secondsPerCourse.map { ($0.key, ($0.value + 30) / 60) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    public func metGoal(_ goalMinutes: Int) -> Bool { goalMinutes > 0 && totalMinutes >= goalMinutes }
}

/// Forgiving, weekly: how many of the last `window` complete weeks met the goal, and the run of met weeks
/// up to now (this week joins the run as soon as it is met, and never breaks it while still under way).
public struct StreakSummary: Hashable, Sendable {
    public var weeksMet: Int
    public var window: Int
    public var currentRun: Int
    public var thisWeekMet: Bool

    /// This week is named apart from the complete weeks, so a run never looks longer than the weeks met.
    public var label: String {
        (thisWeekMet ? "goal met this week and in \(weeksMet) of the \(window) weeks before" : "goal met in \(weeksMet) of the last \(window) weeks")
            + "; current run \(currentRun) week\(currentRun == 1 ? "" : "s")"
    }

    /// The same in the few columns of the dashboard's week pane.
    public var shortLabel: String {
        (thisWeekMet ? "met this week, \(weeksMet) of \(window) before" : "goal met \(weeksMet) of last \(window) wks") + " · run \(currentRun)"
    }
}
