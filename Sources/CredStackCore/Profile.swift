public struct Profile: Hashable, Sendable {
    public var name: String
    public var weeklyGoalMinutes: Int
    public var weekStart: Weekday
    /// An IANA zone such as `Asia/Kolkata`; nil means the machine's (`TZ`).
    public var timeZone: String?
    public var preserved: [PreservedField]

    public init(name: String = "", weeklyGoalMinutes: Int = 300, weekStart: Weekday = .monday,
                timeZone: String? = nil, preserved: [PreservedField] = []) {
        self.name = name
        self.weeklyGoalMinutes = weeklyGoalMinutes
        self.weekStart = weekStart
        self.timeZone = timeZone
        self.preserved = preserved
    }
}
