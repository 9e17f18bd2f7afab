import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

/// A checkpoint beside the study log, so that a write does not re-read a log that has not changed: the
/// log's identity as it was last read in full and checked (device, inode, size, modification and change
/// times, a hash of its last bytes), and each session's start, length and line offset, sorted by start.
/// A write finds the sessions around a time by binary search and reads only their lines.
///
/// It vouches for the log only while the log is byte for byte what it saw: any write to the file, by an
/// editor, git or another program, changes its change time, and then the index is not used (the log is
/// read in full and checked, and a fresh index is written). Only writers, under the exclusive lock, write
/// it. It holds nothing the log does not: deleting it loses nothing. Named like a temp file, so every
/// store's `.gitignore` already leaves it out; the stale-temp-file sweep spares it.
///
/// Format (machine-local, little-endian): a 104-byte header; the course table (the ids entries number, one a
/// line, zero-padded to its capacity); then 16-byte entries (start seconds, offset, length in the low 17
/// bits and course number above), the first `sortedCount` sorted by start, then at most `unsortedLimit`
/// appended out of order. With the course numbers, totals over the whole log (`report`) come from the
/// entries alone.
final class SessionIndex {
    struct Entry: Equatable {
        var start: Int64
        var offset: UInt32
        /// Seconds and course in one word, as the file holds them: an import of millions keeps 16 bytes each.
        private var packed: UInt32

        init(start: Int64, offset: UInt32, seconds: UInt32, course: UInt16) {
            self.start = start
            self.offset = offset
            packed = (seconds & Entry.secondsMask) | UInt32(course) << Entry.secondsBits
        }

        var seconds: UInt32 { packed & Entry.secondsMask }
        /// The course's line in the course table.
        var course: UInt16 {
            get { UInt16(truncatingIfNeeded: packed >> Entry.secondsBits) }
            set { packed = (packed & Entry.secondsMask) | UInt32(newValue) << Entry.secondsBits }
        }

        /// Seconds fit 17 bits (a session lasts at most a day), course numbers the 15 above.
        static let secondsBits: UInt32 = 17
        static let secondsMask: UInt32 = 1 << secondsBits - 1
        static let maxCourses = 1 << 15

        /// A length the log allows and a start within the calendar's years: what folding it into days needs.
        var isPlausible: Bool {
            seconds >= 1 && seconds <= UInt32(Limits.sessionSeconds) && start >= Entry.earliest && start <= Entry.latest
        }
        private static let earliest = Int64(LocalDate.first.daysSinceEpoch - 2) * 86_400
        private static let latest = Int64(LocalDate.last.daysSinceEpoch + 2) * 86_400

        static func order(_ a: Entry, _ b: Entry) -> Bool { a.start != b.start ? a.start < b.start : a.offset < b.offset }
    }

    /// What identifies the log's bytes. A write to the file always changes its change time (which no
    /// program can set back); the tail hash catches a write within the same clock tick.
    struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64
        var tailHash: UInt64

        static let tailBytes = 4096

