import CredStackCore
import CredStackTOML
#if canImport(Glibc)
import Glibc
#endif

/// Everything loaded from the store at one moment.
public struct StoreSnapshot: Sendable {
    public var learner: Learner
    /// In the order the log holds them.
    public var sessions: [StudySession]
    public var timer: RunningTimer?
    /// What each record's file held when read: an action carries it to detect changes made elsewhere.
    public var versions: [RecordKey: RecordVersion]
    public var signature: StoreSignature
    /// Things the learner should know but that do not stop loading (a folder others can write to, a
    /// migration just done, a torn last log line set aside).
    public var warnings: [String]

    public func version(of record: RecordKey) -> RecordVersion { versions[record] ?? 0 }
}

/// Size, mtime and inode of each store file: if this changes, something wrote to the store.
public struct StoreSignature: Hashable, Sendable {
    var files: [String: FileSignature]
}

/// The plain-file store (format 2, `StoreLayout`). Reads take a shared lock; every change goes through
/// `transaction`, which takes the exclusive lock, re-reads what is on disk, lets the caller check and change
/// it, and writes only the records that changed, each as a patch of its file.
public struct Store: Sendable {
    public let layout: StoreLayout
    public var directory: String { layout.directory }

    public init(directory: String) { layout = StoreLayout(directory: directory) }

    enum Format { case current, legacy }

    /// Which store is here, nil for none; "permission denied" and the like are errors, not "no store".
    func format() throws(StoreError) -> Format? {
        if try POSIXFile.exists(layout.profile).get() { return .current }
        if try POSIXFile.exists(layout.legacyLearner).get() { return .legacy }
        return nil
    }

    public var exists: Bool { ((try? format()) ?? nil) != nil }

    /// Why there is no store to read: none at all, or a log whose profile was lost.
    var notFound: StoreError {
        var st = stat()
        return lstat(layout.log, &st) == 0 ? .profileLost(directory: directory) : .notInitialized(directory: directory)
    }

    /// Called once when a command has waited a second for another process's lock (to say so).
    public static func onLongLockWait(_ notice: @escaping @Sendable (String) -> Void) { FileLock.onLongWait = notice }

    // MARK: creating

    /// Creates the folder (or makes an existing one private), the profile and an empty log. Refuses to touch an
    /// existing store. Returns notes for the learner (a folder made private).
    @discardableResult
    public func initialize(profile: Profile) throws(StoreError) -> [String] {
        var notes: [String] = []
        if try format() != nil { throw .rejected("a store already exists at \(directory); nothing was changed") }
        if let st = POSIXFile.status(directory) {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .rejected("\(directory) is a file, not a folder; choose another --store") }
            if st.st_uid != geteuid() && st.st_uid != 0 {
                throw .unsafe(path: directory, reason: "this folder belongs to another user; choose a folder of your own with --store")
            }
            if st.st_mode & 0o077 != 0 {
                guard chmod(directory, 0o700) == 0 else { throw .io(path: directory, action: "make private (chmod 700)", code: errno) }
                notes.append("made \(directory) private (chmod 700): it was open to \(st.st_mode & 0o007 != 0 ? "every user" : "its group")")
            }
        } else {
            try POSIXFile.makeDirectory(directory)
        }
        let lock = try FileLock(path: layout.lock, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        if try format() != nil { throw .rejected("a store already exists at \(directory); nothing was changed") }
        if POSIXFile.status(layout.log, follow: false) == nil {
            try POSIXFile.createNew(layout.log, with: Array(StudyLogCodec.header.utf8))
        }
        for folder in [layout.courses, layout.pathways] {
            try POSIXFile.makeDirectory(folder)
            // Left from an earlier store (`init --recover`): private too.
            if let st = POSIXFile.status(folder), st.st_mode & 0o077 != 0 { chmod(folder, 0o700) }
        }
        try POSIXFile.createNew(layout.profile, with: try edited { try ProfileCodec.newDocument(profile) }.bytes)
        _ = try writeGitFiles()
        return notes
    }

