import Foundation
import Testing
@testable import CredStackCore

/// What a learner types, damaged thousands of ways: durations, times, dates and every course field either
/// parse to a value inside its limits or are refused, never a crash or an out-of-range value.
@Suite struct TypedInputMutationTests {
    static let seeds = ["1h 30m", "45m", "1.5h", "1:30", "0:45:00", "90", "20s", "2026-11-30", "today", "tomorrow",
                        "yesterday 18:30", "2026-11-28T18:30", "2026-11-28T18:30:00+05:30", "9999-12-31 23:59",
                        "0001-01-01", "12/40", "€ 49.50", "SQL, \"C, C++\"", "99999999999999999999h", "1e300", "-5m"]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var s = Array(text.unicodeScalars)
        let specials = Array("0123456789:.-+ eEhmsTZ/\u{0}\u{1B}\u{202E}é".unicodeScalars)
        for _ in 0...(rng.next() % 3) {
            let at = s.isEmpty ? 0 : Int(rng.next() % UInt64(s.count))
            switch rng.next() % 5 {
            case 0 where !s.isEmpty: s[at] = specials[Int(rng.next() % UInt64(specials.count))]
            case 1: s.insert(specials[Int(rng.next() % UInt64(specials.count))], at: at)
            case 2 where !s.isEmpty: s.remove(at: at)
            case 3: s.insert(contentsOf: Array(repeating: "9", count: Int(rng.next() % 30)), at: at)
            default: s = Array(s.prefix(at))
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s)
        return String(out)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func typedTextParsesInRangeOrIsRefused(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let calendar = StudyCalendar(timeZone: TimeZone(secondsFromGMT: 19_800)!)
        let now: Int64 = 1_796_000_000
        let edges = [LocalDate(year: 9999, month: 12, day: 31)!, LocalDate(year: 1, month: 1, day: 1)!, calendar.localDay(of: now)]
        var parsed = 0
        for _ in 0..<4_000 {
            let text = Self.mutate(Self.seeds[Int(rng.next() % UInt64(Self.seeds.count))], &rng)
            if case .success(let seconds) = StudyDuration.parse(text) {
                parsed += 1
                #expect(seconds >= 0 && seconds <= Limits.sessionSeconds, "\(text.debugDescription) -> \(seconds)")
            }
            if case .success(let seconds) = StudyDuration.parse(text, limit: Limits.weeklyGoalMinutes * 60, bareUnit: .hours) {
                #expect(seconds >= 0 && seconds <= Limits.weeklyGoalMinutes * 60)
            }
            for today in edges {
                if let day = TimeInput.date(text, today: today) { #expect(day.isInRange, "\(text.debugDescription)") }
                for field in CourseField.allCases { _ = field.parse(text, today: today) }
            }
            if let stamp = TimeInput.time(text, now: now, calendar: calendar) {
                #expect(stamp.local.date.isInRange, "\(text.debugDescription)")
            }
        }
        #expect(parsed > 100, "some damaged durations are still durations")
    }
}
