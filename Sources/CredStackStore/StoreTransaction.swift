import CredStackCore
import CredStackTOML
#if canImport(Glibc)
import Glibc
#endif

/// One change to the store, made under its exclusive lock on what is on disk now. Records are read at the
/// start; the log only when asked for. Changes are patches of the record files; `commit` writes only the
/// files that changed, in an order that leaves a loadable store if the process dies part-way: records
/// made or changed, then the log, then records removed, then the timer.
public struct StoreTransaction {
    public let store: Store
    /// The records as they are now, with this transaction's changes applied.
    public private(set) var learner: Learner
    public private(set) var timer: RunningTimer?
    /// Why `timer.toml` did not read, when the transaction tolerates that (only to drop it: `timer cancel`).
    public private(set) var unreadableTimer: StoreError?
    /// What each record's file held when the transaction began.
    public let versions: [RecordKey: RecordVersion]

    private var docs: [RecordKey: TOMLDocument]
    /// The records as the transaction found them: what the log on disk was written against.
    private let diskLearner: Learner
    private var changed: Set<RecordKey> = []
    private var created: Set<RecordKey> = []
    private var deleted: Set<RecordKey> = []
    private var timerChanged = false
    private var discarded = false
    /// Catalog files to write (bytes) or remove (nil), by id.
    private var catalogChanges: [String: [UInt8]?] = [:]

    private var logSessions: [StudySession]?
    private var appended: [StudySession] = []
    /// The lines of `appended` as `append` encoded (and checked) them, and where each starts: what the
    /// append writes, unless an appended session was removed or replaced since (then nil: encoded again).
    private var appendedLines: (text: [UInt8], starts: [Int])? = ([], [])
    /// What an import added (`append(count:_:)`). Set only while no other session was added, removed or replaced.
    private var bulk: Bulk?
    private var removed: Set<SessionID> = []
    private var replaced: [SessionID: StudySession] = [:]
    /// Ids the rewrite must find on exactly one line (`requireOneLine`).
    private var oneLine: Set<SessionID> = []
    /// The log's index, once looked for: set while it vouches for the log (`SessionIndex`).
    private var index: SessionIndex?
    private var indexLooked = false
    /// Where the search for an id (`sessions(withExplicitID:)`) found lines carrying it.
    private var searchedLines: [SessionID: Set<UInt32>] = [:]

    init(store: Store, tolerating: RecordKey? = nil) throws(StoreError) {
        self.store = store
        let records = try store.readRecords(tolerating: tolerating)
        learner = records.learner
        diskLearner = records.learner
        docs = records.docs
        var versions = records.versions
        do {
            let (timer, timerVersion) = try store.readTimer(against: records.learner)
            self.timer = timer
            versions[.timer] = timerVersion
        } catch where tolerating == .timer {
            unreadableTimer = error
        }
        self.versions = versions
    }

    public func version(of record: RecordKey) -> RecordVersion { versions[record] ?? 0 }

    /// Refuses when a record changed since `expected` was read (nil: the caller read it in this transaction).
    public func expect(_ record: RecordKey, _ expected: RecordVersion?, _ what: @autoclosure () -> String) throws(StoreError) {
        guard let expected, expected != version(of: record) else { return }
        throw .changedElsewhere("\(what()) changed elsewhere meanwhile (another terminal or an editor); nothing was saved. Reloaded: look again and redo the change")
    }

    // MARK: the log

    /// Every session, as the log holds them now plus this transaction's changes. Reads the log once.
    public mutating func sessions() throws(StoreError) -> [StudySession] {
        materializeBulk()
        if logSessions == nil {
            var out: [StudySession] = []
            let learner = diskLearner
            // A whole read leaves a fresh index: what the append then extends.
            _ = try store.scanLogIndexing(against: learner) { l, course in
                out.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: learner.courses[course].id,
                                        note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
            }
            logSessions = out
            index = SessionIndex.open(store.layout, for: learner)
            indexLooked = true
        }
        var out = logSessions!.filter { !removed.contains($0.id) }.map { replaced[$0.id] ?? $0 }
        out += appended
        return out
    }

    /// The sessions that start in `range`, as `sessions()` lists them. While the log's index vouches for
    /// the log, only their lines are read (and checked); otherwise the whole log is.
    public mutating func sessions(startingIn range: Range<Int64>) throws(StoreError) -> [StudySession] {
        materializeBulk()
        if logSessions == nil, let found = try indexedSessions(startingIn: range) {
            return found.filter { !removed.contains($0.id) }.map { replaced[$0.id] ?? $0 }.filter { range.contains($0.start.epochSeconds) }
                + appended.filter { range.contains($0.start.epochSeconds) }
        }
        return try sessions().filter { range.contains($0.start.epochSeconds) }
    }

