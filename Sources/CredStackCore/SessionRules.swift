/// The rules every session follows, wherever it comes from (the log command, a form, a timer, an import).
public enum SessionRules {
    /// Why a session may not be logged as it is, or nil.
    public static func problem(start: Timestamp, seconds: Int, now: Int64) -> String? {
        if seconds <= 0 { return "a session must last longer than zero" }
        if seconds > Limits.sessionSeconds { return "a session is at most 24h (this one is \(StudyDuration.label(seconds: seconds)))" }
        let end = start.epochSeconds + Int64(seconds)
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
}
