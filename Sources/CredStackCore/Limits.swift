/// Every bound a value a learner types or a file holds must respect, in one place: the command line, the
/// dashboard's forms, the file readers and the importers all check against these.
public enum Limits {
    /// One study session: a day. Anything longer is a typo or a forgotten timer, not study.
    public static let sessionSeconds = 24 * 3600
    /// A weekly goal: every hour of the week (168 h).
    public static let weeklyGoalMinutes = 7 * 24 * 60
    /// Credits a course or credential states.
    public static let credits = 1_000.0
    /// Notional workload of one course, in hours.
    public static let courseHours = 100_000.0
    /// Modules in one course.
    public static let modules = 10_000
    /// Credits a pathway asks for.
    public static let pathwayCredits = 10_000.0
    /// Calendar years the store reads and writes (four digits, as ISO 8601 and TOML want).
    public static let years = 1...9999
    /// Sessions may end this many seconds after "now" (clocks on two machines drift).
    public static let futureGraceSeconds = 60
    /// One line, record or interval of a file an import reads: a file that never ends one (a quote never
    /// closed, `/dev/zero`) is refused at this, not read until memory runs out.
    public static let importRecordBytes = 64 << 20
}
