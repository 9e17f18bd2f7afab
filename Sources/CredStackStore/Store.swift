import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

/// Everything loaded from the store at one moment.
public struct StoreSnapshot: Sendable {
    public var learner: Learner
    public var sessions: [StudySession]
    public var timer: RunningTimer?
    public var signature: StoreSignature
    /// Things the learner should know but that do not stop loading (e.g. a folder others can write to).
    public var warnings: [String]
}

/// Size, mtime and inode of each store file: if this changes, something wrote to the store.
public struct StoreSignature: Hashable, Sendable {
    var files: [FileSignature?]
}

/// The plain-file store: `learner.toml` (profile, courses, credentials, pathways), `sessions.log`
/// (append-only study log) and `timer.toml` (the running timer, while there is one).
///
/// Every change takes the store's lock, re-reads what is on disk and applies itself to that, so two
/// processes never lose each other's writes, and a file is never replaced by one built from stale data.
public struct Store: Sendable {
    public let directory: String
    public var learnerPath: String { directory + "/learner.toml" }
    public var logPath: String { directory + "/sessions.log" }
    public var timerPath: String { directory + "/timer.toml" }
    var lockPath: String { directory + "/.lock" }

    public init(directory: String) { self.directory = directory }

    public var exists: Bool { POSIXFile.signature(learnerPath) != nil }

    /// Creates the folder (0700), an empty learner file and log (0600). Refuses to touch an existing store.
    public func initialize(profile: Profile) throws(StoreError) {
        try POSIXFile.makeDirectory(directory)
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        if exists { throw .rejected("a store already exists at \(directory); nothing was changed") }
        if POSIXFile.signature(logPath) == nil {
            try POSIXFile.atomicReplace(logPath, with: Array(StudyLogCodec.header.utf8), directory: directory)
        }
        try POSIXFile.atomicReplace(learnerPath, with: Array(LearnerCodec.encode(Learner(profile: profile)).utf8), directory: directory)
        _ = try writeGitFiles()
    }

    /// What lets two machines sync the store with plain git: the log merges by keeping both sides' lines
    /// (each line is one session), and machine-local files stay out. Returns the files written; a file
    /// already there is left as it is.
    public func writeGitFiles() throws(StoreError) -> [String] {
        let files = [
            (".gitattributes", "# credstack: each line of the log is one session, so a merge keeps the lines of both sides.\nsessions.log merge=union\n"),
            (".gitignore", "# credstack: the lock, a running timer and unfinished saves belong to one machine.\n.lock\ntimer.toml\n.*.tmp-*\n"),
        ]
        var written: [String] = []
        for (name, text) in files where POSIXFile.signature(directory + "/" + name) == nil {
            try POSIXFile.atomicReplace(directory + "/" + name, with: Array(text.utf8), directory: directory)
            written.append(name)
        }
        return written
    }

    // MARK: reading

