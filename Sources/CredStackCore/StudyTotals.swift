/// The periods `credstack report --by` groups study time by: each local day, week (from the learner's
/// first day of the week), calendar month, or all of it at once.
public enum ReportPeriod: String, CaseIterable, Sendable {
    case day, week, month, all
}

/// Seconds studied per period and course, over all history or between two days: the `report` figures.
/// Built for millions of sessions: a dense row of seconds per period (one column per course), found through
/// a dictionary only when the period changes, which in a log written in time order is rarely.
public struct StudyTotals {
    public private(set) var courseIDs: [String] = []
    private var courseIndex: [String: Int] = [:]
    /// Period start (days since epoch) -> row number.
    private var rowOfPeriod: [Int: Int] = [:]
    private var periodOfRow: [Int] = []
    /// Row-major seconds, `columns` per row.
    private var table: [Int] = []
    private var columns = 16
    private var lastPeriod = Int.min
    private var lastRow = 0
    /// The last day seen and the period it belongs to (a month's start takes a date computation).
    private var lastDay = Int.min
    private var lastDayPeriod = 0
    private var offsets: ZoneOffsets
    private let weekStart: Int
    public let period: ReportPeriod
    /// Only days from `first` through `last` (days since epoch) count.
    private let first: Int
    private let last: Int
    /// Sessions with any time in the range.
    public private(set) var sessionCount = 0
    public private(set) var totalSeconds = 0

    public init(calendar: StudyCalendar, period: ReportPeriod = .week, from: LocalDate? = nil, through: LocalDate? = nil) {
        offsets = ZoneOffsets(calendar.timeZone)
        weekStart = calendar.weekStart.rawValue
        self.period = period
        first = from?.daysSinceEpoch ?? Int.min
        last = through?.daysSinceEpoch ?? Int.max
    }

    public mutating func index(of courseID: String) -> Int {
        if let i = courseIndex[courseID] { return i }
        courseIDs.append(courseID)
        courseIndex[courseID] = courseIDs.count - 1
        if courseIDs.count > columns { widen(to: columns * 2) }
        return courseIDs.count - 1
    }

    private mutating func widen(to newColumns: Int) {
        var wider = [Int](repeating: 0, count: periodOfRow.count * newColumns)
        for r in 0..<periodOfRow.count {
            for c in 0..<columns { wider[r * newColumns + c] = table[r * columns + c] }
        }
        table = wider
        columns = newColumns
    }

    @inline(__always)
    private mutating func row(of period: Int) -> Int {
        if period == lastPeriod { return lastRow }
        let r: Int
        if let existing = rowOfPeriod[period] { r = existing } else {
            r = periodOfRow.count
            rowOfPeriod[period] = r
            periodOfRow.append(period)
            table.append(contentsOf: repeatElement(0, count: columns))
        }
        lastPeriod = period
        lastRow = r
        return r
    }

    /// The first day of the period `day` falls in.
    @inline(__always)
    private mutating func periodStart(of day: Int) -> Int {
        if day == lastDay { return lastDayPeriod }
        let start: Int
        switch period {
        case .day: start = day
        case .week:
            // 1970-01-01 was a Thursday (weekday 3 counting Monday as 0).
            let weekday = ((day % 7) + 7 + 3) % 7
            start = day - (weekday - weekStart + 7) % 7
        case .month:
            let date = LocalDate(daysSinceEpoch: day)
            start = LocalDate(year: date.year, month: date.month, day: 1)!.daysSinceEpoch
        case .all: start = 0
        }
        lastDay = day
        lastDayPeriod = start
        return start
    }

    /// Adds a session, split at local midnights so each part lands in its own day's period; the parts
    /// outside the range are left out.
    public mutating func add(start: Int64, seconds: Int, course: Int) {
        var counted = false
        // A copy, so the parts can change the totals while the offsets are walked.
        var zone = offsets
        zone.splitByLocalDay(start: start, seconds: seconds) { day, chunk in
            guard day >= first && day <= last else { return }
            table[row(of: periodStart(of: day)) * columns + course] += chunk
            totalSeconds += chunk
            counted = true
        }
        offsets = zone
        if counted { sessionCount += 1 }
    }

    /// Rows sorted by period, then course id; `byCourse: false` sums the courses of each period.
    public struct Row: Equatable, Sendable {
        /// The period's first day (nil for `.all`).
        public var period: LocalDate?
        /// Nil when the courses are summed.
        public var courseID: String?
        public var seconds: Int

        public init(period: LocalDate?, courseID: String?, seconds: Int) {
            self.period = period
            self.courseID = courseID
            self.seconds = seconds
        }
    }

    public func rows(byCourse: Bool = true) -> [Row] {
        let courseOrder = courseIDs.indices.sorted { courseIDs[$0] < courseIDs[$1] }
        var out: [Row] = []
        for r in periodOfRow.indices.sorted(by: { periodOfRow[$0] < periodOfRow[$1] }) {
            let start = period == .all ? nil : LocalDate(daysSinceEpoch: periodOfRow[r])
            if byCourse {
                for c in courseOrder where table[r * columns + c] > 0 {
                    out.append(Row(period: start, courseID: courseIDs[c], seconds: table[r * columns + c]))
                }
            } else {
                let sum = table[(r * columns)..<(r * columns + columns)].reduce(0, +)
                if sum > 0 { out.append(Row(period: start, courseID: nil, seconds: sum)) }
            }
        }
        return out
    }
}