    /// Nothing is changed in a log that does not read: an index that vouches for it stands for the read (it
    /// is only ever written after one).
    private mutating func checkLog() throws(StoreError) {
        if logSessions == nil, try openIndex() { return }
        _ = try sessions()
    }

    /// The `n` latest sessions in time order, through the log's index: only their lines are read. nil when
    /// the index does not vouch for the log, or this transaction changed sessions already.
    public mutating func indexedLatestSessions(_ n: Int) throws(StoreError) -> [StudySession]? {
        guard logSessions == nil, appended.isEmpty, bulk == nil, removed.isEmpty, replaced.isEmpty, try openIndex() else { return nil }
        return index?.latest(n, courseID: nil, of: diskLearner)
    }

    /// The sessions whose line carries `#id`, found by searching the log's bytes for it and reading only
    /// those lines; nil when the index does not vouch for the log (which then was not checked) or no line
    /// carries the id (one derived from its line's text is found only by reading every line).
    public mutating func sessions(withExplicitID id: SessionID) throws(StoreError) -> [StudySession]? {
        guard logSessions == nil, appended.isEmpty, bulk == nil, removed.isEmpty, replaced.isEmpty, try openIndex(),
              id.text.utf8.count == SessionID.length else { return nil }
        let path = store.layout.log
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        let pattern = [35] + Array(id.text.utf8)
        let word = StudyLogCodec.idWord(id.text.utf8)
        let learner = diskLearner
        var found: [StudySession] = []
        var at: [UInt32] = []
        var lines = 0
        /// The whole lines of `b` (which starts at byte `base` of the log) that carry `#id` as their id.
        func search(_ b: UnsafeBufferPointer<UInt8>, base: Int) {
            var from = 0
            while from < b.count, let hit = memchr(b.baseAddress! + from, 35, b.count - from) {
                let hash = b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                from = hash + 1
                guard hash + pattern.count <= b.count, memcmp(b.baseAddress! + hash, pattern, pattern.count) == 0 else { continue }
                let start = b[..<hash].lastIndex(of: 10).map { $0 + 1 } ?? 0
                var end = hash
                while end < b.count, b[end] != 10 { end += 1 }
                let lineEnd = end > start && b[end - 1] == 13 ? end - 1 : end
                guard StudyLogCodec.explicitIDWord(b, start, lineEnd) == word else { continue }
                lines += 1
                try? StudyLogCodec.scan(Array(b[start..<end])) { l in
                    guard let course = learner.course(l.courseID), let offset = UInt32(exactly: base + start) else { return }
                    at.append(offset)
                    found.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: course.id,
                                              note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self)))
                }
                from = end
            }
        }
        // A mebibyte at a time, whole lines only (the index vouches that the last one ends in a line break):
        // memory stays small however long the log.
        var pending: [UInt8] = []
        var base = 0
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "read", code: errno) }
            if n == 0 { break }
            pending += block[..<n]
            guard let last = pending.lastIndex(of: 10) else { continue }
            pending.withUnsafeBufferPointer { search(UnsafeBufferPointer(rebasing: $0[...last]), base: base) }
            base += last + 1
            pending.removeSubrange(...last)
        }
        for (id, offset) in zip(found.map(\.id), at) { searchedLines[id, default: []].insert(offset) }
        return lines == 0 || found.count != lines ? nil : found
    }

    /// Has the rewrite refuse, writing nothing, unless `id` is on exactly one line: a session found without
    /// reading every line is never edited twice over when its line was copied.
    public mutating func requireOneLine(_ id: SessionID) {
        oneLine.insert(id)
    }

    /// Whether the index vouches for the log as it is now (looked for once). One that does not (none yet, or
    /// the log changed outside credstack) is made anew by one streaming pass that checks the whole log, as
    /// a report does: far less than every session held in memory.
    private mutating func openIndex() throws(StoreError) -> Bool {
        if !indexLooked {
            indexLooked = true
            index = SessionIndex.open(store.layout, for: diskLearner)
            if index == nil {
                _ = try store.scanLogIndexing(against: diskLearner) { _, _ in }
                index = SessionIndex.open(store.layout, for: diskLearner)
            }
            index?.recordsLines = true
        }
        return index != nil
    }

    /// The sessions starting in `range` read through the index; nil (and the index set aside) when there is
    /// none or it cannot say.
    private mutating func indexedSessions(startingIn range: Range<Int64>) throws(StoreError) -> [StudySession]? {
        guard try openIndex(), let found = index?.sessions(startingIn: range, of: diskLearner) else {
            index = nil
            return nil
        }
        return found
    }

    /// Adds sessions to the log; each gets a fresh id unless it has one. Returns them as they will be written.
    @discardableResult
    public mutating func append(_ sessions: [StudySession]) throws(StoreError) -> ArraySlice<StudySession> {
        materializeBulk()
        var ids = try takenIDs(adding: sessions.count)
        let first = appended.count
        appended.reserveCapacity(first + sessions.count)
        appendedLines?.starts.reserveCapacity(first + sessions.count)
        var line: [UInt8] = []
        for var s in sessions {
            try checkCourse(of: s)
            try prepare(&s, &ids, line: &line)
            appended.append(s)
            if var lines = appendedLines {
                // Moved out and back, so the arrays are not copied.
                appendedLines = nil
                lines.starts.append(lines.text.count)
                lines.text += line
                appendedLines = lines
            }
        }
        return appended[first...]
    }

    /// Adds many sessions (an import): `session(i)` for each i below `count`, checked and given ids as
    /// `append` does. Not held as values nor as text: each is made again when the log is written (their ids
    /// kept), so a million sessions cost eight bytes each. Anything that reads sessions later in the
    /// transaction makes them values.
    public mutating func append(count: Int, _ session: @escaping (Int) -> StudySession) throws(StoreError) {
        guard appended.isEmpty, bulk == nil, removed.isEmpty, replaced.isEmpty, appendedLines != nil else {
            try append((0..<count).map(session))
            return
        }
        var checks = try takenIDs(adding: count)
        var ids: [UInt64] = []
        ids.reserveCapacity(count)
        var courses: [String] = []
        var line: [UInt8] = []
        for i in 0..<count {
            var s = session(i)
            // An import names the same few courses a million times: each is looked for once.
            if courses.last != s.courseID, !courses.contains(s.courseID) {
                try checkCourse(of: s)
                courses.append(s.courseID)
            }
            try prepare(&s, &checks, line: &line)
            ids.append(StudyLogCodec.idWord(s.id.text.utf8))
        }
        if count > 0 { bulk = Bulk(count: count, session: session, ids: ids) }
    }

    /// What `append(count:_:)` added: the sessions made again, with the ids they were given.
    private struct Bulk {
        let count: Int
        let session: (Int) -> StudySession
        let ids: [UInt64]

        func made(_ i: Int) -> StudySession {
            var s = session(i)
            s.id = StudyLogCodec.id(ofWord: ids[i])
            return s
        }
    }

    /// The ids a new session may not take, and the draw for fresh ones. The log is checked first: nothing is
    /// added to a log that does not read. An index that vouches for it stands for the read it saves; then
    /// ids given are checked against the sessions at their start (`prepare`), and fresh ones are random (40
    /// bits: one chance in a million of a repeat at a million sessions, and a repeat is drawn again).
    private mutating func takenIDs(adding count: Int) throws(StoreError) -> AppendChecks {
        let indexed = logSessions == nil ? try openIndex() : false
        let taken = indexed ? appended : try sessions()
        var words = Set<UInt64>(minimumCapacity: taken.count + count)
        for s in taken { words.insert(StudyLogCodec.idWord(s.id.text.utf8)) }
        // Fresh ids from one seed drawn from the system: a million of them without a million system calls.
        return AppendChecks(indexed: indexed, words: words, random: SplitMix64(seed: UInt64.random(in: .min ... .max)))
    }

    private struct AppendChecks {
        var indexed: Bool
        var words: Set<UInt64>
        var random: SplitMix64
    }

    /// Refuses a session on a course that does not exist.
    private func checkCourse(of s: StudySession) throws(StoreError) {
        guard learner.course(s.courseID) != nil else {
            let hint = learner.nearestCourseID(to: s.courseID).map { "; did you mean \"\($0)\"?" } ?? ""
            throw .rejected("no course \"\(s.courseID)\"\(hint)")
        }
    }

    /// Gives a session to add (its course checked) a fresh id unless its own is free, and encodes its line
    /// into `line`, checked by the reader: never a line the reader would refuse.
    private mutating func prepare(_ s: inout StudySession, _ ids: inout AppendChecks, line: inout [UInt8]) throws(StoreError) {
        if ids.indexed, s.id.isAssigned {
            let at = s.start.epochSeconds
            for other in try sessions(startingIn: at..<(at + 1)) { ids.words.insert(StudyLogCodec.idWord(other.id.text.utf8)) }
        }
        while !s.id.isAssigned || ids.words.contains(StudyLogCodec.idWord(s.id.text.utf8)) { s.id = SessionID.random(using: &ids.random) }
        line.removeAll(keepingCapacity: true)
        StudyLogCodec.encode(s, into: &line)
        do { try StudyLogCodec.scan(line) { _ in } } catch {
            throw .rejected("this session cannot be written to the log (\(error.message)); nothing was changed")
        }
        ids.words.insert(StudyLogCodec.idWord(s.id.text.utf8))
    }

    /// The sessions an import added (`append(count:_:)`) as values, for a reader or an edit that needs them.
    private mutating func materializeBulk() {
        guard let added = bulk else { return }
        bulk = nil
        appended = (0..<added.count).map(added.made)
        appendedLines = nil
    }

    public mutating func removeSessions(_ ids: Set<SessionID>) throws(StoreError) {
        materializeBulk()
        try checkLog()
        removed.formUnion(ids)
        if appended.contains(where: { ids.contains($0.id) }) {
            appended.removeAll { ids.contains($0.id) }
            appendedLines = nil
        }
    }

    public mutating func replaceSession(_ session: StudySession) throws(StoreError) {
        materializeBulk()
        try checkLog()
        guard learner.course(session.courseID) != nil else { throw .rejected("no course \"\(session.courseID)\"") }
        if let i = appended.firstIndex(where: { $0.id == session.id }) {
            appended[i] = session
            appendedLines = nil
        } else {
            replaced[session.id] = session
        }
    }

    // MARK: records

    public mutating func addCourse(_ course: Course) throws(StoreError) {
        guard learner.course(course.id) == nil else { throw .rejected("a course \"\(course.id)\" already exists") }
        let key = RecordKey.course(course.id)
        if deleted.remove(key) == nil { created.insert(key) } else { changed.insert(key) }
        docs[key] = try store.edited { try CourseCodec.newDocument(course) }
        try redecode(key)
    }

    public mutating func patchCourse(_ id: String, _ patch: CoursePatch) throws(StoreError) {
        try editRecord(.course(id)) { doc in try CourseCodec.apply(patch, to: &doc) }
    }

    /// Patches the course's credential (made when it has none: the patch must then name who awarded it and when).
    public mutating func patchCredential(_ courseID: String, _ patch: CredentialPatch) throws(StoreError) {
        try editRecord(.course(courseID)) { doc in try CourseCodec.apply(patch, to: &doc) }
    }

    public mutating func removeCredential(_ courseID: String) throws(StoreError) {
        try editRecord(.course(courseID)) { doc in try doc.remove("credential") }
    }

    public mutating func removeCourse(_ id: String) throws(StoreError) {
        guard learner.course(id) != nil else { throw .rejected("no course \"\(id)\"") }
        if try sessions().contains(where: { $0.courseID == id }) {
            throw .rejected("sessions are logged on \(id); remove them before removing the course (nothing was changed)")
        }
        if timer?.courseID == id { throw .rejected("a timer is running on \(id); stop or cancel it first (nothing was changed)") }
        drop(.course(id))
        learner.courses.removeAll { $0.id == id }
    }

    /// Marks a record's file for removal (or forgets one this transaction made).
    private mutating func drop(_ key: RecordKey) {
        if created.remove(key) == nil { deleted.insert(key) }
        changed.remove(key)
        docs[key] = nil
    }

    public mutating func addPathway(_ pathway: Pathway) throws(StoreError) {
        guard learner.pathway(pathway.id) == nil else { throw .rejected("you already follow a pathway with id \"\(pathway.id)\"") }
        let key = RecordKey.pathway(pathway.id)
        if deleted.remove(key) == nil { created.insert(key) } else { changed.insert(key) }
        docs[key] = try store.edited { try PathwayCodec.newDocument(pathway) }
        try redecode(key)
    }

    public mutating func removePathway(_ id: String) throws(StoreError) {
        guard learner.pathway(id) != nil else { throw .rejected("no pathway \"\(id)\"") }
        drop(.pathway(id))
        learner.pathways.removeAll { $0.id == id }
    }

    public mutating func patchProfile(_ patch: ProfilePatch) throws(StoreError) {
        try editRecord(.profile) { doc in try ProfileCodec.apply(patch, to: &doc) }
    }

    /// Replaces a record's file with new text, checked by the record's codec (`credstack edit`).
    public mutating func replaceRecord(_ key: RecordKey, bytes: [UInt8]) throws(StoreError) {
        guard versions[key] != nil else { throw .rejected("no \(key)") }
        docs[key] = try store.parse(bytes, path: store.layout.path(of: key))
        if !created.contains(key) { changed.insert(key) }
        try redecode(key)
    }

    /// A catalog file, checked, written as given (a new one, or replacing the learner's one of that id).
    public mutating func putCatalog(_ id: String, bytes: [UInt8], path: String) throws(StoreError) -> Catalog {
        let catalog = try Catalogs.decode(bytes, id: id, path: path)
        catalogChanges[id] = .some(bytes)
        return catalog
    }

    public mutating func removeCatalog(_ id: String) throws(StoreError) {
        guard try POSIXFile.read(store.layout.catalog(id)) != nil else { throw .rejected("no catalog \(id) in this store (credstack catalog list)") }
        catalogChanges[id] = .some(nil)
    }

    public mutating func setTimer(_ timer: RunningTimer?) {
        self.timer = timer
        timerChanged = true
    }

    private mutating func editRecord(_ key: RecordKey, _ edit: (inout TOMLDocument) throws -> Void) throws(StoreError) {
        guard var doc = docs[key] else { throw .rejected("no \(key)") }
        let before = doc.bytes
        try store.edited { try edit(&doc) }
        guard doc.bytes != before else { return }
        docs[key] = doc
        if !created.contains(key) { changed.insert(key) }
        try redecode(key)
    }

    /// Reads the record back from its edited document, so the learner in the transaction is what the file says.
    private mutating func redecode(_ key: RecordKey) throws(StoreError) {
        let doc = docs[key]!
        let path = store.layout.path(of: key)
        switch key {
        case .profile:
            learner.profile = try store.decoded(path, doc) { doc throws(FieldError) in try ProfileCodec.decode(doc) }
        case .course(let id):
            let course = try store.decoded(path, doc) { doc throws(FieldError) in try CourseCodec.decode(doc, id: id) }
            if let i = learner.courseIndex(id) { learner.courses[i] = course } else {
                learner.courses.append(course)
                learner.courses.sort { $0.id < $1.id }
            }
        case .pathway(let id):
            let pathway = try store.decoded(path, doc) { doc throws(FieldError) in try PathwayCodec.decode(doc, id: id) }
            if let i = learner.pathways.firstIndex(where: { $0.id == id }) { learner.pathways[i] = pathway } else {
                learner.pathways.append(pathway)
                learner.pathways.sort { $0.id < $1.id }
            }
        case .timer:
            break
        }
    }

    // MARK: writing

    /// Nothing this transaction changed is written (a dry run).
    public mutating func discard() { discarded = true }

    var hasChanges: Bool {
        !changed.isEmpty || !created.isEmpty || !deleted.isEmpty || timerChanged || !appended.isEmpty || bulk != nil || !removed.isEmpty || !replaced.isEmpty
            || !catalogChanges.isEmpty
    }

    func commit() throws(StoreError) {
        guard hasChanges, !discarded else { return }
        let layout = store.layout
        let logChanged = !appended.isEmpty || bulk != nil || !removed.isEmpty || !replaced.isEmpty
        var paths = (changed.union(created).union(deleted)).map(layout.path(of:))
        if logChanged { paths.append(layout.log) }
        if timerChanged { paths.append(layout.timer) }
        paths += catalogChanges.keys.map(layout.catalog)
        try StoreSafety.checkWritable(layout, files: paths)

        // Files made for this change are taken back if it fails before its log is written (a full disk
        // part way through an import's new courses leaves none of them).
        var made: [String] = []
        func takeBack() { for path in made { try? POSIXFile.remove(path) } }
        for key in created.sorted(by: { "\($0)" < "\($1)" }) {
            let path = layout.path(of: key)
            do {
                try POSIXFile.makeDirectory(POSIXFile.parent(path))
                try POSIXFile.createNew(path, with: docs[key]!.bytes)
            } catch {
                takeBack()
                throw error
            }
            made.append(path)
        }
        do throws(StoreError) {
            for key in changed.sorted(by: { "\($0)" < "\($1)" }) {
                let path = layout.path(of: key)
                // An editor saving in place while we worked: keep its bytes, refuse ours.
                let now = ContentHash.of(try POSIXFile.read(path))
                guard now == version(of: key) else {
                    throw .changedElsewhere("\(layout.relative(path)) changed while this change was being saved (an editor saving in place?); nothing was saved for it. Try again")
                }
                try POSIXFile.atomicReplace(path, with: docs[key]!.bytes)
            }
            for (id, bytes) in catalogChanges.sorted(by: { $0.key < $1.key }) {
                if let bytes {
                    try POSIXFile.makeDirectory(layout.catalogs)
                    try POSIXFile.atomicReplace(layout.catalog(id), with: bytes)
                } else {
                    try POSIXFile.remove(layout.catalog(id))
                }
            }
            if logChanged { try writeLog() }
        } catch {
            takeBack()
            throw error
        }
        for key in deleted { try POSIXFile.remove(layout.path(of: key)) }
        if timerChanged {
            if let timer { try POSIXFile.atomicReplace(layout.timer, with: TimerCodec.encode(timer)) } else { try POSIXFile.remove(layout.timer) }
        }
        POSIXFile.fsyncDirectory(layout.directory)
    }

    /// Appends (the common case), or rewrites the log keeping every other line byte for byte.
    private func writeLog() throws(StoreError) {
        let layout = store.layout
        if removed.isEmpty && replaced.isEmpty {
            let before = SessionIndex.Stamp.of(path: layout.log)
            if let bulk {
                // Made again a chunk at a time, numbering courses as they come and noting where each line goes.
                var entries: [SessionIndex.Entry] = []
                entries.reserveCapacity(bulk.count)
                var courses: [String] = []
                var i = 0, offset = 0, course = -1
                let written = try LogAppender.append(to: layout) { chunk in
                    while i < bulk.count, chunk.count < LogAppender.chunkBytes {
                        let s = bulk.made(i)
                        if course < 0 || courses[course] != s.courseID {
                            course = courses.firstIndex(of: s.courseID) ?? { courses.append(s.courseID); return courses.count - 1 }()
                        }
                        let before = chunk.count
                        StudyLogCodec.encode(s, into: &chunk)
                        entries.append(SessionIndex.Entry(start: s.start.epochSeconds, offset: UInt32(clamping: offset), seconds: UInt32(s.durationSeconds),
                                                          course: UInt16(clamping: course)))
                        offset += chunk.count - before
                        i += 1
                    }
                }
                updateIndex(logWas: written.sizeBefore == before?.size ? before : nil) { indexCourses throws(StoreError) in
                    guard written.linesStart + offset <= Int(UInt32.max), courses.count <= SessionIndex.Entry.maxCourses else { return nil }
                    let number = courses.map { id in indexCourses.firstIndex(of: id) ?? { indexCourses.append(id); return indexCourses.count - 1 }() }
                    guard indexCourses.count <= SessionIndex.Entry.maxCourses else { return nil }
                    for k in entries.indices {
                        entries[k].offset += UInt32(written.linesStart)
                        entries[k].course = UInt16(number[Int(entries[k].course)])
                    }
                    return entries
                }
                return
            }
            let (text, starts) = appendedLines ?? appended.reduce(into: ([UInt8](), [Int]())) { lines, s in
                lines.1.append(lines.0.count)
                StudyLogCodec.encode(s, into: &lines.0)
            }
            let written = try LogAppender.append(text, to: layout)
            updateIndex(logWas: written.sizeBefore == before?.size ? before : nil) { courses throws(StoreError) in
                guard written.linesStart + text.count <= Int(UInt32.max) else { return nil }
                return try Self.indexEntries(zip(appended, starts.lazy.map { written.linesStart + $0 }), courses: &courses)
            }
            return
        }
        if let lines = linesOfChangedSessions(), try rewriteTail(changing: lines) { return }
        // An index that vouches for the log as it is read here is carried over, its entries moved with their lines.
        let vouched = index.flatMap { $0.stamp == SessionIndex.Stamp.of(path: layout.log) ? $0 : nil }
        var bytes = try POSIXFile.read(layout.log) ?? Array(StudyLogCodec.header.utf8)
        if let torn = layout.tornTail(of: bytes) {
            try TornRemnant.keep(torn.text, log: layout.log)
            bytes.removeSubrange(torn.range)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + appended.count * 64)
        // A line whose own id is none of these is kept without decoding it (most lines of a long log).
        let changing = Set((removed.map(\.text) + replaced.keys.map(\.text) + oneLine.map(\.text)).map { StudyLogCodec.idWord($0.utf8) })
        var changes: [(offset: Int, oldLength: Int, newLength: Int)] = []
        var written: [(session: StudySession, offset: Int)] = []
        var linesOf: [SessionID: Int] = [:]
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var keep = true
            let lineEnd = end > start && bytes[end - 1] == 13 ? end - 1 : end
            let untouched = bytes.withUnsafeBufferPointer { b in StudyLogCodec.explicitIDWord(b, start, lineEnd).map { !changing.contains($0) } ?? false }
            if !untouched, Self.holdsASession(bytes[start..<end]) {
                var id: SessionID?
                try? StudyLogCodec.scan(Array(bytes[start..<end])) { id = $0.id }
                if let id { linesOf[id, default: 0] += 1 }
                let before = out.count
                if let id, removed.contains(id) { keep = false }
                if let id, let replacement = replaced[id] {
                    written.append((replacement, out.count))
                    StudyLogCodec.encode(replacement, into: &out)
                    keep = false
                }
                if !keep { changes.append((start, min(end + 1, bytes.count) - start, out.count - before)) }
            }
            if keep { out += bytes[start..<min(end + 1, bytes.count)] }
            start = end + 1
        }
        for id in oneLine where linesOf[id, default: 0] != 1 {
            throw .rejected("session \(id) appears \(linesOf[id, default: 0]) times in sessions.log (a copied line?); remove the extra line by hand first")
        }
        if let last = out.last, last != 10 { out.append(10) }
        for s in appended {
            written.append((s, out.count))
            StudyLogCodec.encode(s, into: &out)
        }
        try POSIXFile.atomicReplace(layout.log, with: out)
        AppendMarker.clear(layout)
        carryIndex(vouched, over: changes, adding: written)
    }

    /// Whether a log line (without its line break) holds a session: neither a comment nor blank.
    private static func holdsASession(_ line: ArraySlice<UInt8>) -> Bool {
        line.first.map { $0 != 35 } ?? false && !line.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// The line of each session this transaction edits or removes, as reads through the index found them:
    /// each one a line it must be the only one on (`requireOneLine`), found there alone. nil when one is not
    /// known so, or sessions were read in full or added: then the whole log is rewritten.
    private func linesOfChangedSessions() -> [UInt32: SessionID]? {
        guard logSessions == nil, appended.isEmpty, bulk == nil, let index else { return nil }
        var out: [UInt32: SessionID] = [:]
        for id in removed.union(replaced.keys) {
            let lines = Set(index.linesRead.lazy.filter { $0.id == id }.map(\.offset)).union(searchedLines[id, default: []])
            guard oneLine.contains(id), lines.count == 1 else { return nil }
            out[lines.first!] = id
        }
        return out
    }

    /// Rewrites the log from the first line that changes (`lines`: where they are) to its end, through the
    /// journal, and updates the index in place; every line after it is written again byte for byte.
    /// false, with nothing written, when that is not the cheaper way (a tail longer than the rest of the
    /// log, a log with other names) or a line is not what the index said.
    private func rewriteTail(changing lines: [UInt32: SessionID]) throws(StoreError) -> Bool {
        let layout = store.layout
        guard let index, let from = lines.keys.min().map(Int.init), let stamp = SessionIndex.Stamp.of(path: layout.log), stamp == index.stamp,
              let st = POSIXFile.status(layout.log), st.st_nlink == 1 else { return false }
        let size = Int(stamp.size)
        guard (size - from) * 2 <= size, let old = try POSIXFile.read(layout.log, from: from, count: size - from) else { return false }
        var tail: [UInt8] = []
        tail.reserveCapacity(old.count + 256)
        var changes: [SessionIndex.TailChange] = []
        var rewrites: [(offset: Int, oldLength: Int, newLength: Int)] = []
        var written: [(session: StudySession, offset: Int)] = []
        func entry(_ start: Int64, _ seconds: Int, _ courseID: String, at offset: Int) -> SessionIndex.Entry? {
            guard let course = index.courses.firstIndex(of: courseID), offset <= Int(UInt32.max) else { return nil }
            return SessionIndex.Entry(start: start, offset: UInt32(offset), seconds: UInt32(seconds), course: UInt16(course))
        }
        var start = 0
        while start < old.count {
            let end = old[start...].firstIndex(of: 10) ?? old.count
            let next = min(end + 1, old.count)
            let (was, now) = (from + start, from + tail.count)
            var scanned: StudySession?
            if Self.holdsASession(old[start..<end]) {
                try? StudyLogCodec.scan(Array(old[start..<end])) { l in
                    scanned = StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: l.courseID, note: "")
                }
                guard scanned != nil else { return false }
            }
            if let key = UInt32(exactly: was), let id = lines[key] {
                guard let line = scanned, line.id == id,
                      let oldEntry = entry(line.start.epochSeconds, line.durationSeconds, line.courseID, at: was) else { return false }
                var newEntry: SessionIndex.Entry?
                if let replacement = replaced[id] {
                    StudyLogCodec.encode(replacement, into: &tail)
                    guard let e = entry(replacement.start.epochSeconds, replacement.durationSeconds, replacement.courseID, at: now) else { return false }
                    newEntry = e
                    written.append((replacement, now))
                }
                changes.append(.init(old: oldEntry, new: newEntry))
                rewrites.append((was, next - start, from + tail.count - now))
            } else {
                tail += old[start..<next]
                if let line = scanned, was != now {
                    guard let e = entry(line.start.epochSeconds, line.durationSeconds, line.courseID, at: was) else { return false }
                    var moved = e
                    moved.offset = UInt32(now)
                    changes.append(.init(old: e, new: moved))
                }
            }
            start = next
        }
        guard rewrites.count == lines.count, from + tail.count <= Int(UInt32.max) else { return false }
        try LogJournal.rewriteTail(layout, from: from, sizeBefore: size, with: tail)
        // The index, from the first entry that changes: else written anew from the old one.
        if let now = SessionIndex.Stamp.of(path: layout.log), (try? index.update(changes, stamp: now)) == true { return true }
        carryIndex(index, over: rewrites, adding: written)
        return true
    }

    /// After a rewrite: the index that vouched for the log before, its entries moved as their lines moved,
    /// with the lines written; else none (the next read makes one).
    private func carryIndex(_ old: SessionIndex?, over changes: [(offset: Int, oldLength: Int, newLength: Int)],
                            adding written: [(session: StudySession, offset: Int)]) {
        let layout = store.layout
        do {
            guard let old, let moved = old.entries(afterRewriting: changes), let stamp = SessionIndex.Stamp.of(path: layout.log),
                  (written.last?.offset ?? 0) <= Int(UInt32.max) else { throw StoreError.rejected("not carried") }
            var courses = old.courses
            let entries = moved + (try Self.indexEntries(written.lazy.map { ($0.session, $0.offset) }, courses: &courses))
            try SessionIndex.write(entries, courses: courses, stamp: stamp, to: layout.sessionIndex)
        } catch {
            try? POSIXFile.remove(layout.sessionIndex)
        }
    }

    /// Brings the log's index up to date after an append: extended by the lines just appended (`adding`; nil
    /// when they cannot be indexed) if it vouched for the log as it was just before (`logWas`), made of them
    /// if there was no log before, else removed.
    /// An index is a cache: failing to write one costs the next command a full read, never the change itself.
    private func updateIndex(logWas before: SessionIndex.Stamp?,
                             adding entriesOfNewLines: (inout [String]) throws(StoreError) -> [SessionIndex.Entry]?) {
        let path = store.layout.sessionIndex
        do {
            guard let before, let now = SessionIndex.Stamp.of(path: store.layout.log) else { throw StoreError.rejected("not indexable") }
            let vouched = index?.stamp == before ? index : nil
            guard vouched != nil || before == .absent else { throw StoreError.rejected("the log changed outside this transaction") }
            // The courses of the new lines are numbered after those the index numbers.
            var courses = vouched?.courses ?? []
            guard let entries = try entriesOfNewLines(&courses) else { throw StoreError.rejected("not indexable") }
            if let vouched { try vouched.extend(with: entries, courses: courses, stamp: now) } else { try SessionIndex.write(entries, courses: courses, stamp: now, to: path) }
        } catch {
            try? POSIXFile.remove(path)
        }
    }

    /// Index entries for lines written at these offsets, their courses numbered in `courses` (an id not
    /// there yet is numbered after the others).
    private static func indexEntries<S: Sequence>(_ written: S, courses: inout [String]) throws(StoreError) -> [SessionIndex.Entry]
        where S.Element == (StudySession, Int) {
        var entries: [SessionIndex.Entry] = []
        entries.reserveCapacity(written.underestimatedCount)
        var lastID = "", lastNumber = -1
        for (s, offset) in written {
            if lastNumber < 0 || s.courseID != lastID {
                lastID = s.courseID
                lastNumber = courses.firstIndex(of: s.courseID) ?? { courses.append(s.courseID); return courses.count - 1 }()
            }
            guard lastNumber < SessionIndex.Entry.maxCourses else { throw .rejected("too many courses to number") }
            entries.append(SessionIndex.Entry(start: s.start.epochSeconds, offset: UInt32(offset), seconds: UInt32(s.durationSeconds), course: UInt16(lastNumber)))
        }
        return entries
    }
}