    public func load() throws(StoreError) -> StoreSnapshot {
        guard POSIXFile.isDirectory(directory), exists else {
            if POSIXFile.isDirectory(learnerPath) {
                throw .malformed(path: learnerPath, line: 1, column: 1, message: "expected a file here, found a folder")
            }
            throw .notInitialized(directory: directory)
        }
        let lock = try FileLock(path: lockPath, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let signature = currentSignature()
        let learner = try readLearner()
        let sessions = try readSessions(validatingAgainst: learner)
        let timer = try readTimer()
        return StoreSnapshot(learner: learner, sessions: sessions, timer: timer, signature: signature, warnings: permissionWarnings())
    }

    public func currentSignature() -> StoreSignature {
        StoreSignature(files: [POSIXFile.signature(learnerPath), POSIXFile.signature(logPath), POSIXFile.signature(timerPath)])
    }

    func readLearner() throws(StoreError) -> Learner {
        guard let bytes = try POSIXFile.read(learnerPath) else { throw .notInitialized(directory: directory) }
        do { return try LearnerCodec.decode(bytes) } catch {
            throw .malformed(path: learnerPath, line: error.line, column: error.column, message: error.message)
        }
    }

    func readSessions(validatingAgainst learner: Learner) throws(StoreError) -> [StudySession] {
        var sessions: [StudySession] = []
        try scanLog(against: learner) { l, course in
            // The id string comes from the learner file, so every session shares its course's storage.
            sessions.append(StudySession(start: l.start, durationSeconds: l.seconds, courseID: learner.courses[course].id,
                                         note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
        }
        return sessions
    }

    /// Seconds per week and course over the whole log, streamed: no session is kept in memory. Every line is
    /// checked as `load()` checks it. Weeks follow the learner's profile (time zone, first day of week).
    public func weeklyCourseTotals() throws(StoreError) -> WeeklyCourseTotals {
        guard exists else { throw .notInitialized(directory: directory) }
        let lock = try FileLock(path: lockPath, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let learner = try readLearner()
        var totals = WeeklyCourseTotals(calendar: StudyCalendar(profile: learner.profile))
        // Numbered in the learner file's order, so a course's number in the totals is its index there.
        for course in learner.courses { _ = totals.index(of: course.id) }
        try scanLog(against: learner) { l, course in totals.add(start: l.start.epochSeconds, seconds: l.seconds, course: course) }
        return totals
    }

    /// The one pass over the log: every line checked, its course matched by bytes against the learner's
    /// courses (a learner has tens; comparing bytes beats making and hashing a string per line), and the first
    /// unknown course reported where it stands. `visit` gets each line and its course's index in the learner.
    private func scanLog(against learner: Learner, _ visit: (StudyLogCodec.ScannedLine, Int) -> Void) throws(StoreError) {
        guard let bytes = try POSIXFile.read(logPath) else { return }
        let known = learner.courses.map { Array($0.id.utf8) }
        var unknown: (id: String, line: Int, column: Int)?
        do {
            try StudyLogCodec.scan(bytes) { l in
                let course = known.firstIndex { id in
                    id.count == l.course.count && id.withUnsafeBufferPointer { memcmp($0.baseAddress!, l.course.baseAddress!, id.count) == 0 }
                }
                guard let course else {
                    if unknown == nil { unknown = (l.courseID, l.line, l.courseColumn) }
                    return
                }
                visit(l, course)
            }
        } catch {
            throw .malformed(path: logPath, line: error.line, column: error.column, message: error.message)
        }
        if let unknown {
            let hint = learner.nearestCourseID(to: unknown.id).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw .malformed(path: logPath, line: unknown.line, column: unknown.column,
                             message: "no course \"\(unknown.id)\" in learner.toml\(hint)")
        }
    }

    func readTimer() throws(StoreError) -> RunningTimer? {
        guard let bytes = try POSIXFile.read(timerPath) else { return nil }
        do { return try TimerCodec.decode(bytes) } catch {
            throw .malformed(path: timerPath, line: error.line, column: error.column, message: error.message)
        }
    }

    private func permissionWarnings() -> [String] {
        guard let mode = POSIXFile.mode(directory), mode & 0o022 != 0 else { return [] }
        return ["other users can write to \(directory); run `chmod 700 \(directory)` so they cannot change your records"]
    }

    // MARK: writing

    /// Re-reads the learner file under the lock, applies `change` and saves atomically. `change` may throw
    /// to refuse (e.g. the course it edits was changed by someone else); then nothing is written.
    @discardableResult
    public func updateLearner(_ change: (inout Learner) throws -> Void) throws -> Learner {
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        removeStaleTempFiles()
        var learner = try readLearner()
        let before = learner
        // A store that does not read as a whole is not changed at all, and no change may strand sessions.
        let logged = Set(try readSessions(validatingAgainst: before).map(\.courseID))
        _ = try readTimer()
        try change(&learner)
        for id in logged.sorted() where learner.course(id) == nil {
            throw StoreError.rejected("sessions are logged on \(id); remove them before removing the course (nothing was changed)")
        }
        if learner != before {
            try POSIXFile.atomicReplace(learnerPath, with: Array(LearnerCodec.encode(learner).utf8), directory: directory)
        }
        return learner
    }

    /// Appends sessions to the log in one write, after checking each names a course that exists now.
    public func append(_ sessions: [StudySession]) throws(StoreError) {
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try appendLocked(sessions, learner: try readLearner())
    }

    private func appendLocked(_ sessions: [StudySession], learner: Learner) throws(StoreError) {
        for s in sessions where learner.course(s.courseID) == nil {
            let hint = learner.nearestCourseID(to: s.courseID).map { "; did you mean \"\($0)\"?" } ?? ""
            throw .rejected("no course \"\(s.courseID)\"\(hint)")
        }
        var text = ""
        let existing = POSIXFile.signature(logPath)
        if existing == nil || existing!.size == 0 { text = StudyLogCodec.header }
        else if try !logEndsWithNewline() { text = "\n" }
        for s in sessions { text += StudyLogCodec.encode(s) }
        try POSIXFile.append(logPath, Array(text.utf8))
    }

    private func logEndsWithNewline() throws(StoreError) -> Bool {
        let fd = open(logPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: logPath, action: "open", code: errno) }
        defer { close(fd) }
        var last: UInt8 = 10
        let end = lseek(fd, -1, SEEK_END)
        if end >= 0 { _ = read(fd, &last, 1) }
        return last == 10
    }

    /// Starts the timer; refuses when one is already running (it is the learner's to stop first).
    public func startTimer(_ timer: RunningTimer) throws(StoreError) {
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        let learner = try readLearner()
        guard learner.course(timer.courseID) != nil else {
            let hint = learner.nearestCourseID(to: timer.courseID).map { "; did you mean \"\($0)\"?" } ?? ""
            throw .rejected("no course \"\(timer.courseID)\"\(hint)")
        }
        if let running = try readTimer() {
            throw .rejected("a timer is already running for \(running.courseID) since \(running.started); stop it first")
        }
        try POSIXFile.atomicReplace(timerPath, with: Array(TimerCodec.encode(timer).utf8), directory: directory)
    }

    /// Stops the running timer and appends its session. The session is appended before the timer file is
    /// removed, and a retry after a crash in between recognises the already-logged session.
    @discardableResult
    public func stopTimer(now: Int64, discard: Bool = false) throws(StoreError) -> StudySession {
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        guard let timer = try readTimer() else { throw .rejected("no timer is running") }
        let session = timer.session(endingAt: now)
        if !discard {
            let learner = try readLearner()
            let already = try readSessions(validatingAgainst: learner).contains { $0.start == timer.started && $0.courseID == timer.courseID }
            if !already { try appendLocked([session], learner: learner) }
        }
        if unlink(timerPath) != 0 && errno != ENOENT { throw .io(path: timerPath, action: "remove", code: errno) }
        POSIXFile.fsyncDirectory(directory)
        return session
    }

    /// Rewrites the log (atomically, under the lock) without the sessions `drop` picks; comments and every
    /// other line stay exactly as they were. Returns how many were removed.
    public func removeSessions(where drop: (StudySession) -> Bool) throws(StoreError) -> Int {
        let lock = try FileLock(path: lockPath, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        let learner = try readLearner()
        // Never rewrite a log that does not read cleanly.
        _ = try readSessions(validatingAgainst: learner)
        guard let bytes = try POSIXFile.read(logPath) else { return 0 }
        let decoded: (sessions: [StudySession], courseColumns: [(line: Int, column: Int)])
        do { decoded = try StudyLogCodec.decode(bytes) } catch {
            throw .malformed(path: logPath, line: error.line, column: error.column, message: error.message)
        }
        var dropLines = Set<Int>()
        for (k, session) in decoded.sessions.enumerated() where drop(session) { dropLines.insert(decoded.courseColumns[k].line) }
        guard !dropLines.isEmpty else { return 0 }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var line = 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            if !dropLines.contains(line) {
                kept.append(contentsOf: bytes[start..<min(end + 1, bytes.count)])
            }
            line += 1
            start = end + 1
        }
        try POSIXFile.atomicReplace(logPath, with: kept, directory: directory)
        return dropLines.count
    }

    /// Temp files left by a process killed mid-save. Only called under the exclusive lock, when no save runs.
    private func removeStaleTempFiles() {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("."), name.contains(".tmp-") { unlink(directory + "/" + name) }
        }
    }
}