    /// What lets two machines sync the store with plain git: the log merges by keeping both sides' lines
    /// (each line is one session), and machine-local files stay out. Returns the files written; a file
    /// already there is left as it is.
    public func writeGitFiles() throws(StoreError) -> [String] {
        let files = [
            (".gitattributes", "# credstack: each line of the log is one session, so a merge keeps the lines of both sides.\nsessions.log merge=union\n"),
            (".gitignore", "# credstack: the lock, a running timer, unfinished saves and backups belong to one machine.\n.lock\ntimer.toml\n.*.tmp-*\n*.bak\n*.torn\n"),
        ]
        var written: [String] = []
        for (name, text) in files where POSIXFile.status(directory + "/" + name, follow: false) == nil {
            try POSIXFile.createNew(directory + "/" + name, with: Array(text.utf8))
            written.append(name)
        }
        return written
    }

    // MARK: reading

    /// Everything, under a shared lock (`wait: false`: give up with `.busy` instead of waiting for a writer).
    /// A format 1 store is moved to format 2 first.
    public func load(wait: Bool = true) throws(StoreError) -> StoreSnapshot {
        var warnings: [String] = []
        switch try format() {
        case nil:
            if POSIXFile.isDirectory(layout.profile) {
                throw .malformed(path: layout.profile, line: 1, column: 1, message: "expected a file here, found a folder")
            }
            throw notFound
        case .legacy?:
            do {
                if let note = try migrate(wait: wait) { warnings.append(note) }
            } catch let e where e.isWriteFailure {
                // A store we may read but not write (another user's, a read-only disk) is read as it is.
                let lock = try readLock(wait: wait)
                defer { withExtendedLifetime(lock) {} }
                let legacy = try Migration.readLegacy(layout)
                var snapshot = try readAll(records: legacy.records)
                snapshot.warnings = warnings + ["this store is in the older format 1 and could not be moved to format 2 (\(e)); it is read-only until then"]
                return snapshot
            }
        case .current?:
            break
        }
        let lock = try readLock(wait: wait)
        defer { withExtendedLifetime(lock) {} }
        var snapshot = try readAll(records: try readRecords())
        snapshot.warnings = warnings + snapshot.warnings
        return snapshot
    }

    /// The records without the log, under a shared lock, with the warnings a full load would give about them
    /// (a format 1 store is moved to format 2 first, as `load` does).
    public func loadLearner() throws(StoreError) -> (learner: Learner, warnings: [String]) {
        if try format() == .legacy {
            let snapshot = try load()
            return (snapshot.learner, snapshot.warnings)
        }
        guard try format() != nil else { throw notFound }
        let lock = try readLock()
        defer { withExtendedLifetime(lock) {} }
        let records = try readRecords()
        return (records.learner, folderWarnings() + records.warnings)
    }

    /// The sessions that start in `range`, and the earliest start in the whole log (nil: no sessions), under
    /// a shared lock: only their lines, through the log's index, while it vouches for the log; otherwise the
    /// whole log is read and checked.
    /// `warning`: a cut last line set aside, as `load` says it.
    public func sessions(startingIn range: Range<Int64>, of learner: Learner) throws(StoreError)
        -> (sessions: [StudySession], earliestStart: Int64?, warning: String?) {
        let lock = try readLock()
        defer { withExtendedLifetime(lock) {} }
        if let index = SessionIndex.open(layout, for: learner), let found = index.sessions(startingIn: range, of: learner), let earliest = index.earliestStart {
            return (found, earliest, nil)
        }
        var out: [StudySession] = []
        var earliest: Int64?
        let warning = try scanLogIndexing(against: learner) { l, course in
            earliest = min(earliest ?? .max, l.start.epochSeconds)
            guard range.contains(l.start.epochSeconds) else { return }
            out.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: learner.courses[course].id,
                                    note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
        }
        return (out, earliest, warning)
    }

    /// Study folded into days from the sessions of `days` only (and the day before, for one that crosses into
    /// them), knowing the first day of study: all a report of recent weeks needs. Through the log's index it
    /// reads a few hundred lines of a log of millions.
    public func history(of learner: Learner, days: ClosedRange<LocalDate>, courseID: String? = nil) throws(StoreError)
        -> (history: StudyHistory, warning: String?) {
        let calendar = StudyCalendar(profile: learner.profile)
        let from = calendar.epoch(of: days.lowerBound, secondOfDay: 0) - Int64(Limits.sessionSeconds)
        let window = try sessions(startingIn: from..<calendar.epoch(of: days.upperBound.adding(days: 1), secondOfDay: 0), of: learner)
        let history = StudyHistory(sessions: window.sessions, calendar: calendar, courseID: courseID,
                                   studiedSince: window.earliestStart.map(calendar.localDay(of:)))
        return (history, window.warning)
    }

