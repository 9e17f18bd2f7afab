/// An instant plus the UTC offset that was in force where it was recorded, as the study log stores it:
/// `2026-11-30T09:15:00+05:30`. The offset keeps the line readable for the learner who wrote it;
/// aggregation uses `epochSeconds` and the learner's time zone.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var epochSeconds: Int64
    public var utcOffsetSeconds: Int32

    @inlinable
    public init(epochSeconds: Int64, utcOffsetSeconds: Int32) {
        self.epochSeconds = epochSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The wall-clock date and seconds into that day at the recorded offset.
    public var local: (date: LocalDate, secondOfDay: Int) {
        let local = epochSeconds + Int64(utcOffsetSeconds)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        return (LocalDate(daysSinceEpoch: days), Int(local - Int64(days) * 86_400))
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`. Returns the byte offset of the first problem on failure.
    /// Inlinable so the log scanner gets a copy specialised for its buffer type.
    @inlinable
    public static func parse<C: RandomAccessCollection>(_ u: C) -> Result<Timestamp, ParseProblem>
    where C.Element == UInt8, C.Index == Int {
        let n = u.count
        let b = u.startIndex
        guard n >= 10, let y = Digits.value(u, 0, 4), u[b + 4] == 45, let mo = Digits.value(u, 5, 2), u[b + 7] == 45,
              let d = Digits.value(u, 8, 2) else {
            return .failure(ParseProblem(offset: 0, expected: "a date like 2026-11-30"))
        }
        guard let date = LocalDate(year: y, month: mo, day: d) else {
            return .failure(ParseProblem(offset: 0, expected: "a real calendar date (month 1-12, day within the month)"))
        }
        guard n >= 16 else { return .failure(ParseProblem(offset: min(n, 11), expected: "a time of day like T09:15 after the date")) }
        guard u[b + 10] == 84 || u[b + 10] == 32 else { return .failure(ParseProblem(offset: 10, expected: "'T' between date and time")) }
        guard let hh = Digits.value(u, 11, 2), u[b + 13] == 58, let mm = Digits.value(u, 14, 2), hh < 24, mm < 60 else {
            return .failure(ParseProblem(offset: 11, expected: "a time of day like 09:15"))
        }
        var i = 16
        var ss = 0
        if i < n, u[b + i] == 58 {
            guard let s = Digits.value(u, i + 1, 2), s < 60 else { return .failure(ParseProblem(offset: i + 1, expected: "seconds 00-59")) }
            ss = s
            i += 3
        }
        guard i < n else { return .failure(ParseProblem(offset: i, expected: "a UTC offset like Z or +05:30")) }
        var offset = 0
        let c = u[b + i]
        if c == 90 || c == 122 { // Z z
            i += 1
        } else if c == 43 || c == 45 { // + -
            guard let oh = Digits.value(u, i + 1, 2), u.count > i + 3, u[b + i + 3] == 58, let om = Digits.value(u, i + 4, 2),
                  oh <= 14, om < 60 else {
                return .failure(ParseProblem(offset: i, expected: "a UTC offset like +05:30"))
            }
            offset = (oh * 3600 + om * 60) * (c == 45 ? -1 : 1)
            i += 6
        } else {
            return .failure(ParseProblem(offset: i, expected: "a UTC offset like Z or +05:30"))
        }
        guard i == n else { return .failure(ParseProblem(offset: i, expected: "the end of the time")) }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss)
        return .success(Timestamp(epochSeconds: local - Int64(offset), utcOffsetSeconds: Int32(offset)))
    }

    public static func parse(_ text: String) -> Timestamp? {
        if case .success(let t) = parse(Array(text.utf8)) { return t }
        return nil
    }

    /// `2026-11-30T09:15+05:30`, seconds only when not zero.
    public var description: String {
        var bytes: [UInt8] = []
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The description as bytes (`2026-11-30T09:15+05:30`), for writers of large outputs (the log).
    public func appendISO(to out: inout [UInt8]) {
        let (date, sod) = local
        date.appendISO(to: &out)
        out.append(84) // T
        Digits.append(sod / 3600, width: 2, to: &out)
        out.append(58)
        Digits.append(sod / 60 % 60, width: 2, to: &out)
        if sod % 60 != 0 {
            out.append(58)
            Digits.append(sod % 60, width: 2, to: &out)
        }
        if utcOffsetSeconds == 0 { out.append(90); return } // Z
        let a = abs(Int(utcOffsetSeconds))
        out.append(utcOffsetSeconds < 0 ? 45 : 43)
        Digits.append(a / 3600, width: 2, to: &out)
        out.append(58)
        Digits.append(a / 60 % 60, width: 2, to: &out)
    }

    /// The local date and time, `2026-11-30T09:15` (seconds only when not zero); a space as the
    /// separator gives what spreadsheets read as a date and time.
    public func wallClock(separator: String = "T") -> String {
        let (date, sod) = local
        var s = date.description + separator + Digits.pad(sod / 3600, 2) + ":" + Digits.pad(sod / 60 % 60, 2)
        if sod % 60 != 0 { s += ":" + Digits.pad(sod % 60, 2) }
        return s
    }

    /// `+05:30`; UTC is `Z`, or `+00:00` when `zulu` is false.
    public func offsetText(zulu: Bool = true) -> String {
        if utcOffsetSeconds == 0 && zulu { return "Z" }
        let a = abs(Int(utcOffsetSeconds))
        return (utcOffsetSeconds < 0 ? "-" : "+") + Digits.pad(a / 3600, 2) + ":" + Digits.pad(a / 60 % 60, 2)
    }

    /// "09:15"
    public var clockLabel: String {
        let sod = local.secondOfDay
        return Digits.pad(sod / 3600, 2) + ":" + Digits.pad(sod / 60 % 60, 2)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.epochSeconds < b.epochSeconds }
}

/// Where a byte-level parse went wrong, relative to the text it was given, and what it wanted there.
public struct ParseProblem: Error, Equatable, Sendable {
    public var offset: Int
    public var expected: String
    @inlinable
    public init(offset: Int, expected: String) {
        self.offset = offset
        self.expected = expected
    }
}
