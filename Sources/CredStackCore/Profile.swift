public struct Profile: Hashable, Sendable {
    public var name: String
    public var weeklyGoalMinutes: Int
    public var weekStart: Weekday
    /// An IANA zone such as `Asia/Kolkata`; nil means the machine's (`TZ`).
    public var timeZone: String?
    /// The dashboard's colour theme (a built-in name, a theme in the config folder, or a file); `--theme` wins.
    public var theme: String?
    /// Mouse reporting in the dashboard (off by default so the terminal's text selection keeps working).
    public var mouse: Bool
    /// A timer that has run longer than this is not logged without asking when it really stopped.
    public var timerLimitMinutes: Int

    public static let defaultTimerLimitMinutes = 12 * 60

    public init(name: String = "", weeklyGoalMinutes: Int = 300, weekStart: Weekday = .monday,
                timeZone: String? = nil, theme: String? = nil, mouse: Bool = false, timerLimitMinutes: Int = Profile.defaultTimerLimitMinutes) {
        self.timerLimitMinutes = timerLimitMinutes
        self.name = name
        self.weeklyGoalMinutes = weeklyGoalMinutes
        self.weekStart = weekStart
        self.timeZone = timeZone
        self.theme = theme
        self.mouse = mouse
    }
}
