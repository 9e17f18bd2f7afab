import CredStackCore

/// The store as a dashboard shows it: the records, the timer, and the study log folded into days, without
/// keeping a single session. One course's sessions are read when asked for (`Store.sessions(of:learner:)`).
public struct StoreOverview: Sendable {
    public var learner: Learner
    public var timer: RunningTimer?
    public var history: StudyHistory
    /// The lengths of the sessions logged on the running timer's course, in seconds, shortest first: what
    /// the learner usually studies there, for a timer left running too long.
    public var timerCourseLengths: [Int]
    public var versions: [RecordKey: RecordVersion]
    public var signature: StoreSignature
    public var warnings: [String]
}

extension Store {
    /// The overview, under a shared lock (`wait: false`: `.busy` instead of waiting for a writer). The log is
    /// summed from its index, 16 bytes a session, while the index vouches for it; otherwise it is read in
    /// full and checked, as `load` does, and a fresh index written. A format 1 store is loaded (and moved
    /// to format 2) through `load`.
    public func overview(wait: Bool = true) throws(StoreError) -> StoreOverview {
        guard try format() == .current else {
            let snap = try load(wait: wait)
            let calendar = StudyCalendar(profile: snap.learner.profile)
            return StoreOverview(learner: snap.learner, timer: snap.timer, history: StudyHistory(sessions: snap.sessions, calendar: calendar),
                                 timerCourseLengths: snap.sessions.filter { $0.courseID == snap.timer?.courseID }.map(\.durationSeconds).sorted(),
                                 versions: snap.versions, signature: snap.signature, warnings: snap.warnings)
        }
        let lock = try readLock(wait: wait)
        defer { withExtendedLifetime(lock) {} }
        let signature = currentSignature()
        let records = try readRecords()
        let learner = records.learner
        let (timer, timerVersion) = try readTimer(against: learner)
        let timerCourse = timer.flatMap { learner.courseIndex($0.courseID) } ?? -1
        let empty = (history: StudyHistory.Builder(calendar: StudyCalendar(profile: learner.profile), courseIDs: learner.courses.map(\.id)), lengths: [Int]())
        let (folded, torn) = try foldSessions(empty, against: learner) { into, start, seconds, course in
            into.history.add(start: start, seconds: seconds, course: course)
            if course == timerCourse { into.lengths.append(seconds) }
        }
        var versions = records.versions
        versions[.timer] = timerVersion
        return StoreOverview(learner: learner, timer: timer, history: folded.history.build(), timerCourseLengths: folded.lengths.sorted(),
                             versions: versions, signature: signature, warnings: folderWarnings() + records.warnings + [torn].compactMap { $0 })
    }

    /// The sessions logged on `courseID`, oldest first, under a shared lock: only their lines, through the
    /// log's index while it vouches for the log; otherwise the log is read in full and checked.
    public func sessions(of courseID: String, learner: Learner, wait: Bool = true) throws(StoreError) -> [StudySession] {
        let lock = try readLock(wait: wait)
        defer { withExtendedLifetime(lock) {} }
        guard let course = learner.courseIndex(courseID) else { return [] }
        if let index = SessionIndex.open(layout, for: learner) {
            guard let number = index.courses.firstIndex(of: courseID) else { return [] }
            if let found = index.sessions(where: { Int($0.course) == number }, of: learner) { return found }
        }
        var out: [StudySession] = []
        _ = try scanLogIndexing(against: learner) { l, n in
            guard n == course else { return }
            out.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: learner.courses[n].id,
                                    note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
        }
        return out.sorted(by: StudySession.timeOrder)
    }

    /// The `n` latest sessions (on `courseID`, or any), in time order, under a shared lock: through the log's
    /// index, only their lines; otherwise the log is read in full and checked. `warning`: a cut last line
    /// set aside, as `load` says it.
    public func latestSessions(_ n: Int, courseID: String? = nil, of learner: Learner, wait: Bool = true) throws(StoreError)
        -> (sessions: [StudySession], warning: String?) {
        let lock = try readLock(wait: wait)
        defer { withExtendedLifetime(lock) {} }
        guard n > 0 else { return ([], nil) }
        if let found = SessionIndex.open(layout, for: learner)?.latest(n, courseID: courseID, of: learner) { return (found, nil) }
        var all: [StudySession] = []
        let course = courseID.flatMap { learner.courseIndex($0) } ?? -1
        let warning = try scanLogIndexing(against: learner) { l, n in
            guard courseID == nil || n == course else { return }
            all.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: learner.courses[n].id,
                                    note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
        }
        return (Array(all.sorted(by: StudySession.timeOrder).suffix(n)), warning)
    }

    /// Folds every session's start, seconds and course (its number in `learner.courses`) into `initial`:
    /// from the log's index while it vouches for the log and reads to the end, otherwise from a full read of
    /// the log, which writes a fresh index. Returns the fold and, from a full read, a cut last line set aside.
    func foldSessions<T>(_ initial: T, against learner: Learner,
                         _ add: (inout T, _ start: Int64, _ seconds: Int, _ course: Int) -> Void) throws(StoreError) -> (T, String?) {
        if let index = SessionIndex.open(layout, for: learner) {
            let numbers = index.courses.map { learner.courseIndex($0) }
            var fromIndex = initial
            var complete = true
            let read = index.forEachEntry { e in
                guard complete, Int(e.course) < numbers.count, let course = numbers[Int(e.course)], e.isPlausible else { complete = false; return }
                add(&fromIndex, e.start, Int(e.seconds), course)
            }
            if read && complete { return (fromIndex, nil) }
        }
        var fromLog = initial
        let torn = try scanLogIndexing(against: learner) { l, course in add(&fromLog, l.start.epochSeconds, l.seconds, course) }
        return (fromLog, torn)
    }
}
