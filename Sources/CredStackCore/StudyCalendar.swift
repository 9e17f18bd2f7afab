import Foundation

/// The learner's calendar: their time zone and first day of week. All "which day, which week" questions go here.
public struct StudyCalendar: Sendable {
    public let timeZone: TimeZone
    public let weekStart: Weekday

    public init(timeZone: TimeZone, weekStart: Weekday = .monday) {
        self.timeZone = timeZone
        self.weekStart = weekStart
    }

    /// The profile's zone, else `fallback` (the machine's `TZ`). An unknown zone name falls back too;
    /// `ProfileCheck` reports it so the learner can fix it.
    /// The machine's zone when `TZ` gives one Foundation does not read (a POSIX offset like `IST-5:30`); set
    /// once at start-up by the program, before any calendar is made.
    nonisolated(unsafe) public static var machineZone: TimeZone?

    public init(profile: Profile, fallback: TimeZone = StudyCalendar.machineZone ?? .current) {
        let zone = profile.timeZone.flatMap(ZoneName.resolve) ?? fallback
        self.init(timeZone: zone, weekStart: profile.weekStart)
    }

    public func utcOffset(at epoch: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    /// The instant as a timestamp carrying this zone's offset, as the log records it.
    public func timestamp(_ epoch: Int64) -> Timestamp {
        Timestamp(epochSeconds: epoch, utcOffsetSeconds: Int32(utcOffset(at: epoch)))
    }

    public func localDay(of epoch: Int64) -> LocalDate { timestamp(epoch).local.date }

    /// The instant of a local wall-clock time on `date` (the later one if a clock change repeats it).
    public func epoch(of date: LocalDate, secondOfDay: Int) -> Int64 {
        let naive = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay)
        var guess = naive - Int64(utcOffset(at: naive))
        guess = naive - Int64(utcOffset(at: guess))
        return guess
    }

    public func startOfWeek(containing date: LocalDate) -> LocalDate {
        date.adding(days: -((date.weekday.rawValue - weekStart.rawValue + 7) % 7))
    }

    /// Day names in this calendar's week order.
    public var weekdayOrder: [Weekday] { (0..<7).map { Weekday(rawValue: (weekStart.rawValue + $0) % 7)! } }
}
