import Foundation
import Testing
@testable import CredStackCore

@Suite struct LocalDateTests {
    @Test func knownWeekdays() {
        #expect(LocalDate(year: 2026, month: 11, day: 30)!.weekday == .monday)
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.weekday == .thursday)
        #expect(LocalDate(year: 2024, month: 2, day: 29)!.weekday == .thursday)
        #expect(LocalDate(year: 1969, month: 12, day: 31)!.weekday == .wednesday)
    }

    @Test func daysRoundTripAcrossCenturies() {
        let first = LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch, last = LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        for days in stride(from: first, through: last, by: 997) + [first, last] {
            let d = LocalDate(daysSinceEpoch: days)
            #expect(d.daysSinceEpoch == days)
            #expect(LocalDate.parse(d.description) == d)
        }
    }

    @Test func rejectsImpossibleDates() {
        #expect(LocalDate.parse("2026-02-29") == nil)
        #expect(LocalDate.parse("2024-02-29") != nil)
        #expect(LocalDate.parse("2026-13-01") == nil)
        #expect(LocalDate.parse("14/03/2026") == nil)
        #expect(LocalDate.parse("2026-3-14") == nil)
    }
}

@Suite struct TimestampTests {
    @Test func parsesOffsetsAndPrintsCompactly() throws {
        let t = try #require(Timestamp.parse("2026-11-30T09:15+05:30"))
        #expect(t.epochSeconds == Int64(LocalDate(year: 2026, month: 11, day: 30)!.daysSinceEpoch) * 86_400 + 9 * 3600 + 15 * 60 - 19_800)
        #expect(t.description == "2026-11-30T09:15+05:30")
        #expect(Timestamp.parse("2026-11-30T09:15:07Z")!.description == "2026-11-30T09:15:07Z")
        #expect(Timestamp.parse("2026-11-30T09:15-03:00")!.description == "2026-11-30T09:15-03:00")
    }

    @Test func rejectsBrokenTimes() {
        for bad in ["2026-11-30", "2026-11-30T25:00Z", "2026-11-30T09:15", "2026-11-30T09:15+5:30", "2026-02-30T09:15Z", "x"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct DurationTests {
    @Test func acceptsWhatLearnersType() throws {
        let cases: [(String, Int)] = [("45m", 2700), ("1h30m", 5400), ("1.5h", 5400), ("90min", 5400), ("2 h", 7200), ("20s", 20), ("1h 5m", 3900),
                                      ("1:30", 5400), ("0:45:00", 2700), ("90", 5400), ("45", 2700), ("24h", 86_400)]
        for (text, seconds) in cases {
            #expect(try StudyDuration.parse(text).get() == seconds, "\(text)")
        }
    }

    @Test func rejectsWithTheExpectedForm() {
        for bad in ["", "45x", "-5m", "0m", "25h", "h", "1.2.3h", "99999999999999999999h", "1e300", "9999999999999999:00", "1:75", "::", "0", "1h1h", "10m10m", "30m1h"] {
            guard case .failure(let p) = StudyDuration.parse(bad) else { Issue.record("accepted \(bad)"); continue }
            #expect(p.expected.contains("duration"), "\(bad): \(p.expected)")
        }
    }

    @Test func compactFormRoundTrips() throws {
        for s in [1, 59, 60, 2700, 3600, 5400, 5415, 86_400] {
            #expect(try StudyDuration.parse(StudyDuration.compact(s)).get() == s)
        }
        #expect(StudyDuration.label(minutes: 90) == "1h 30m")
        #expect(StudyDuration.label(minutes: 45) == "45m")
        #expect(StudyDuration.label(minutes: 120) == "2h")
    }
}