    /// The shared lock a read holds. An edit a crash interrupted (`LogJournal`) is finished first, under the
    /// exclusive lock: no read sees a log half written.
    func readLock(wait: Bool = true) throws(StoreError) -> FileLock {
        do {
            // Released at the end of this scope, before the exclusive lock is asked for.
            let shared = try FileLock(path: layout.lock, exclusive: false, wait: wait)
            guard LogJournal.isPending(layout) else { return shared }
        }
        do {
            let exclusive: FileLock
            do { exclusive = try FileLock(path: layout.lock, exclusive: true, wait: wait) } catch where error.isWriteFailure {
                throw .unsafe(path: layout.logJournal, reason: "an edit of sessions.log was interrupted, and finishing it needs to write the store (\(error)); run credstack as the store's owner")
            }
            defer { withExtendedLifetime(exclusive) {} }
            try LogJournal.finishInterrupted(layout)
        }
        return try FileLock(path: layout.lock, exclusive: false, wait: wait)
    }

    /// The running timer (nil: none), under a shared lock.
    public func loadTimer(against learner: Learner) throws(StoreError) -> RunningTimer? {
        let lock = try readLock()
        defer { withExtendedLifetime(lock) {} }
        return try readTimer(against: learner).0
    }

    /// What a learner should know about the store folder itself, whatever a command reads.
    func folderWarnings() -> [String] {
        var warnings = StoreSafety.warnings(layout)
        if POSIXFile.status(layout.log, follow: false) != nil && POSIXFile.status(layout.log) == nil {
            warnings.append("sessions.log is a symbolic link to something that does not exist: no sessions can be read or logged until it points at your log")
        }
        if POSIXFile.status(layout.legacyLearner) != nil && POSIXFile.status(layout.profile) != nil {
            warnings.append("learner.toml (the older format 1) is next to profile.toml and is not read; keep it as a backup or remove it")
        }
        return warnings
    }

    private func readAll(records: Records) throws(StoreError) -> StoreSnapshot {
        let signature = currentSignature()
        var warnings = folderWarnings() + records.warnings
        var sessions: [StudySession] = []
        let learner = records.learner
        let torn = try scanLog(against: learner) { l, course in
            // The id string comes from the course file, so every session shares its course's storage.
            sessions.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: learner.courses[course].id,
                                         note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
        }
        if let torn { warnings.append(torn) }
        let (timer, timerVersion) = try readTimer(against: learner)
        var versions = records.versions
        versions[.timer] = timerVersion
        return StoreSnapshot(learner: learner, sessions: sessions, timer: timer, versions: versions, signature: signature, warnings: warnings)
    }

    /// Each record file, parsed and checked.
    struct Records {
        var learner: Learner
        var docs: [RecordKey: TOMLDocument]
        var versions: [RecordKey: RecordVersion]
        var warnings: [String]
    }

    /// What a record's file holds now (0: no file), for an action that starts from the file itself.
    public func currentVersion(of record: RecordKey) throws(StoreError) -> RecordVersion {
        ContentHash.of(try POSIXFile.read(layout.path(of: record), limit: POSIXFile.recordLimit))
    }

    /// `tolerating`: a record that may not read (the one `credstack edit` is about to replace); it is left
    /// out instead of stopping the read.
    func readRecords(tolerating: RecordKey? = nil) throws(StoreError) -> Records {
        var records = Records(learner: Learner(), docs: [:], versions: [:], warnings: [])
        guard let profileBytes = try POSIXFile.read(layout.profile, limit: POSIXFile.recordLimit) else { throw notFound }
        records.versions[.profile] = ContentHash.of(profileBytes)
        do {
            let profileDoc = try parse(profileBytes, path: layout.profile)
            records.learner.profile = try decoded(layout.profile, profileDoc) { doc throws(FieldError) in try ProfileCodec.decode(doc) }
            records.docs[.profile] = profileDoc
        } catch where tolerating == .profile {}
        for (folder, isCourse) in [(layout.courses, true), (layout.pathways, false)] {
            for name in (try POSIXFile.list(folder) ?? []).sorted() where name.hasSuffix(".toml") && !name.hasPrefix(".") {
                let id = String(name.dropLast(5))
                let path = folder + "/" + name
                guard Course.isValidID(id) else {
                    records.warnings.append("\(layout.relative(path)) is not read: a file name there must be an id (\(Course.idForm)) followed by .toml")
                    continue
                }
                guard let bytes = try POSIXFile.read(path, limit: POSIXFile.recordLimit) else { continue }
                let key: RecordKey = isCourse ? .course(id) : .pathway(id)
                records.versions[key] = ContentHash.of(bytes)
                do {
                    let doc = try parse(bytes, path: path)
                    if isCourse {
                        records.learner.courses.append(try decoded(path, doc) { doc throws(FieldError) in try CourseCodec.decode(doc, id: id) })
                    } else {
                        records.learner.pathways.append(try decoded(path, doc) { doc throws(FieldError) in try PathwayCodec.decode(doc, id: id) })
                    }
                    records.docs[key] = doc
                } catch where key == tolerating {
                    continue
                }
            }
        }
        return records
    }

