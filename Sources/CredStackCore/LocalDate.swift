/// A calendar date with no time zone, e.g. a course's due date. Integer arithmetic only
/// (days from the civil calendar, Howard Hinnant's algorithms), so parsing a million of them is cheap.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    @inlinable
    public var daysSinceEpoch: Int { LocalDate.days(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of a (valid) civil date.
    @inlinable
    public static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inlinable
    public static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var weekday: Weekday { Weekday(rawValue: ((daysSinceEpoch % 7) + 7 + 3) % 7)! }

    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    public func days(until other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Strict `YYYY-MM-DD`.
    public static func parse<S: StringProtocol>(_ text: S) -> LocalDate? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = Digits.value(u, 0, 4), let m = Digits.value(u, 5, 2), let d = Digits.value(u, 8, 2)
        else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    public var description: String {
        var bytes: [UInt8] = []
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2026-03-14` as bytes, for writers that produce large outputs.
    public func appendISO(to out: inout [UInt8]) {
        Digits.append(year, width: 4, to: &out)
        out.append(45)
        Digits.append(month, width: 2, to: &out)
        out.append(45)
        Digits.append(day, width: 2, to: &out)
    }

    /// "Mon 23 Nov"
    public var shortLabel: String {
        "\(weekday.shortName) \(day) \(LocalDate.monthNames[month - 1])"
    }

    /// `Mon  2 Nov`: the short label with the day padded, so lists of dates line up.
    public var columnLabel: String {
        "\(weekday.shortName) \(day < 10 ? " " : "")\(day) \(LocalDate.monthNames[month - 1])"
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

public enum Weekday: Int, CaseIterable, Sendable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][rawValue]
    }
    public var shortName: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue] }

    public static func parse(_ text: String) -> Weekday? {
        let t = text.lowercased()
        return allCases.first { $0.name == t || $0.shortName.lowercased() == t }
    }
}

/// Fixed-width decimal digits, shared by every byte-level parser and printer.
public enum Digits {
    @inlinable @inline(__always)
    public static func value<C: RandomAccessCollection>(_ u: C, _ start: Int, _ count: Int) -> Int?
    where C.Element == UInt8, C.Index == Int {
        guard start >= 0, start + count <= u.count else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let c = u[u.startIndex + i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    /// Decimal digits of a non-negative `n`, zero-padded to `width`.
    public static func append(_ n: Int, width: Int = 1, to out: inout [UInt8]) {
        // Most numbers written are the two digits of a clock or a date (a log line holds five).
        if n >= 0, n < 100, width <= 2 {
            if n >= 10 || width == 2 { out.append(UInt8(48 + n / 10)) }
            out.append(UInt8(48 + n % 10))
            return
        }
        if n >= 1000, n < 10_000, width <= 4 {
            out.append(UInt8(48 + n / 1000))
            out.append(UInt8(48 + n / 100 % 10))
            out.append(UInt8(48 + n / 10 % 10))
            out.append(UInt8(48 + n % 10))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = max(0, n)
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0 && count < 20
            for _ in count..<max(count, width) { out.append(48) }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension LocalDate {
    /// The same day `n` years on; 29 February becomes 28 February in a common year. Past the calendar's
    /// range (years 1 to 9999) it stops at its first or last day.
    public func adding(years n: Int) -> LocalDate {
        let y = year + n
        if y > Limits.years.upperBound { return LocalDate.last }
        if y < Limits.years.lowerBound { return LocalDate.first }
        return LocalDate(year: y, month: month, day: min(day, LocalDate.daysIn(month: month, year: y)))!
    }

    public static let first = LocalDate(year: 1, month: 1, day: 1)!
    public static let last = LocalDate(year: 9999, month: 12, day: 31)!

    /// Within the years the store reads and writes.
    public var isInRange: Bool { Limits.years.contains(year) }
}
