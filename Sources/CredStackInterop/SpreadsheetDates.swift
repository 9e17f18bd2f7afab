import CredStackCore

/// Dates and times as spreadsheets write them in the learner's locale: `16/11/2026 6:30 PM` (India, UK),
/// `11/16/2026 18:30` (US), `16.11.2026 18:30` (Germany). They are rewritten into the one time grammar
/// (`2026-11-16 18:30`) before `TimeInput` reads them, so nothing else learns another format.
public enum DateOrder: String, Sendable, CaseIterable {
    case dayMonthYear = "DD/MM/YYYY"
    case monthDayYear = "MM/DD/YYYY"
    case yearMonthDay = "YYYY-MM-DD"

    /// `DD/MM/YYYY`, `dd-mm-yyyy`, `D.M.Y`, `dmy`: the order of d, m and y is what counts.
    public init?(pattern: String) {
        var order = ""
        for c in pattern.lowercased() where "dmy".contains(c) && order.last != c { order.append(c) }
        switch order {
        case "dmy": self = .dayMonthYear
        case "mdy": self = .monthDayYear
        case "ymd": self = .yearMonthDay
        default: return nil
        }
    }
}

public enum SpreadsheetDates {
    /// A date written with `/`, `.` or `-` whose year is not first: two numbers then a four-digit year.
    struct Parts { var first: Int; var second: Int; var year: Int }

    /// The locale date at the start of `text` and what follows it; nil for ISO and year-first dates, which
    /// read one way only, and for two-digit years, which would have to guess the century.
    static func localeDate(_ text: String) -> (parts: Parts, rest: Substring)? {
        let trimmed = text.trimmed
        let word = trimmed.prefix { !$0.isWhitespace }
        let fields = word.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard fields.count == 3, fields[2].count == 4, fields[0].count <= 2, fields[1].count <= 2,
              let a = Int(fields[0]), let b = Int(fields[1]), let y = Int(fields[2]) else { return nil }
        return (Parts(first: a, second: b, year: y), trimmed.dropFirst(word.count))
    }

    /// The order of the file's dates: `given`, else what its numbers say (see `OrderEvidence`).
    public static func order(of texts: [String], given: DateOrder?) throws(InteropError) -> DateOrder {
        if let given { return given }
        var evidence = OrderEvidence()
        for text in texts { evidence.note(text) }
        return try evidence.order()
    }

    /// What a file's dates say of their order, one date at a time: a first part over 12 is a day, a second
    /// over 12 means month first. A file whose dates read two ways, or mix orders, is refused.
    public struct OrderEvidence {
        var dayFirst: String?, monthFirst: String?, ambiguous: String?

        public init() {}

        public mutating func note(_ text: String) {
            guard let p = localeDate(text)?.parts else { return }
            if p.first > 12, p.second <= 12 { dayFirst = dayFirst ?? text }
            if p.second > 12, p.first <= 12 { monthFirst = monthFirst ?? text }
            if p.first <= 12, p.second <= 12, p.first != p.second { ambiguous = ambiguous ?? text }
        }

        public func order() throws(InteropError) -> DateOrder {
            switch (dayFirst, monthFirst) {
            case (let d?, let m?):
                throw InteropError(.malformed, "dates in two orders (\"\(d)\" is day first, \"\(m)\" month first); say which with --date-format DD/MM/YYYY or MM/DD/YYYY")
            case (_?, nil): return .dayMonthYear
            case (nil, _?): return .monthDayYear
            case (nil, nil):
                if let ambiguous {
                    throw InteropError(.malformed, "\"\(ambiguous)\" could be day or month first; say which with --date-format DD/MM/YYYY or MM/DD/YYYY")
                }
                return .dayMonthYear
            }
        }
    }

    /// `text` in the one grammar: a locale date as `YYYY-MM-DD`, a 12-hour clock (`6:30 PM`, `6 pm`) as 18:30.
    /// Text that is neither comes back unchanged, for `TimeInput` to accept or refuse.
    public static func normalized(_ text: String, order: DateOrder) -> String {
        // Already in the grammar (what credstack and most tools export): nothing to rewrite.
        if TimeInput.wallClock(text) != nil { return text.trimmed }
        var date = ""
        var clock = Substring(text.trimmed)
        if order != .yearMonthDay, let (p, rest) = localeDate(text) {
            let (day, month) = order == .monthDayYear ? (p.second, p.first) : (p.first, p.second)
            date = pad(p.year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
            clock = Substring(rest.trimmed)
        } else {
            // 2026/11/16 and 2026.11.16 read one way only: 2026-11-16.
            let word = clock.prefix { !$0.isWhitespace }
            if word.count == 10, word.filter({ $0 == "/" || $0 == "." }).count == 2 {
                date = word.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
                clock = Substring(clock.dropFirst(word.count).trimmed)
            }
        }
        if let time = twentyFourHour(String(clock)) { return date.isEmpty ? time : date + " " + time }
        // A date in the one grammar (2026-11-16, yesterday) followed by a 12-hour clock.
        if date.isEmpty, let space = clock.firstIndex(where: \.isWhitespace), let time = twentyFourHour(String(clock[space...])) {
            return clock[..<space] + " " + time
        }
        return date.isEmpty ? text.trimmed : (clock.isEmpty ? date : date + " " + clock)
    }

    /// `6:30 PM`, `6:30:15 am`, `6 p.m.`, `12:05 AM` -> `18:30`, `06:30:15`, `18:00`, `00:05`; nil without AM/PM.
    static func twentyFourHour(_ text: String) -> String? {
        let lower = text.lowercased().replacingOccurrences(of: ".", with: "").trimmed
        let pm: Bool
        if lower.hasSuffix("pm") { pm = true } else if lower.hasSuffix("am") { pm = false } else { return nil }
        let clock = lower.dropLast(2).trimmed
        var fields = clock.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(fields.count), let h = Int(fields[0]), (1...12).contains(h) else { return nil }
        if fields.count == 1 { fields.append("00") }
        fields[0] = pad(h % 12 + (pm ? 12 : 0), 2)
        return fields.joined(separator: ":")
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
