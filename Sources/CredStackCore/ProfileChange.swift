import Foundation

/// The profile's fields, with the grammar `init`, `profile set` and any form use.
public enum ProfileChange: Hashable, Sendable {
    case name(String), weeklyGoalMinutes(Int), weekStart(Weekday), timeZone(String?), theme(String?), mouse(Bool), timerLimitMinutes(Int)

    var key: String {
        switch self {
        case .name: return "name"
        case .weeklyGoalMinutes: return "goal"
        case .weekStart: return "weekStart"
        case .timeZone: return "timeZone"
        case .theme: return "theme"
        case .mouse: return "mouse"
        case .timerLimitMinutes: return "timerLimit"
        }
    }

    public func apply(to p: inout Profile) {
        switch self {
        case .name(let v): p.name = v
        case .weeklyGoalMinutes(let v): p.weeklyGoalMinutes = v
        case .weekStart(let v): p.weekStart = v
        case .timeZone(let v): p.timeZone = v
        case .theme(let v): p.theme = v
        case .mouse(let v): p.mouse = v
        case .timerLimitMinutes(let v): p.timerLimitMinutes = v
        }
    }

    /// A weekly goal: a duration (`5h`, `4h30m`) or bare minutes (`300`), at most every hour of the week.
    public static func goal(_ text: String) -> Result<ProfileChange, FieldProblem> {
        switch StudyDuration.parse(text, limit: Limits.weeklyGoalMinutes * 60, limitLabel: "168h (every hour of the week)") {
        case .success(let s): return .success(.weeklyGoalMinutes((s + 30) / 60))
        case .failure(let p): return .failure(FieldProblem("expected a weekly goal like 5h or 300 (minutes): \(p.expected)"))
        }
    }

    /// How long a timer may run before stopping it asks when it really ended: a minute to a day.
    public static func timerLimit(_ text: String) -> Result<ProfileChange, FieldProblem> {
        switch StudyDuration.parse(text, limit: Limits.sessionSeconds) {
        case .success(let s) where s >= 60 && s % 60 == 0: return .success(.timerLimitMinutes(s / 60))
        case .success: return .failure(FieldProblem("expected a timer limit like 12h or 90m: whole minutes, at least one"))
        case .failure(let p): return .failure(FieldProblem("expected a timer limit like 12h or 90m: \(p.expected)"))
        }
    }

    public static func weekStart(_ text: String) -> Result<ProfileChange, FieldProblem> {
        guard let d = Weekday.parse(text.trimmed) else { return .failure(FieldProblem("expected a day name like monday or sunday")) }
        return .success(.weekStart(d))
    }

    /// An IANA zone name (`Asia/Kolkata`) or a fixed offset (`+05:30`, `UTC`); empty means the machine's.
    public static func timeZone(_ text: String) -> Result<ProfileChange, FieldProblem> {
        let t = text.trimmed
        if t.isEmpty { return .success(.timeZone(nil)) }
        guard ZoneName.resolve(t) != nil else {
            let near = ZoneName.nearest(to: t).map { "; did you mean \($0)?" } ?? ""
            return .failure(FieldProblem("\"\(t)\" is not a time zone; expected a name like Asia/Kolkata or Europe/Berlin, or an offset like +05:30\(near)"))
        }
        return .success(.timeZone(t))
    }
}

public struct ProfilePatch: Hashable, Sendable {
    public private(set) var changes: [String: ProfileChange] = [:]
    public init(_ changes: [ProfileChange] = []) { for c in changes { set(c) } }
    public mutating func set(_ change: ProfileChange) { changes[change.key] = change }
    public var isEmpty: Bool { changes.isEmpty }
    static let order = ["name", "goal", "weekStart", "timeZone", "theme", "mouse", "timerLimit"]
    public var ordered: [ProfileChange] { ProfilePatch.order.compactMap { changes[$0] } }
    public func applied(to profile: Profile) -> Profile {
        var p = profile
        for c in ordered { c.apply(to: &p) }
        return p
    }
}