extension Store {
    /// Runs `body` on the store as it is now, under the exclusive lock, and writes what it changed. `body`
    /// may throw to refuse; then nothing is written. A format 1 store is moved to format 2 first.
    /// `tolerating`: a record that may not read, because the change replaces it (`credstack edit`).
    public func transaction<T>(wait: Bool = true, tolerating: RecordKey? = nil, _ body: (inout StoreTransaction) throws -> T) throws -> T {
        switch try format() {
        case nil: throw notFound
        case .legacy?: _ = try migrate(wait: wait)
        case .current?: break
        }
        // Say why before anything else: a folder of another user's, or one others can write, is not written.
        try StoreSafety.checkWritable(layout, files: [])
        let lock = try FileLock(path: layout.lock, exclusive: true, wait: wait)
        defer { withExtendedLifetime(lock) {} }
        try LogJournal.finishInterrupted(layout)
        removeStaleTempFiles()
        var tx = try StoreTransaction(store: self, tolerating: tolerating)
        let result = try body(&tx)
        try tx.commit()
        return result
    }

    /// Temp files left by a process killed mid-save. Only called under the exclusive lock, when no save runs.
    func removeStaleTempFiles() {
        for folder in [directory, layout.courses, layout.pathways] {
            for name in (try? POSIXFile.list(folder)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
                let path = folder + "/" + name
                // Not a save's: the next write of the log reads the marker, then clears it; the index checks itself;
                // a journal is finished before this runs.
                if ![layout.appendMarker, layout.sessionIndex, layout.logJournal].contains(path) { unlink(path) }
            }
        }
    }
}
