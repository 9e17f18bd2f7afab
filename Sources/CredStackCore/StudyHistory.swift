/// Study time folded into local days of the learner's calendar: the source of every weekly figure.
/// A session that crosses midnight counts toward each day by its own seconds.
///
/// Kept as two sorted arrays (seconds per day; seconds per day and course), found by binary search: a
/// million sessions fold into them in one pass without hashing (`Builder`), and a week is a few dozen
/// neighbouring numbers.
public struct StudyHistory: Sendable {
    public let calendar: StudyCalendar
    /// Local days (days since epoch) with study, ascending, and their seconds.
    private var days: [Int] = []
    private var daySeconds: [Int] = []
    /// `day << 16 | course number`, ascending, and their seconds; course numbers index `courseIDs`.
    private var dayCourses: [Int] = []
    private var dayCourseSeconds: [Int] = []
    private var courseIDs: [String] = []
    /// Sessions and seconds per course number.
    private var sessionCounts: [Int] = []
    private var courseSeconds: [Int] = []
    /// The first day of study in the whole log, when the sessions folded are only the recent days a report reads.
    private let studiedSince: LocalDate?

    public init(sessions: [StudySession], calendar: StudyCalendar, courseID: String? = nil, studiedSince: LocalDate? = nil) {
        var courseIDs: [String] = []
        var numbers: [Int] = []
        numbers.reserveCapacity(sessions.count)
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
            numbers.append(lastNumber)
        }
        var builder = Builder(calendar: calendar, courseIDs: courseIDs, studiedSince: studiedSince)
        var i = 0
        for session in sessions where courseID == nil || session.courseID == courseID {
            builder.add(start: session.start.epochSeconds, seconds: session.durationSeconds, course: numbers[i])
            i += 1
        }
        self = builder.build()
    }

    fileprivate init(calendar: StudyCalendar, courseIDs: [String], studiedSince: LocalDate?) {
        self.calendar = calendar
        self.courseIDs = courseIDs
        self.studiedSince = studiedSince
        sessionCounts = Array(repeating: 0, count: courseIDs.count)
        courseSeconds = sessionCounts
    }

    /// Folds sessions one at a time, in any order, without keeping them: how a pass over the log (or its
    /// index) makes a history. Sessions in time order (as logs mostly are) are appended as they come;
    /// any others are set aside, sorted and merged in once, at `build`.
    public struct Builder: Sendable {
        private var history: StudyHistory
        private var offsets: ZoneOffsets
        /// Day-and-course seconds not yet appended: those on or after the last session's first day.
        private var pending: [(key: Int, seconds: Int)] = []
        private var pendingFrom = Int.min
        /// Those of sessions that came out of time order.
        private var late: [(key: Int, seconds: Int)] = []

        /// Courses are numbered as in `courseIDs` (at most 65,536).
        public init(calendar: StudyCalendar, courseIDs: [String], studiedSince: LocalDate? = nil) {
            history = StudyHistory(calendar: calendar, courseIDs: courseIDs, studiedSince: studiedSince)
            offsets = ZoneOffsets(calendar.timeZone)
        }

        /// Adds a session of `seconds` from `start` on the course numbered `course`.
        public mutating func add(start: Int64, seconds: Int, course: Int) {
            history.sessionCounts[course] += 1
            history.courseSeconds[course] += seconds
            var first = true
            // A copy, so the parts can change the builder while the offsets are walked.
            var zone = offsets
            zone.splitByLocalDay(start: start, seconds: seconds) { day, chunk in
                if first {
                    first = false
                    if day > pendingFrom { flush(before: day) }
                }
                let key = day << 16 | course
                if day < pendingFrom {
                    late.append((key, chunk))
                } else if let i = pending.firstIndex(where: { $0.key == key }) {
                    pending[i].seconds += chunk
                } else {
                    pending.append((key, chunk))
                }
            }
            offsets = zone
        }

        /// Appends what is pending for days before `day`, which no session to come in time order can touch.
        private mutating func flush(before day: Int) {
            pendingFrom = day
            guard !pending.isEmpty else { return }
            pending.sort { $0.key < $1.key }
            let cut = pending.firstIndex { $0.key >> 16 >= day } ?? pending.count
            for entry in pending[..<cut] {
                history.dayCourses.append(entry.key)
                history.dayCourseSeconds.append(entry.seconds)
            }
            pending.removeFirst(cut)
        }

        /// The history (the builder is used up: its arrays become the history's without a copy).
        public consuming func build() -> StudyHistory {
            flush(before: .max)
            var h = history
            history = StudyHistory(calendar: h.calendar, courseIDs: [], studiedSince: nil)
            if !late.isEmpty {
                let late = late.sorted { $0.key < $1.key }
                var keys: [Int] = [], seconds: [Int] = []
                keys.reserveCapacity(h.dayCourses.count + late.count)
                seconds.reserveCapacity(h.dayCourses.count + late.count)
                var i = 0, j = 0
                while i < h.dayCourses.count || j < late.count {
                    let takeLate = i == h.dayCourses.count || (j < late.count && late[j].key < h.dayCourses[i])
                    let (key, value) = takeLate ? (late[j].key, late[j].seconds) : (h.dayCourses[i], h.dayCourseSeconds[i])
                    if takeLate { j += 1 } else { i += 1 }
                    if keys.last == key { seconds[seconds.count - 1] += value } else { keys.append(key); seconds.append(value) }
                }
                h.dayCourses = keys
                h.dayCourseSeconds = seconds
            }
            for (key, value) in zip(h.dayCourses, h.dayCourseSeconds) {
                let day = key >> 16
                if h.days.last == day { h.daySeconds[h.daySeconds.count - 1] += value } else { h.days.append(day); h.daySeconds.append(value) }
            }
            return h
        }
    }

    /// The first position in `sorted` not below `value`.
    private static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// How many sessions are logged on `courseID`, and their seconds.
    public func logged(on courseID: String) -> (sessions: Int, seconds: Int) {
        courseIDs.firstIndex(of: courseID).map { (sessionCounts[$0], courseSeconds[$0]) } ?? (0, 0)
    }

    public func week(starting weekStart: LocalDate) -> WeekStudy {
        let first = weekStart.daysSinceEpoch
        var perDay = [Int](repeating: 0, count: 7)
        var i = StudyHistory.lowerBound(days, first)
        while i < days.count && days[i] < first + 7 {
            perDay[days[i] - first] = daySeconds[i]
            i += 1
        }
        var perCourse: [String: Int] = [:]
        var j = StudyHistory.lowerBound(dayCourses, first << 16)
        while j < dayCourses.count && dayCourses[j] < (first + 7) << 16 {
            perCourse[courseIDs[dayCourses[j] & 0xFFFF], default: 0] += dayCourseSeconds[j]
            j += 1
        }
        return WeekStudy(weekStart: weekStart, secondsPerDay: perDay, secondsPerCourse: perCourse)
    }

    /// Seconds studied on the local days `first` through `last`.
    public func seconds(from first: LocalDate, through last: LocalDate) -> Int {
        let end = max(first.daysSinceEpoch, last.daysSinceEpoch)
        var total = 0
        var i = StudyHistory.lowerBound(days, first.daysSinceEpoch)
        while i < days.count && days[i] <= end {
            total += daySeconds[i]
            i += 1
        }
        return total
    }

    /// Minutes studied in the `days` local days ending with `today`.
    public func minutes(inLast days: Int, endingWith today: LocalDate) -> Int {
        (seconds(from: today.adding(days: 1 - days), through: today) + 30) / 60
    }

    /// Seconds studied on `courseID` on the local days `first` through `last`.
    public func seconds(on courseID: String, from first: LocalDate, through last: LocalDate) -> Int {
        guard let number = courseIDs.firstIndex(of: courseID) else { return 0 }
        let end = (max(first.daysSinceEpoch, last.daysSinceEpoch) + 1) << 16
        var total = 0
        var j = StudyHistory.lowerBound(dayCourses, first.daysSinceEpoch << 16)
        while j < dayCourses.count && dayCourses[j] < end {
            if dayCourses[j] & 0xFFFF == number { total += dayCourseSeconds[j] }
            j += 1
        }
        return total
    }

    /// The first local day with any study, if there is one.
    public var firstDay: LocalDate? {
        ([days.first.map(LocalDate.init(daysSinceEpoch:)), studiedSince].compactMap { $0 }).min()
    }

    /// Seconds per course over the whole history.
    public var secondsPerCourse: [String: Int] {
        var out: [String: Int] = [:]
        for (number, id) in courseIDs.enumerated() where courseSeconds[number] > 0 { out[id, default: 0] += courseSeconds[number] }
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