/// Time zone names as learners write them: IANA names (`Asia/Kolkata`), `UTC`, and fixed offsets
/// (`+05:30`). Abbreviations are refused: IST is India, Israel or Ireland depending on who says it.
public enum ZoneName {
    /// `TZ` as a POSIX fixed offset: a name (`IST`, `<+0530>`) then hours west of UTC (`-5:30`), no summer-time
    /// rule. Seconds east of UTC, or nil for anything else.
    public static func posixOffset(_ value: String) -> Int? {
        var rest = Substring(value)
        if rest.hasPrefix("<") {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            rest = rest[rest.index(after: close)...]
        } else {
            let name = rest.prefix { $0.isLetter }
            guard name.count >= 3 else { return nil }
            rest = rest.dropFirst(name.count)
        }
        var sign = 1
        if rest.first == "+" || rest.first == "-" { sign = rest.first == "-" ? -1 : 1; rest = rest.dropFirst() }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), h <= 24 else { return nil }
        let m = parts.count > 1 ? Int(parts[1])! : 0, s = parts.count > 2 ? Int(parts[2])! : 0
        guard m < 60, s < 60 else { return nil }
        // POSIX counts west of UTC: IST-5:30 is five and a half hours east.
        return -sign * (h * 3600 + m * 60 + s)
    }

    /// `TZ` in the forms POSIX allows for a named zone: `Asia/Kolkata`, `:Asia/Kolkata`, or a path to the
    /// zone's file (`/usr/share/zoneinfo/Asia/Kolkata`); the name, or nil for anything else.
    public static func fromTZ(_ value: String) -> String? {
        var name = value.hasPrefix(":") ? String(value.dropFirst()) : value
        if name.hasPrefix("/"), let range = name.range(of: "/zoneinfo/") { name = String(name[range.upperBound...]) }
        if name.hasPrefix("posix/") || name.hasPrefix("right/") { name = String(name.drop { $0 != "/" }.dropFirst()) }
        return name.isEmpty || name == value ? nil : name
    }

    public static func resolve(_ name: String) -> TimeZone? {
        if name == "UTC" || name == "GMT" || name == "Z" { return TimeZone(identifier: "UTC") }
        let u = Array(name.utf8)
        if u.count == 6, u[0] == 43 || u[0] == 45, u[3] == 58, let h = Digits.value(u, 1, 2), let m = Digits.value(u, 4, 2), h <= 14, m < 60 {
            return TimeZone(secondsFromGMT: (h * 3600 + m * 60) * (u[0] == 45 ? -1 : 1))
        }
        guard name.contains("/"), let zone = TimeZone(identifier: name), zone.identifier == name else { return nil }
        return zone
    }

    /// Names the zone database has that Foundation's list still gives by their old names.
    static let renamed = ["Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv", "America/Nuuk",
                          "Atlantic/Faroe", "Pacific/Kanton", "Pacific/Chuuk", "Pacific/Pohnpei"]
    /// What people mean by common abbreviations, for the hint.
    static let abbreviations = ["UTC": "UTC", "GMT": "UTC", "Z": "UTC", "IST": "Asia/Kolkata", "CET": "Europe/Berlin", "EST": "America/New_York", "PST": "America/Los_Angeles",
                                "JST": "Asia/Tokyo", "SGT": "Asia/Singapore", "AEST": "Australia/Sydney", "BST": "Europe/London"]

    /// The closest known zone name, for "did you mean".
    public static func nearest(to name: String) -> String? {
        if let meant = abbreviations[name.uppercased()] { return meant }
        let lower = name.lowercased()
        let known = renamed + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }
        if let same = known.first(where: { $0.lowercased() == lower }) { return same }
        if let city = known.first(where: { $0.lowercased().hasSuffix("/" + lower) }) { return city }
        let best = known.min { EditDistance.between(lower, $0.lowercased()) < EditDistance.between(lower, $1.lowercased()) }
        return best.flatMap { EditDistance.between(lower, $0.lowercased()) <= max(2, name.count / 3) ? $0 : nil }
    }
}