        /// The stamp of the open file `fd` (nil when it cannot be read).
        static func of(_ fd: Int32) -> Stamp? {
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            let size = Int(st.st_size)
            let n = min(size, tailBytes)
            var tail = [UInt8](repeating: 0, count: n)
            guard n == 0 || tail.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, n, off_t(size - n)) }) == n else { return nil }
            return Stamp(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(size),
                         modified: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec),
                         changed: Int64(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctim.tv_nsec),
                         tailHash: ContentHash.of(tail))
        }

        /// No log yet: what a first write starts from.
        static let absent = Stamp(device: 0, inode: 0, size: 0, modified: 0, changed: 0, tailHash: 0)

        static func of(path: String) -> Stamp? {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { return errno == ENOENT ? .absent : nil }
            defer { close(fd) }
            return of(fd)
        }
    }

    static let magic: UInt64 = 0x3458_4449_4B43_5343 // "CSCKIDX4"
    static let headerSize = 104
    static let entrySize = 16
    /// Entries appended out of start order before the index is rewritten sorted (64 KiB of them).
    static let unsortedLimit = 4096

    let path: String
    private(set) var stamp: Stamp
    private(set) var sortedCount: Int
    private(set) var count: Int
    /// A hash of every entry's bytes at its position (`entriesHash(_:from:)`): a pass over all entries
    /// (totals, the dashboard's history) checks it, so an entry changed in place is not believed.
    private(set) var entriesHash: UInt64
    /// Where each session read through this index has its line, kept while `recordsLines` (a write that
    /// changes those lines rewrites the log from the first of them, not the whole log).
    var recordsLines = false
    private(set) var linesRead: [(id: SessionID, offset: UInt32)] = []
    /// The course ids entries number, and the bytes kept for them before the first entry.
    private(set) var courses: [String]
    private let tableCapacity: Int
    /// The index file and the log it vouches for, both open for reading.
    private let fd: Int32
    private let logFD: Int32

    private init(path: String, header: Header, courses: [String], fd: Int32, logFD: Int32) {
        self.path = path
        stamp = header.stamp
        sortedCount = header.sortedCount
        count = header.count
        entriesHash = header.entriesHash
        tableCapacity = header.tableCapacity
        self.courses = courses
        self.fd = fd
        self.logFD = logFD
    }

    private var entriesStart: Int { SessionIndex.headerSize + tableCapacity }

    deinit {
        close(fd)
        close(logFD)
    }

    /// The store's index when it vouches for the log as it is now and for `learner`: nil when there is none,
    /// it does not read, the log changed since it was written, the log ends in a line without its line
    /// break (cut, or typed by hand: the full read says which), or a course it numbers has no file (a
    /// course file removed by hand: the full read names the lines that need it).
    static func open(_ layout: StoreLayout, for learner: Learner) -> SessionIndex? {
        let fd = Glibc.open(layout.sessionIndex, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        let logFD = Glibc.open(layout.log, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard logFD >= 0 else { close(fd); return nil }
        var header = [UInt8](repeating: 0, count: headerSize)
        var st = stat()
        // One name only: an index also reachable by another (a hard-linked copy of the store) is not extended in place.
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, headerSize, 0) }) == headerSize, fstat(fd, &st) == 0, st.st_nlink == 1,
              let fields = Header(header), let now = Stamp.of(logFD), now == fields.stamp,
              Int(st.st_size) == headerSize + fields.tableCapacity + fields.count * entrySize,
              endsOnLineBreak(logFD, size: now.size),
              let courses = readTable(fd, fields), courses.allSatisfy({ learner.course($0) != nil }) else {
            close(fd)
            close(logFD)
            return nil
        }
        return SessionIndex(path: layout.sessionIndex, header: fields, courses: courses, fd: fd, logFD: logFD)
    }

    private static func endsOnLineBreak(_ fd: Int32, size: Int64) -> Bool {
        var last: UInt8 = 0
        return size == 0 || (pread(fd, &last, 1, off_t(size - 1)) == 1 && last == 10)
    }

    /// The course table, checked against the hash its header keeps.
    private static func readTable(_ fd: Int32, _ header: Header) -> [String]? {
        var table = [UInt8](repeating: 0, count: header.tableCapacity)
        guard table.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, header.tableCapacity, off_t(headerSize)) }) == header.tableCapacity else { return nil }
        let used = Array(table.prefix { $0 != 0 })
        guard ContentHash.of(used) == header.tableHash else { return nil }
        return used.isEmpty ? [] : used.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func tableBytes(_ courses: [String]) -> [UInt8] { Array(courses.joined(separator: "\n").utf8) }

    /// Room for the table and about a hundred more ids, in whole 4 KiB pages.
    private static func capacity(for table: [UInt8]) -> Int { (table.count + 4096) / 4096 * 4096 }

    /// Every entry, in file order, a chunk at a time (false: the index could not be read to the end, or
    /// its entries are not the ones hashed in its header; what `body` was given is then not to be used).
    func forEachEntry(_ body: (Entry) -> Void) -> Bool {
        var at = 0
        var hash: UInt64 = 0
        while at < count {
            let n = min(4096, count - at)
            guard let raw = readRaw(at, n) else { return false }
            hash &+= SessionIndex.entriesHash(raw, from: at)
            SessionIndex.decode(raw).forEach(body)
            at += n
        }
        return hash == entriesHash
    }

    /// The hash of entries' bytes lying from entry `position` on: each entry mixed with its position, and the
    /// mixes summed. A sum, so changing the entries from some position on (an edit near the log's end)
    /// takes out their old terms and adds the new ones without reading the entries before them.
    static func entriesHash(_ bytes: [UInt8], from position: Int) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var sum: UInt64 = 0
            for i in 0..<(raw.count / entrySize) {
                var h = UInt64(truncatingIfNeeded: position + i + 1) &* 0x9E37_79B9_7F4A_7C15
                h = (h ^ raw.loadUnaligned(fromByteOffset: i * entrySize, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                h = (h ^ raw.loadUnaligned(fromByteOffset: i * entrySize + 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
                sum &+= h ^ (h >> 29)
            }
            return sum
        }
    }

    /// The entries whose session starts in `range` (nil when the index cannot be read).
    func entries(startingIn range: Range<Int64>) -> [Entry]? {
        var out: [Entry] = []
        guard var at = firstSorted(where: { $0.start < range.lowerBound }) else { return nil }
        scan: while at < sortedCount {
            guard let chunk = read(at, min(256, sortedCount - at)) else { return nil }
            for e in chunk {
                if e.start >= range.upperBound { break scan }
                out.append(e)
            }
            at += chunk.count
        }
        if count > sortedCount {
            guard let unsorted = read(sortedCount, count - sortedCount) else { return nil }
            out += unsorted.filter { range.contains($0.start) }
        }
        return out.sorted(by: Entry.order)
    }

    /// The sessions that start in `range`, their lines read and checked as the full read checks them (each
    /// line what its entry says, its course one of `learner`'s); nil when the index cannot say.
    func sessions(startingIn range: Range<Int64>, of learner: Learner) -> [StudySession]? {
        entries(startingIn: range).flatMap { sessions(at: $0, of: learner) }
    }

    /// The sessions whose entries `matching` picks, oldest first, read and checked as above.
    func sessions(where matching: (Entry) -> Bool, of learner: Learner) -> [StudySession]? {
        var picked: [Entry] = []
        guard forEachEntry({ if matching($0) { picked.append($0) } }) else { return nil }
        return sessions(at: picked.sorted(by: Entry.order), of: learner)
    }

    private func sessions(at entries: [Entry], of learner: Learner) -> [StudySession]? {
        var out = [StudySession?](repeating: nil, count: entries.count)
        // In the log's order, a block at a time: the lines of a course studied every day lie close together,
        // and one read brings in hundreds of them.
        var block: [UInt8] = []
        var blockStart = 0
        for i in entries.indices.sorted(by: { entries[$0].offset < entries[$1].offset }) {
            let entry = entries[i]
            let at = Int(entry.offset)
            var line: ArraySlice<UInt8>?
            if at >= blockStart, at < blockStart + block.count, let end = block[(at - blockStart)...].firstIndex(of: 10) {
                line = block[(at - blockStart)..<end]
            } else if let read = readBlock(at: at, size: entries.count <= 16 ? 1 << 12 : 1 << 16), let end = read.firstIndex(of: 10) {
                (block, blockStart) = (read, at)
                line = block[..<end]
            } else if let whole = self.line(at: entry.offset) {
                line = whole[...]
            }
            guard let line else { return nil }
            try? StudyLogCodec.scan(Array(line)) { l in
                guard l.start.epochSeconds == entry.start, l.seconds == Int(entry.seconds), Int(entry.course) < courses.count,
                      courses[Int(entry.course)] == l.courseID, let course = learner.course(l.courseID) else { return }
                out[i] = StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: course.id,
                                      note: l.note.isEmpty ? "" : String(decoding: l.note, as: UTF8.self))
            }
            guard let found = out[i] else { return nil }
            if recordsLines { linesRead.append((found.id, entry.offset)) }
        }
        return out.map { $0! }
    }

    /// Up to `size` bytes of the log from `offset` (nil when it cannot be read).
    private func readBlock(at offset: Int, size: Int) -> [UInt8]? {
        let n = min(size, Int(stamp.size) - offset)
        guard n > 0 else { return nil }
        let buffer = [UInt8](unsafeUninitializedCapacity: n) { b, count in count = max(0, pread(logFD, b.baseAddress, n, off_t(offset))) }
        return buffer.isEmpty ? nil : buffer
    }

    /// The start of the `n`th latest session `matching` picks (`.some(nil)`: fewer than `n`), walking back
    /// from the end; nil when the index cannot be read.
    func start(ofLatest n: Int, where matching: (Entry) -> Bool) -> Int64?? {
        guard n > 0, let unsorted = read(sortedCount, count - sortedCount) else { return nil }
        var starts = unsorted.filter(matching).map(\.start)
        var found = 0
        var end = sortedCount
        // A few entries first (the latest one is what an edit of @1 needs), then more each time.
        var chunk = 64
        while end > 0, found < n {
            let from = max(0, end - chunk)
            chunk = min(chunk * 4, 4096)
            guard let chunk = read(from, end - from) else { return nil }
            for e in chunk.reversed() where matching(e) && found < n {
                starts.append(e.start)
                found += 1
            }
            end = from
        }
        guard starts.count >= n else { return .some(nil) }
        return .some(starts.sorted(by: >)[n - 1])
    }

    /// The `n` latest sessions (on `courseID`, or any) in time order, read and checked as above; nil when
    /// the index cannot say.
    func latest(_ n: Int, courseID: String?, of learner: Learner) -> [StudySession]? {
        // A course the index does not number has no sessions.
        let number = courseID.map { courses.firstIndex(of: $0) ?? -1 }
        let matching = { (e: Entry) in number == nil || Int(e.course) == number }
        guard let threshold = start(ofLatest: n, where: matching) else { return nil }
        // All courses: the entries from the threshold on, by binary search. One course: a pass over the
        // entries picks its lines alone, however far back the threshold lies.
        let from = threshold ?? .min
        guard let found = number == nil ? sessions(startingIn: from..<Int64.max, of: learner)
                : sessions(where: { matching($0) && $0.start >= from }, of: learner) else { return nil }
        return Array(found.sorted(by: StudySession.timeOrder).suffix(n))
    }

    /// The earliest start in the log (`.some(nil)`: no sessions); nil when the index cannot be read.
    var earliestStart: Int64?? {
        guard let first = sortedCount > 0 ? read(0, 1) : [], let unsorted = read(sortedCount, count - sortedCount) else { return nil }
        return .some((first + unsorted).map(\.start).min())
    }

    /// The bytes of the log line at `offset`, without its line break (nil when it cannot be read).
    func line(at offset: UInt32) -> [UInt8]? {
        var out: [UInt8] = []
        var at = off_t(offset)
        var chunk = [UInt8](repeating: 0, count: 512)
        while at < off_t(stamp.size) {
            let n = chunk.withUnsafeMutableBytes { pread(logFD, $0.baseAddress, $0.count, at) }
            guard n > 0 else { return nil }
            if let end = chunk[0..<n].firstIndex(of: 10) { return out + chunk[0..<end] }
            out += chunk[0..<n]
            at += off_t(n)
        }
        return out
    }

    private func read(_ first: Int, _ n: Int) -> [Entry]? {
        readRaw(first, n).map(SessionIndex.decode)
    }

    private func readRaw(_ first: Int, _ n: Int) -> [UInt8]? {
        let bytes = n * SessionIndex.entrySize
        let buffer = [UInt8](unsafeUninitializedCapacity: bytes) { b, count in
            count = max(0, pread(fd, b.baseAddress, bytes, off_t(entriesStart + first * SessionIndex.entrySize)))
        }
        return buffer.count == bytes ? buffer : nil
    }

    private static func decode(_ buffer: [UInt8]) -> [Entry] {
        buffer.withUnsafeBytes { raw in
            (0..<(buffer.count / SessionIndex.entrySize)).map { i in
                let base = i * SessionIndex.entrySize
                let packed = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self))
                return Entry(start: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: Int64.self)),
                             offset: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self)),
                             seconds: packed & ((1 << Entry.secondsBits) - 1), course: UInt16(packed >> Entry.secondsBits))
            }
        }
    }

    /// Every entry moved as a rewrite of the log moved its line. `changes` are the lines the rewrite
    /// replaced or dropped (old offset, old and new length with the line break), in log order; their own
    /// entries are dropped (the caller adds the lines written in their place). nil when the index cannot
    /// be read.
    func entries(afterRewriting changes: [(offset: Int, oldLength: Int, newLength: Int)]) -> [Entry]? {
        let changed = Set(changes.map(\.offset))
        var shifts: [(from: Int, by: Int)] = []
        var total = 0
        for c in changes {
            total += c.newLength - c.oldLength
            shifts.append((c.offset + c.oldLength, total))
        }
        var out: [Entry] = []
        out.reserveCapacity(count)
        var fits = true
        guard forEachEntry({ e in
            let o = Int(e.offset)
            guard !changed.contains(o) else { return }
            // The shift of the last change before this line.
            var lo = 0, hi = shifts.count
            while lo < hi { let mid = (lo + hi) / 2; if shifts[mid].from <= o { lo = mid + 1 } else { hi = mid } }
            let moved = o + (lo == 0 ? 0 : shifts[lo - 1].by)
            guard moved >= 0, moved <= Int(UInt32.max) else { fits = false; return }
            var m = e
            m.offset = UInt32(moved)
            out.append(m)
        }), fits else { return nil }
        return out
    }

    // MARK: writing (under the exclusive lock)

    /// Adds the entries of lines just appended, numbering their courses in `courses` (this index's table,
    /// with any new ids after it), and vouches for the log as it is now (`stamp`). Written in place when they
    /// keep the order or fit the unsorted area, and the table its room; otherwise the index is rewritten.
    func extend(with new: [Entry], courses: [String], stamp: Stamp) throws(StoreError) {
        let unsorted = count - sortedCount
        let last = sortedCount > 0 ? read(sortedCount - 1, 1)?.first : nil
        let inOrder = unsorted == 0 && !(last.flatMap { l in new.first.map { Entry.order($0, l) } } ?? false)
            && zip(new, new.dropFirst()).allSatisfy { !Entry.order($1, $0) }
        let table = SessionIndex.tableBytes(courses)
        guard (inOrder || unsorted + new.count <= SessionIndex.unsortedLimit), table.count < tableCapacity else {
            var all: [Entry] = []
            all.reserveCapacity(count + new.count)
            guard forEachEntry({ all.append($0) }) else { throw .io(path: path, action: "read", code: EIO) }
            try SessionIndex.write(all + new, courses: courses, stamp: stamp, to: path)
            return
        }
        let w = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard w >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(w) }
        func put(_ bytes: [UInt8], at offset: Int) throws(StoreError) {
            guard bytes.withUnsafeBytes({ pwrite(w, $0.baseAddress, bytes.count, off_t(offset)) }) == bytes.count else {
                throw .io(path: path, action: "write", code: errno)
            }
        }
        if courses != self.courses { try put(table, at: SessionIndex.headerSize) }
        let newBytes = SessionIndex.encode(new)
        try put(newBytes, at: entriesStart + count * SessionIndex.entrySize)
        // The entries are on disk before the header that counts them: a crash between leaves the old
        // header, whose stamp no longer matches the log.
        guard fdatasync(w) == 0 else { throw .io(path: path, action: "flush", code: errno) }
        let hash = entriesHash &+ SessionIndex.entriesHash(newBytes, from: count)
        let header = Header(stamp: stamp, sortedCount: inOrder ? sortedCount + new.count : sortedCount, count: count + new.count,
                            tableCapacity: tableCapacity, tableHash: ContentHash.of(table), entriesHash: hash)
        try put(header.bytes, at: 0)
        self.stamp = stamp
        if inOrder { sortedCount += new.count }
        count += new.count
        entriesHash = hash
        self.courses = courses
    }

    /// What a rewrite of the log's tail did to a line with an entry: moved it (`new` the same session at its
    /// new offset), replaced it, or removed it (`new` nil).
    struct TailChange {
        var old: Entry
        var new: Entry?
    }

    /// The most entries a tail rewrite updates in place (1 MiB of them); past that the index is rewritten.
    static let tailUpdateLimit = 1 << 16

    /// Updates the entries of the lines a rewrite of the log's tail moved, replaced or removed, writing the
    /// entries from the first that changes on and nothing before it, and vouches for the log as it is now
    /// (`stamp`). false, with nothing written, when an entry is not as the caller says or too many would
    /// be written: the caller then writes the index anew.
    func update(_ changes: [TailChange], stamp: Stamp) throws(StoreError) -> Bool {
        guard changes.count <= SessionIndex.tailUpdateLimit, let unsorted = read(sortedCount, count - sortedCount) else { return false }
        let unsortedOffsets = Set(unsorted.map(\.offset))
        var first = count
        for c in changes {
            if let at = sortedPosition(of: c.old) { first = min(first, at) } else {
                guard unsortedOffsets.contains(c.old.offset) else { return false }
                first = min(first, sortedCount)
            }
            // A new start goes among the sorted entries: everything before `first` must start earlier.
            if let n = c.new, n.start != c.old.start {
                guard let at = firstSorted(where: { $0.start < n.start }) else { return false }
                first = min(first, at)
            }
        }
        guard count - first <= SessionIndex.tailUpdateLimit, let raw = readRaw(first, count - first) else { return false }
        var byOffset: [UInt32: TailChange] = [:]
        for c in changes { byOffset[c.old.offset] = c }
        var sortedPart: [Entry] = [], unsortedPart: [Entry] = []
        var applied = 0
        for (i, e) in SessionIndex.decode(raw).enumerated() {
            var kept: Entry? = e
            if let c = byOffset[e.offset] {
                guard c.old == e else { return false }
                applied += 1
                kept = c.new
            }
            guard let kept else { continue }
            if first + i < sortedCount { sortedPart.append(kept) } else { unsortedPart.append(kept) }
        }
        guard applied == changes.count else { return false }
        sortedPart.sort(by: Entry.order)
        if first > 0, let head = sortedPart.first {
            guard let before = read(first - 1, 1)?.first, !Entry.order(head, before) else { return false }
        }
        let bytes = SessionIndex.encode(sortedPart + unsortedPart)
        let w = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard w >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(w) }
        let end = entriesStart + first * SessionIndex.entrySize + bytes.count
        // The entries first, then the header: a crash between leaves the old header, whose stamp (and
        // count) no longer match the log and the file.
        guard bytes.withUnsafeBytes({ pwrite(w, $0.baseAddress, bytes.count, off_t(entriesStart + first * SessionIndex.entrySize)) }) == bytes.count,
              ftruncate(w, off_t(end)) == 0, fdatasync(w) == 0 else { throw .io(path: path, action: "write", code: errno) }
        let hash = entriesHash &- SessionIndex.entriesHash(raw, from: first) &+ SessionIndex.entriesHash(bytes, from: first)
        let header = Header(stamp: stamp, sortedCount: first + sortedPart.count, count: first + sortedPart.count + unsortedPart.count,
                            tableCapacity: tableCapacity, tableHash: ContentHash.of(SessionIndex.tableBytes(courses)), entriesHash: hash)
        guard header.bytes.withUnsafeBytes({ pwrite(w, $0.baseAddress, SessionIndex.headerSize, 0) }) == SessionIndex.headerSize else {
            throw .io(path: path, action: "write", code: errno)
        }
        self.stamp = stamp
        sortedCount = header.sortedCount
        count = header.count
        entriesHash = hash
        return true
    }

    /// The position of `entry` among the sorted entries, if it is one of them.
    private func sortedPosition(of entry: Entry) -> Int? {
        guard let at = firstSorted(where: { Entry.order($0, entry) }), at < sortedCount, read(at, 1)?.first == entry else { return nil }
        return at
    }

    /// By binary search, the first sorted entry that `before` is false for (`sortedCount`: none); `before`
    /// must hold for a prefix of the sorted entries. nil when the index cannot be read.
    private func firstSorted(where before: (Entry) -> Bool) -> Int? {
        var lo = 0, hi = sortedCount
        while lo < hi {
            let mid = (lo + hi) / 2
            guard let e = read(mid, 1)?.first else { return nil }
            if before(e) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A whole new index of `entries` (any order) numbering `courses`, vouching for the log as `stamp` says.
    static func write(_ entries: [Entry], courses: [String], stamp: Stamp, to path: String) throws(StoreError) {
        let sorted = entries.sorted(by: Entry.order)
        let table = tableBytes(courses)
        let capacity = capacity(for: table)
        let entries = encode(sorted)
        var bytes = Header(stamp: stamp, sortedCount: sorted.count, count: sorted.count, tableCapacity: capacity, tableHash: ContentHash.of(table),
                           entriesHash: entriesHash(entries, from: 0)).bytes
        bytes += table + [UInt8](repeating: 0, count: capacity - table.count)
        bytes += entries
        try POSIXFile.replaceEntry(path, with: bytes)
    }

    private static func encode(_ entries: [Entry]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: entries.count * entrySize)
        out.withUnsafeMutableBytes { raw in
            for (i, e) in entries.enumerated() {
                raw.storeBytes(of: e.start.littleEndian, toByteOffset: i * entrySize, as: Int64.self)
                raw.storeBytes(of: e.offset.littleEndian, toByteOffset: i * entrySize + 8, as: UInt32.self)
                let packed = e.seconds | UInt32(e.course) << Entry.secondsBits
                raw.storeBytes(of: packed.littleEndian, toByteOffset: i * entrySize + 12, as: UInt32.self)
            }
        }
        return out
    }

    /// The header: magic, the stamp, the counts, and a hash of all of it (a torn header does not read).
    private struct Header {
        var stamp: Stamp
        var sortedCount: Int
        var count: Int
        var tableCapacity: Int
        var tableHash: UInt64
        var entriesHash: UInt64

        init(stamp: Stamp, sortedCount: Int, count: Int, tableCapacity: Int, tableHash: UInt64, entriesHash: UInt64) {
            self.stamp = stamp
            self.sortedCount = sortedCount
            self.count = count
            self.tableCapacity = tableCapacity
            self.tableHash = tableHash
            self.entriesHash = entriesHash
        }

        init?(_ bytes: [UInt8]) {
            guard bytes.count == SessionIndex.headerSize else { return nil }
            let words = bytes.withUnsafeBytes { raw in (0..<13).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) } }
            guard words[0] == SessionIndex.magic, words[12] == ContentHash.of(Array(bytes[0..<96])) else { return nil }
            stamp = Stamp(device: words[1], inode: words[2], size: Int64(bitPattern: words[3]), modified: Int64(bitPattern: words[4]),
                          changed: Int64(bitPattern: words[5]), tailHash: words[6])
            sortedCount = Int(truncatingIfNeeded: words[7])
            count = Int(truncatingIfNeeded: words[8])
            tableCapacity = Int(truncatingIfNeeded: words[9])
            tableHash = words[10]
            entriesHash = words[11]
            guard sortedCount >= 0, count >= sortedCount, count - sortedCount <= SessionIndex.unsortedLimit, count < 1 << 32,
                  tableCapacity > 0, tableCapacity <= 1 << 24 else { return nil }
        }

        var bytes: [UInt8] {
            let words: [UInt64] = [SessionIndex.magic, stamp.device, stamp.inode, UInt64(bitPattern: stamp.size), UInt64(bitPattern: stamp.modified),
                                   UInt64(bitPattern: stamp.changed), stamp.tailHash, UInt64(sortedCount), UInt64(count), UInt64(tableCapacity), tableHash,
                                   entriesHash]
            var out = [UInt8](repeating: 0, count: SessionIndex.headerSize)
            out.withUnsafeMutableBytes { raw in for (i, w) in words.enumerated() { raw.storeBytes(of: w.littleEndian, toByteOffset: i * 8, as: UInt64.self) } }
            let check = ContentHash.of(Array(out[0..<96]))
            out.withUnsafeMutableBytes { $0.storeBytes(of: check.littleEndian, toByteOffset: 96, as: UInt64.self) }
            return out
        }
    }
}
