/// Durations as learners type them and as the log stores them: the one grammar every front uses.
///
/// `45m`, `1h30m`, `1h 30m`, `1.5h`, `90min`, `20s`, `1:30` (h:mm), `0:45:00` (h:mm:ss), and a bare number,
/// which counts minutes (`90`) unless the caller says its unit (a spreadsheet column headed "hours").
public enum StudyDuration {
    public enum BareUnit: Sendable { case minutes, hours }

    public static let expectedForm = "a duration like 45m, 1h30m, 1.5h, 1:30 or 90 (minutes)"

    /// Seconds, checked against `limit` (seconds) before any conversion, so no input can overflow.
    public static func parse(_ text: String, limit: Int = Limits.sessionSeconds, bareUnit: BareUnit = .minutes,
                             limitLabel: String? = nil) -> Result<Int, ParseProblem> {
        let t = Array(text.lowercased().utf8.filter { $0 != 32 && $0 != 9 })
        guard !t.isEmpty else { return .failure(ParseProblem(offset: 0, expected: expectedForm)) }
        let total: Double
        if t.contains(58) { // ':'
            guard let v = clock(t) else { return .failure(ParseProblem(offset: 0, expected: expectedForm)) }
            total = v
        } else if t.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }) {
            guard let n = number(t[...]) else { return .failure(ParseProblem(offset: 0, expected: expectedForm)) }
            total = n * (bareUnit == .hours ? 3600 : 60)
        } else {
            var sum = 0.0
            var i = 0
            var lastRank = 3
            while i < t.count {
                let numStart = i
                while i < t.count, (t[i] >= 48 && t[i] <= 57) || t[i] == 46 { i += 1 }
                guard i > numStart, let value = number(t[numStart..<i]) else { return .failure(ParseProblem(offset: numStart, expected: expectedForm)) }
                let unitStart = i
                while i < t.count, t[i] >= 97, t[i] <= 122 { i += 1 }
                let rank: Int
                switch String(decoding: t[unitStart..<i], as: UTF8.self) {
                case "h", "hr", "hrs", "hour", "hours": rank = 2; sum += value * 3600
                case "m", "min", "mins", "minute", "minutes": rank = 1; sum += value * 60
                case "s", "sec", "secs", "second", "seconds": rank = 0; sum += value
                default: return .failure(ParseProblem(offset: unitStart, expected: expectedForm))
                }
                // Hours, then minutes, then seconds, each at most once: 1h1h is a typo, not 2h.
                guard rank < lastRank else { return .failure(ParseProblem(offset: unitStart, expected: expectedForm)) }
                lastRank = rank
            }
            total = sum
        }
        guard total.isFinite, total.rounded() <= Double(limit) else {
            return .failure(ParseProblem(offset: 0, expected: "a duration of at most \(limitLabel ?? label(seconds: limit))"))
        }
        let seconds = Int(total.rounded())
        guard seconds > 0 else { return .failure(ParseProblem(offset: 0, expected: "a duration longer than zero")) }
        return .success(seconds)
    }

    /// `1:30` or `0:45:00`: hours, then two-digit minutes (and seconds).
    private static func clock(_ t: [UInt8]) -> Double? {
        let parts = t.split(separator: 58, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              parts[0].count <= 6, parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let values = parts.map { p in p.reduce(0) { $0 * 10 + Int($1 - 48) } }
        guard values.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        return Double(values[0] * 3600 + values[1] * 60 + (values.count == 3 ? values[2] : 0))
    }

    /// Digits with at most one decimal point; nil for anything else (or more than 12 digits).
    private static func number(_ t: ArraySlice<UInt8>) -> Double? {
        guard t.count <= 400, t.filter({ $0 == 46 }).count <= 1, t.first != 46 || t.count > 1 else { return nil }
        return Double(String(decoding: t, as: UTF8.self))
    }

    /// The log's compact form: `45m`, `1h30m`, `1h30m15s`.
    public static func compact(_ seconds: Int) -> String {
        var out: [UInt8] = []
        appendCompact(seconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The compact form as bytes, for writers of large outputs (the log).
    public static func appendCompact(_ seconds: Int, to out: inout [UInt8]) {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        if h > 0 { Digits.append(h, to: &out); out.append(104) }
        if m > 0 { Digits.append(m, to: &out); out.append(109) }
        if s > 0 || (h <= 0 && m <= 0) {
            if s < 0 { out.append(45) }
            Digits.append(abs(s), to: &out)
            out.append(115)
        }
    }

    /// For people: `1h 30m`, `45m`, `0m`. Rounds to the nearest minute.
    public static func label(minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h \(m)m"
    }

    public static func label(seconds: Int) -> String { label(minutes: (seconds + 30) / 60) }
}
