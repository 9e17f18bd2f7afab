/// The rules every session follows, wherever it comes from (the log command, a form, a timer, an import).
public enum SessionRules {
    /// Shorter is a timer started and stopped by mistake, not study.
    public static let minimumSeconds = 60

    /// Why a session may not be logged as it is, or nil.
    public static func problem(start: Timestamp, seconds: Int, now: Int64) -> String? {
        if seconds < minimumSeconds { return "a session lasts at least a minute (this one is \(seconds)s)" }
        if seconds > Limits.sessionSeconds { return "a session is at most 24h (this one is \(StudyDuration.label(seconds: seconds)))" }
        let end = start.epochSeconds + Int64(seconds)
        if !start.local.date.isInRange || !Timestamp(epochSeconds: end, utcOffsetSeconds: start.utcOffsetSeconds).local.date.isInRange {
            return "a session must fall between the years 0001 and 9999"
        }
        if end > now + Int64(Limits.futureGraceSeconds) {
            return "it would end at \(Timestamp(epochSeconds: end, utcOffsetSeconds: start.utcOffsetSeconds)), which is in the future; log time you have studied"
        }
        return nil
    }

    /// Sessions that share time with `session` (other than itself).
    public static func overlapping(_ session: StudySession, in sessions: [StudySession]) -> [StudySession] {
        sessions.filter { $0.id != session.id && $0.overlaps(session) }.sorted(by: StudySession.timeOrder)
    }

    /// Seconds studied on each local day `session` touches, with it, when more than a day has: the first such day.
    public static func overfullDay(with session: StudySession, in sessions: [StudySession], calendar: StudyCalendar) -> LocalDate? {
        let days = Set([calendar.localDay(of: session.start.epochSeconds), calendar.localDay(of: session.endEpochSeconds - 1)])
        let near = sessions.filter { $0.id != session.id && abs($0.start.epochSeconds - session.start.epochSeconds) < 3 * 86_400 } + [session]
        let history = StudyHistory(sessions: near, calendar: calendar)
        return days.sorted().first { history.seconds(from: $0, through: $0) > 86_400 }
    }

    /// The session's seconds on each local day it touches.
    public static func secondsPerDay(of session: StudySession, calendar: StudyCalendar) -> [(day: LocalDate, seconds: Int)] {
        var out: [(LocalDate, Int)] = []
        var at = session.start.epochSeconds
        var left = session.durationSeconds
        while left > 0 {
            let day = calendar.localDay(of: at)
            let next = calendar.epoch(of: day.adding(days: 1), secondOfDay: 0)
            let chunk = Int(min(Int64(left), max(1, next - at)))
            out.append((day, chunk))
            left -= chunk
            at += Int64(chunk)
        }
        return out
    }
}
