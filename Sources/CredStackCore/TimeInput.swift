/// What learners type for "when": shared by the command line and the dashboard's forms.
public enum TimeInput {
    public static let dateForm = "a date like 2026-03-14 (or today, tomorrow, yesterday)"
    public static let timeForm = "a time like 18:30, yesterday 18:30 or 2026-11-28 18:30"
    /// Short enough to stand beside a form field.
    public static let dateProblem = "expected YYYY-MM-DD or today"

    /// Why `text` is not a date: its form, or, for a date past the years credstack keeps, the range.
    public static func dateProblem(_ text: String, today: LocalDate) -> String {
        let t = text.lowercased().trimmed
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let yearOutside = parts.count == 3 && t.first != "-" && parts.allSatisfy { $0 != nil }
            && !Limits.years.contains(parts[0]!) && (1...12).contains(parts[1]!) && (1...31).contains(parts[2]!)
        let outside = yearOutside || (t == "tomorrow" && today == .last) || (t == "yesterday" && today == .first)
        return outside ? "dates run from 0001-01-01 to 9999-12-31" : dateProblem
    }

    /// Nil for anything that is not a date between 0001-01-01 and 9999-12-31 (so `tomorrow` on 9999-12-31 is not one).
    public static func date(_ text: String, today: LocalDate) -> LocalDate? {
        let day: LocalDate?
        switch text.lowercased().trimmed {
        case "today": day = today
        case "tomorrow": day = today.adding(days: 1)
        case "yesterday": day = today.adding(days: -1)
        case let t: day = LocalDate.parse(t)
        }
        return day.flatMap { $0.isInRange ? $0 : nil }
    }

    /// `18:30` (today), `yesterday 18:30`, `2026-11-28 18:30`, `2026-11-28T18:30`, or a full timestamp with offset.
    public static func time(_ text: String, now: Int64, calendar: StudyCalendar) -> Timestamp? {
        // `2026-11-28 18:30` read at once: what a spreadsheet of a million rows holds in every cell.
        if let (day, secondOfDay) = wallClock(text) { return time(on: day, at: secondOfDay, calendar: calendar) }
        let t = text.trimmed
        if let full = Timestamp.parse(t) { return full.local.date.isInRange ? full : nil }
        let today = calendar.localDay(of: now)
        let parts = t.replacingFirst("T", with: " ").split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let day: LocalDate?
        let clock: String
        switch parts.count {
        case 1: day = today; clock = parts[0]
        case 2: day = date(parts[0], today: today); clock = parts[1]
        default: return nil
        }
        guard let day, let secondOfDay = clockSeconds(clock) else { return nil }
        return time(on: day, at: secondOfDay, calendar: calendar)
    }

    /// `YYYY-MM-DD HH:MM[:SS]` (or a `T` between), spaces around allowed: the day and the second of the day,
    /// the same `time` reads from it by parts.
    public static func wallClock(_ text: String) -> (LocalDate, Int)? {
        var text = text
        return text.withUTF8 { all -> (LocalDate, Int)? in
            var from = 0, to = all.count
            while from < to, all[from] == 32 || all[from] == 9 { from += 1 }
            while to > from, all[to - 1] == 32 || all[to - 1] == 9 { to -= 1 }
            let b = UnsafeBufferPointer(rebasing: all[from..<to])
            guard b.count == 16 || b.count == 19, b[4] == 45, b[7] == 45, b[10] == 32 || b[10] == 84, b[13] == 58,
                  let y = Digits.value(b, 0, 4), let mo = Digits.value(b, 5, 2), let d = Digits.value(b, 8, 2),
                  let day = LocalDate(year: y, month: mo, day: d), day.isInRange,
                  let h = Digits.value(b, 11, 2), let m = Digits.value(b, 14, 2), h < 24, m < 60 else { return nil }
            var s = 0
            if b.count == 19 {
                guard b[16] == 58, let v = Digits.value(b, 17, 2), v < 60 else { return nil }
                s = v
            }
            return (day, h * 3600 + m * 60 + s)
        }
    }

    /// The instant of a wall-clock time in the learner's zone; nil for one the day skips (clocks moved
    /// forward), never silently moved to another hour.
    static func time(on day: LocalDate, at secondOfDay: Int, calendar: StudyCalendar) -> Timestamp? {
        let stamp = calendar.timestamp(calendar.epoch(of: day, secondOfDay: secondOfDay))
        guard stamp.local.date == day, stamp.local.secondOfDay == secondOfDay else { return nil }
        return stamp.local.date.isInRange ? stamp : nil
    }

    /// Why `text` is not a time: a clock time the day skips in the learner's zone is said as such.
    public static func timeProblem(_ text: String, now: Int64, calendar: StudyCalendar) -> String {
        let parts = text.trimmed.replacingFirst("T", with: " ").split(separator: " ").map(String.init)
        if (1...2).contains(parts.count), let secondOfDay = clockSeconds(parts.last!),
           let day = parts.count == 1 ? calendar.localDay(of: now) : date(parts[0], today: calendar.localDay(of: now)),
           calendar.timestamp(calendar.epoch(of: day, secondOfDay: secondOfDay)).local.secondOfDay != secondOfDay {
            return "\(parts.last!) does not exist on \(day) in \(calendar.timeZone.identifier) (the clocks moved forward); expected a time that day has"
        }
        return "expected \(timeForm)"
    }

    /// `9:05`, `18:30`, `18:30:15` -> seconds into the day.
    static func clockSeconds(_ s: String) -> Int? {
        let f = s.split(separator: ":", omittingEmptySubsequences: false)
        guard f.count == 2 || f.count == 3, let h = Int(f[0]), let m = Int(f[1]), f[1].count == 2,
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        var sec = 0
        if f.count == 3 { guard let v = Int(f[2]), f[2].count == 2, (0...59).contains(v) else { return nil }; sec = v }
        return h * 3600 + m * 60 + sec
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace.
    public var trimmed: String {
        // Most text starts and ends with a printable ASCII character: nothing to look up (a spreadsheet
        // of a million rows trims every cell).
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, first > 32, first < 127, last > 32, last < 127 { return whole }
        var s = Substring(whole)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let i = firstIndex(of: target) else { return self }
        var s = self
        s.replaceSubrange(i...i, with: String(replacement))
        return s
    }
}
