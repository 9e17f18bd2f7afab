/// Durations as learners type them (`45m`, `1h30m`, `1.5h`, `90min`) and as the log stores them (`1h30m`).
public enum StudyDuration {
    /// The longest single session we accept: a day. Anything longer is a typo, not study.
    public static let maximumSeconds = 24 * 3600
    public static let expectedForm = "a duration like 45m, 1h30m or 1.5h"

    public static func parse(_ text: String, maximumSeconds limit: Int = maximumSeconds) -> Result<Int, ParseProblem> {
        let t = Array(text.lowercased().utf8.filter { $0 != 32 })
        guard !t.isEmpty else { return .failure(ParseProblem(offset: 0, expected: expectedForm)) }
        var total = 0.0
        var i = 0
        var sawUnit = false
        while i < t.count {
            let numStart = i
            while i < t.count, (t[i] >= 48 && t[i] <= 57) || t[i] == 46 { i += 1 }
            guard i > numStart, let value = Double(String(decoding: t[numStart..<i], as: UTF8.self)) else {
                return .failure(ParseProblem(offset: numStart, expected: expectedForm))
            }
            let unitStart = i
            while i < t.count, t[i] >= 97, t[i] <= 122 { i += 1 }
            let unit = String(decoding: t[unitStart..<i], as: UTF8.self)
            let scale: Double
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "m", "min", "mins", "minute", "minutes": scale = 60
            case "s", "sec", "secs", "second", "seconds": scale = 1
            default: return .failure(ParseProblem(offset: unitStart, expected: expectedForm))
            }
            sawUnit = true
            total += value * scale
        }
        guard sawUnit else { return .failure(ParseProblem(offset: 0, expected: expectedForm)) }
        let seconds = Int(total.rounded())
        guard seconds > 0 else { return .failure(ParseProblem(offset: 0, expected: "a duration longer than zero")) }
        guard seconds <= limit else {
            return .failure(ParseProblem(offset: 0, expected: limit == maximumSeconds ? "a duration of at most 24h for one session"
                                                                                      : "a duration of at most \(label(seconds: limit))"))
        }
        return .success(seconds)
    }

    /// The log's compact form: `45m`, `1h30m`, `1h30m15s`.
    public static func compact(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        var out = ""
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 || out.isEmpty { out += "\(s)s" }
        return out
    }

    /// For people: `1h 30m`, `45m`, `0m`. Rounds to the nearest minute.
    public static func label(minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h \(m)m"
    }

    public static func label(seconds: Int) -> String { label(minutes: (seconds + 30) / 60) }
}