    /// Parses a record file; an empty file or one with git conflict markers gets a message of its own.
    func parse(_ bytes: [UInt8], path: String) throws(StoreError) -> TOMLDocument {
        if !bytes.contains(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) {
            throw .malformed(path: path, line: 1, column: 1, message: "the file is empty (restore it from a backup or git, or remove it; nothing was changed)")
        }
        if let line = GitConflict.firstMarkerLine(bytes) {
            throw .malformed(path: path, line: line, column: 1,
                             message: "git conflict markers (<<<<<<<): a merge is not finished; edit the file to keep the right lines, then `git add` it")
        }
        do { return try TOMLDocument(bytes: bytes) } catch {
            throw .malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    func decoded<T>(_ path: String, _ doc: TOMLDocument, _ decode: (TOMLDocument) throws(FieldError) -> T) throws(StoreError) -> T {
        do { return try decode(doc) } catch { throw .malformed(path: path, line: error.line, column: error.column, message: error.message) }
    }

    func edited<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch let e as TOMLEditError { throw .rejected("could not write the change: \(e.message)") } catch let e as StoreError {
            throw e
        } catch { throw .rejected("could not write the change: \(error)") }
    }

    public func currentSignature() -> StoreSignature {
        var files: [String: FileSignature] = [:]
        for path in [layout.profile, layout.log, layout.timer, layout.courses, layout.pathways, layout.legacyLearner] {
            files[path] = POSIXFile.signature(path)
        }
        for folder in [layout.courses, layout.pathways] {
            for name in (try? POSIXFile.list(folder)) ?? [] where name.hasSuffix(".toml") && !name.hasPrefix(".") {
                files[folder + "/" + name] = POSIXFile.signature(folder + "/" + name)
            }
        }
        return StoreSignature(files: files)
    }

    /// Every course id the log names, with how many sessions, whether or not the course exists: what
    /// `credstack init --recover` rebuilds missing courses from.
    public func loggedCourseIDs() throws(StoreError) -> [String: Int] {
        guard var bytes = try POSIXFile.read(layout.log) else { return [:] }
        if let torn = layout.tornTail(of: bytes) { bytes.removeSubrange(torn.range) }
        var counts: [String: Int] = [:]
        do { try StudyLogCodec.scan(bytes) { counts[$0.courseID, default: 0] += 1 } } catch {
            throw .malformed(path: layout.log, line: error.line, column: error.column, message: error.message)
        }
        return counts
    }

    /// Seconds per period and course over the whole log (or the days `from` through `through`), streamed: no
    /// session is kept in memory. Every line is checked as `load()` checks it. Days and weeks follow the
    /// learner's profile (time zone, first day of week).
    public func studyTotals(period: ReportPeriod = .week, from: LocalDate? = nil, through: LocalDate? = nil) throws(StoreError) -> StudyTotals {
        if try format() == .legacy { _ = try load() }
        guard try format() != nil else { throw notFound }
        let lock = try readLock()
        defer { withExtendedLifetime(lock) {} }
        let learner = try readRecords().learner
        var totals = StudyTotals(calendar: StudyCalendar(profile: learner.profile), period: period, from: from, through: through)
        // Numbered in id order, so a course's number in the totals is its index in the learner.
        for course in learner.courses { _ = totals.index(of: course.id) }
        // While the log's index vouches for the log, its entries hold all a total needs: 16 bytes a session
        // instead of a line to read and check.
        return try foldSessions(totals, against: learner) { into, start, seconds, course in into.add(start: start, seconds: seconds, course: course) }.0
    }

    /// `scanLog`, and then, when the log stood still meanwhile and the store is one we may write, a fresh
    /// index of it: after a `git pull` or a hand edit, the first report reads the whole log, the next ones
    /// only what they need. Readers share the lock, so two may write it at once; each replaces it whole.
    func scanLogIndexing(against learner: Learner, _ visit: (StudyLogCodec.ScannedLine, Int) -> Void) throws(StoreError) -> String? {
        let before = SessionIndex.Stamp.of(path: layout.log)
        var entries: [SessionIndex.Entry]? = []
        let warning = try scanLog(against: learner) { l, course in
            visit(l, course)
            if l.offset <= Int(UInt32.max), course < SessionIndex.Entry.maxCourses {
                entries?.append(SessionIndex.Entry(start: l.start.epochSeconds, offset: UInt32(l.offset), seconds: UInt32(l.seconds), course: UInt16(course)))
            } else {
                entries = nil
            }
        }
        if let entries, let before, before != .absent, before == SessionIndex.Stamp.of(path: layout.log),
           (try? StoreSafety.checkWritable(layout, files: [layout.sessionIndex])) != nil {
            try? SessionIndex.write(entries, courses: learner.courses.map(\.id), stamp: before, to: layout.sessionIndex)
        }
        return warning
    }

    /// The one pass over the log: every line checked, its course matched by bytes against the learner's
    /// courses, and the first unknown course reported where it stands. A last line without its line break that
    /// does not read is the remnant of an interrupted write: it is set aside (the message is returned) and
    /// the next write removes it.
    func scanLog(against learner: Learner, _ visit: (StudyLogCodec.ScannedLine, Int) -> Void) throws(StoreError) -> String? {
        guard var bytes = try POSIXFile.read(layout.log) else { return nil }
        var setAside: String?
        if let remnant = layout.tornTail(of: bytes) {
            setAside = "sessions.log line \(remnant.line) is cut short (an interrupted write) and was set aside; the next change moves it to sessions.log.torn: \(remnant.text.prefix(120))"
            bytes.removeSubrange(remnant.range)
        }
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
            throw .malformed(path: layout.log, line: error.line, column: error.column, message: error.message)
        }
        if let unknown {
            let hint = learner.nearestCourseID(to: unknown.id).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw .malformed(path: layout.log, line: unknown.line, column: unknown.column,
                             message: "no course \"\(unknown.id)\" in courses/\(hint); add it back with `credstack course add \(unknown.id) --title ...`, or every missing one with `credstack init --recover`")
        }
        return setAside
    }

