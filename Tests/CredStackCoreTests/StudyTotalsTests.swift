import Foundation
import Testing
@testable import CredStackCore

@Suite struct StudyTotalsTests {
    /// The streaming totals agree with the per-day history on random sessions, across midnights and the
    /// clock changes of a zone with daylight saving time, for both week starts.
    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"], [Weekday.monday, .sunday])
    func agreesWithStudyHistory(zone: String, weekStart: Weekday) {
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: zone)!, weekStart: weekStart)
        var rng = SplitMix64(seed: 7)
        let courses = ["algebra", "biology", "cloud", "data"]
        var sessions: [StudySession] = []
        var t = Timestamp.parse("2025-01-01T00:00:00Z")!.epochSeconds
        for _ in 0..<3_000 {
            t += Int64(rng.next() % 40_000)
            sessions.append(StudySession(start: Timestamp(epochSeconds: t, utcOffsetSeconds: 0),
                                         durationSeconds: 60 + Int(rng.next() % 20_000), courseID: courses[Int(rng.next() % 4)]))
        }
        var totals = StudyTotals(calendar: calendar)
        for s in sessions { totals.add(start: s.start.epochSeconds, seconds: s.durationSeconds, course: totals.index(of: s.courseID)) }
        let history = StudyHistory(sessions: sessions, calendar: calendar)
        var expected: [StudyTotals.Row] = []
        var week = calendar.startOfWeek(containing: calendar.localDay(of: sessions[0].start.epochSeconds))
        let last = calendar.localDay(of: sessions.last!.endEpochSeconds)
        while week <= last {
            let w = history.week(starting: week)
            for (course, seconds) in w.secondsPerCourse.sorted(by: { $0.key < $1.key }) where seconds > 0 {
                expected.append(StudyTotals.Row(period: week, courseID: course, seconds: seconds))
            }
            week = week.adding(days: 7)
        }
        #expect(totals.rows() == expected)
        #expect(totals.sessionCount == 3_000)
        #expect(totals.totalSeconds == sessions.reduce(0) { $0 + $1.durationSeconds })
    }

    @Test func manyCoursesWidenTheTable() {
        var totals = StudyTotals(calendar: StudyCalendar(timeZone: TimeZone(identifier: "UTC")!))
        let start = Timestamp.parse("2026-11-30T10:00Z")!.epochSeconds
        for i in 0..<40 { totals.add(start: start + Int64(i * 60), seconds: 60, course: totals.index(of: "c\(String(format: "%02d", i))")) }
        totals.add(start: start - 7 * 86_400, seconds: 30, course: totals.index(of: "c00"))
        #expect(totals.rows().count == 41)
        #expect(totals.rows().first == StudyTotals.Row(period: LocalDate.parse("2026-11-23")!, courseID: "c00", seconds: 30))
        #expect(totals.rows().last == StudyTotals.Row(period: LocalDate.parse("2026-11-30")!, courseID: "c39", seconds: 60))
    }

    /// Days, months and all of it, within a range: each agrees with the per-day history summed by hand.
    @Test(arguments: ["UTC", "Asia/Kolkata", "America/New_York"])
    func daysMonthsAndRangesAgreeWithStudyHistory(zone: String) {
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: zone)!)
        var rng = SplitMix64(seed: 11)
        var sessions: [StudySession] = []
        var t = Timestamp.parse("2026-01-20T00:00:00Z")!.epochSeconds
        for _ in 0..<1_000 {
            t += Int64(rng.next() % 30_000)
            sessions.append(StudySession(start: Timestamp(epochSeconds: t, utcOffsetSeconds: 0), durationSeconds: 60 + Int(rng.next() % 20_000),
                                         courseID: ["a", "b"][Int(rng.next() % 2)]))
        }
        let history = StudyHistory(sessions: sessions, calendar: calendar)
        let from = LocalDate.parse("2026-02-10")!, through = LocalDate.parse("2026-04-05")!
        for period in ReportPeriod.allCases {
            var totals = StudyTotals(calendar: calendar, period: period, from: from, through: through)
            for s in sessions { totals.add(start: s.start.epochSeconds, seconds: s.durationSeconds, course: totals.index(of: s.courseID)) }
            var expected: [StudyTotals.Row] = []
            var day = from
            var current: (start: LocalDate?, seconds: Int)?
            func startOf(_ d: LocalDate) -> LocalDate? {
                switch period {
                case .day: return d
                case .week: return calendar.startOfWeek(containing: d)
                case .month: return LocalDate(year: d.year, month: d.month, day: 1)
                case .all: return nil
                }
            }
            while day <= through {
                let seconds = history.seconds(from: day, through: day)
                if current == nil || current!.start != startOf(day) {
                    if let c = current, c.seconds > 0 { expected.append(StudyTotals.Row(period: c.start, courseID: nil, seconds: c.seconds)) }
                    current = (startOf(day), 0)
                }
                current!.seconds += seconds
                day = day.adding(days: 1)
            }
            if let c = current, c.seconds > 0 { expected.append(StudyTotals.Row(period: c.start, courseID: nil, seconds: c.seconds)) }
            #expect(totals.rows(byCourse: false) == expected, "\(period)")
            #expect(totals.totalSeconds == history.seconds(from: from, through: through), "\(period)")
        }
    }
}
