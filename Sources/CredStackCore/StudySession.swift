public struct StudySession: Hashable, Sendable {
    public var id: SessionID
    public var start: Timestamp
    public var durationSeconds: Int
    public var courseID: String
    public var note: String

    public init(id: SessionID = .unassigned, start: Timestamp, durationSeconds: Int, courseID: String, note: String = "") {
        self.id = id
        self.start = start
        self.durationSeconds = durationSeconds
        self.courseID = courseID
        self.note = note
    }

    public var endEpochSeconds: Int64 { start.epochSeconds + Int64(durationSeconds) }

    /// Whether the two share any second.
    public func overlaps(_ other: StudySession) -> Bool {
        start.epochSeconds < other.endEpochSeconds && other.start.epochSeconds < endEpochSeconds
    }

    /// Time order, then id, so lists read the same everywhere.
    public static func timeOrder(_ a: StudySession, _ b: StudySession) -> Bool {
        a.start.epochSeconds != b.start.epochSeconds ? a.start.epochSeconds < b.start.epochSeconds : a.id < b.id
    }
}

/// A study timer that outlives the process: it is kept in the store until stopped. Its id becomes the
/// session's, so a stop retried after a crash finds the session it already logged.
public struct RunningTimer: Hashable, Sendable {
    public var id: SessionID
    public var courseID: String
    public var started: Timestamp
    public var note: String

    public init(id: SessionID = .unassigned, courseID: String, started: Timestamp, note: String = "") {
        self.id = id
        self.courseID = courseID
        self.started = started
        self.note = note
    }

    public func elapsedSeconds(now: Int64) -> Int { max(0, Int(min(Int64(Int32.max), now - started.epochSeconds))) }

    /// The session this timer becomes when it ends at `end`: nil when that is not after the start or longer
    /// than one session may be (a forgotten timer: the learner says when it really ended).
    public func session(endingAt end: Int64) -> StudySession? {
        let seconds = end - started.epochSeconds
        guard seconds >= 1, seconds <= Int64(Limits.sessionSeconds) else { return nil }
        return StudySession(id: id, start: started, durationSeconds: Int(seconds), courseID: courseID, note: note)
    }
}
