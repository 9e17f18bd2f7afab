/// Seconds studied per week and course over all history: the `report --by week,course` figures.
/// Built for millions of sessions: a dense row of seconds per week (one column per course), found through a
/// dictionary only when the week changes, which in a log written in time order is once a week.
public struct WeeklyCourseTotals {
    public private(set) var courseIDs: [String] = []
    private var courseIndex: [String: Int] = [:]
    /// Week start (days since epoch) -> row number.
    private var rowOfWeek: [Int: Int] = [:]
    private var weekOfRow: [Int] = []
    /// Row-major seconds, `columns` per row.
    private var table: [Int] = []
    private var columns = 16
    private var lastWeek = Int.min
    private var lastRow = 0
    private var offsets: ZoneOffsets
    private let weekStart: Int
    public private(set) var sessionCount = 0
    public private(set) var totalSeconds = 0

    public init(calendar: StudyCalendar) {
        offsets = ZoneOffsets(calendar.timeZone)
        weekStart = calendar.weekStart.rawValue
    }

    public mutating func index(of courseID: String) -> Int {
        if let i = courseIndex[courseID] { return i }
        courseIDs.append(courseID)
        courseIndex[courseID] = courseIDs.count - 1
        if courseIDs.count > columns { widen(to: columns * 2) }
        return courseIDs.count - 1
    }

    private mutating func widen(to newColumns: Int) {
        var wider = [Int](repeating: 0, count: weekOfRow.count * newColumns)
        for r in 0..<weekOfRow.count {
            for c in 0..<columns { wider[r * newColumns + c] = table[r * columns + c] }
        }
        table = wider
        columns = newColumns
    }

    @inline(__always)
    private mutating func row(of week: Int) -> Int {
        if week == lastWeek { return lastRow }
        let r: Int
        if let existing = rowOfWeek[week] { r = existing } else {
            r = weekOfRow.count
            rowOfWeek[week] = r
            weekOfRow.append(week)
            table.append(contentsOf: repeatElement(0, count: columns))
        }
        lastWeek = week
        lastRow = r
        return r
    }

    /// Adds a session, split at local midnights so each part lands in its own day's week.
    public mutating func add(start: Int64, seconds: Int, course: Int) {
        sessionCount += 1
        totalSeconds += seconds
        var at = start
        var remaining = seconds
        while remaining > 0 {
            let local = at + Int64(offsets.offset(at: at))
            let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let chunk = min(remaining, 86_400 - Int(local - Int64(day) * 86_400))
            // 1970-01-01 was a Thursday (weekday 3 counting Monday as 0).
            let weekday = ((day % 7) + 7 + 3) % 7
            let week = day - (weekday - weekStart + 7) % 7
            table[row(of: week) * columns + course] += chunk
            remaining -= chunk
            at += Int64(chunk)
        }
    }

    /// Rows sorted by week, then course id.
    public struct Row: Equatable, Sendable {
        public var week: LocalDate
        public var courseID: String
        public var seconds: Int
    }

    public var rows: [Row] {
        let courseOrder = courseIDs.indices.sorted { courseIDs[$0] < courseIDs[$1] }
        var out: [Row] = []
        for r in weekOfRow.indices.sorted(by: { weekOfRow[$0] < weekOfRow[$1] }) {
            let week = LocalDate(daysSinceEpoch: weekOfRow[r])
            for c in courseOrder where table[r * columns + c] > 0 {
                out.append(Row(week: week, courseID: courseIDs[c], seconds: table[r * columns + c]))
            }
        }
        return out
    }
}
