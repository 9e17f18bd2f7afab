/// Study time folded into local days of the learner's calendar: the source of every weekly figure.
/// A session that crosses midnight counts toward each day by its own seconds.
public struct StudyHistory: Sendable {
    public let calendar: StudyCalendar
    /// Seconds studied per local day (days since epoch).
    public private(set) var secondsByDay: [Int: Int] = [:]
    /// Seconds per local day and course.
    public private(set) var secondsByDayAndCourse: [Int: [String: Int]] = [:]

    public init(sessions: [StudySession], calendar: StudyCalendar, courseID: String? = nil) {
        self.calendar = calendar
        var offsets = ZoneOffsets(calendar.timeZone)
        for session in sessions where courseID == nil || session.courseID == courseID {
            add(session, &offsets)
        }
    }

    private mutating func add(_ session: StudySession, _ offsets: inout ZoneOffsets) {
        var at = session.start.epochSeconds
        var remaining = session.durationSeconds
        while remaining > 0 {
            let stamp = Timestamp(epochSeconds: at, utcOffsetSeconds: Int32(offsets.offset(at: at)))
            let (date, secondOfDay) = stamp.local
            let chunk = min(remaining, 86_400 - secondOfDay)
            let day = date.daysSinceEpoch
            secondsByDay[day, default: 0] += chunk
            secondsByDayAndCourse[day, default: [:]][session.courseID, default: 0] += chunk
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
            for (course, seconds) in secondsByDayAndCourse[day] ?? [:] { perCourse[course, default: 0] += seconds }
        }
        return WeekStudy(weekStart: weekStart, secondsPerDay: perDay, secondsPerCourse: perCourse)
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

    public var label: String {
        "goal met in \(weeksMet) of the last \(window) weeks; current run \(currentRun) week\(currentRun == 1 ? "" : "s")"
    }
}
