public struct StudySession: Hashable, Sendable {
    public var start: Timestamp
    public var durationSeconds: Int
    public var courseID: String
    public var note: String

    public init(start: Timestamp, durationSeconds: Int, courseID: String, note: String = "") {
        self.start = start
        self.durationSeconds = durationSeconds
        self.courseID = courseID
        self.note = note
    }

    public var endEpochSeconds: Int64 { start.epochSeconds + Int64(durationSeconds) }
}

/// A study timer that outlives the process: it is kept in the store until stopped.
public struct RunningTimer: Hashable, Sendable {
    public var courseID: String
    public var started: Timestamp
    public var note: String

    public init(courseID: String, started: Timestamp, note: String = "") {
        self.courseID = courseID
        self.started = started
        self.note = note
    }

    public func elapsedSeconds(now: Int64) -> Int { max(0, Int(now - started.epochSeconds)) }

    /// The session this timer becomes when stopped at `now`, capped at the longest session we accept.
    public func session(endingAt now: Int64) -> StudySession {
        StudySession(start: started, durationSeconds: max(1, min(elapsedSeconds(now: now), StudyDuration.maximumSeconds)),
                     courseID: courseID, note: note)
    }
}