    func readTimer(against learner: Learner) throws(StoreError) -> (RunningTimer?, RecordVersion) {
        guard let bytes = try POSIXFile.read(layout.timer, limit: POSIXFile.recordLimit) else { return (nil, 0) }
        let doc = try parse(bytes, path: layout.timer)
        let timer = try decoded(layout.timer, doc) { doc throws(FieldError) in try TimerCodec.decode(doc) }
        if learner.course(timer.courseID) == nil {
            let at = doc.location(ofByte: doc.root.entry("course")?.value.span.lowerBound ?? 0)
            throw .malformed(path: layout.timer, line: at.line, column: at.column,
                             message: "the timer runs on \"\(timer.courseID)\", which is not one of your courses; `credstack timer cancel` drops it")
        }
        return (timer, ContentHash.of(bytes))
    }
}

extension StoreError {
    /// The write failed for a reason that reading can live with (permissions, a read-only disk).
    var isWriteFailure: Bool {
        switch self {
        case .io(_, _, let code): return code == EACCES || code == EPERM || code == EROFS
        case .unsafe: return true
        default: return false
        }
    }
}

/// Lines git writes into a file whose merge stopped at a conflict.
enum GitConflict {
    static func firstMarkerLine(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var atLineStart = true
        var i = 0
        let marker = Array("<<<<<<< ".utf8)
        while i < bytes.count {
            if atLineStart, i + marker.count <= bytes.count, bytes[i..<(i + marker.count)].elementsEqual(marker) { return line }
            atLineStart = bytes[i] == 10
            if atLineStart { line += 1 }
            i += 1
        }
        return nil
    }
}
