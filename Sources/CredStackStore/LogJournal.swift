#if canImport(Glibc)
import Glibc
#endif

/// Rewrites the log from one line on, in place: an edit near the end of a long log writes its tail, not
/// the whole file. A redo journal, as databases keep one, makes it whole whatever stops it.
///
/// The old tail and the new one go first to `.sessions.log.tmp-journal` beside the log (written beside it,
/// flushed, then linked into place with its folder flushed: it is there whole or not at all). Only then is
/// the log written at the offset, cut to its new length and flushed; then the journal is removed and the
/// folder flushed. Whoever takes the store's lock next finds a journal left by a crash and writes it again
/// (`finishInterrupted`): a write does that first thing, and a read steps up to the exclusive lock to do it.
/// Writing it again is harmless when it was all done. So a crash at any moment leaves the old log or the
/// new one, as the next command sees it. The log is written again only when it is what the write could
/// have left (the new tail written over the old one up to some byte): a log changed by anything else since
/// is left alone.
enum LogJournal {
    static let magic: UInt64 = 0x3230_4C4E_524A_5343 // "CSJRNL02"
    /// Magic, the log's device and inode, the offset, the log's size before, a hash of the bytes just before
    /// the offset (what the journal was written against), the new tail's length; the old tail, the new tail;
    /// a hash of all that.
    static let headerWords = 7
    static let contextBytes = 256

    static func isPending(_ layout: StoreLayout) -> Bool {
        var st = stat()
        return lstat(layout.logJournal, &st) == 0
    }

    /// Replaces the log's bytes from `offset` on with `tail`; the log must be `sizeBefore` bytes long.
    /// Once the journal is in place the change is made: a failure after that says so, and the next command
    /// finishes it.
    static func rewriteTail(_ layout: StoreLayout, from offset: Int, sizeBefore: Int, with tail: [UInt8]) throws(StoreError) {
        let path = layout.log
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        guard Int(st.st_size) == sizeBefore, offset <= sizeBefore else {
            throw .changedElsewhere("sessions.log changed while this change was being saved; nothing was saved. Try again")
        }
        let context = try bytes(fd, from: max(0, offset - contextBytes), count: min(offset, contextBytes), path: path)
        var record = words([magic, UInt64(st.st_dev), UInt64(st.st_ino), UInt64(offset), UInt64(sizeBefore), ContentHash.of(context), UInt64(tail.count)])
        record += try bytes(fd, from: offset, count: sizeBefore - offset, path: path)
        record += tail
        record += words([ContentHash.of(record)])
        try POSIXFile.holdingEndingSignals { () throws(StoreError) in
            // The log is not touched until the journal is surely there.
            try POSIXFile.createNew(layout.logJournal, with: record, durably: true)
            crashPointForTests("journal-written")
            do throws(StoreError) {
                try apply(tail, at: offset, to: fd, path: path)
            } catch {
                throw .io(path: path, action: "finish the edit (it is kept in .sessions.log.tmp-journal, and the next credstack command finishes it) in",
                          code: code(of: error))
            }
            crashPointForTests("log-written")
            unlink(layout.logJournal)
            POSIXFile.fsyncDirectory(layout.directory)
        }
    }

    /// Finishes an edit a crash interrupted, if there is one: only under the exclusive lock.
    static func finishInterrupted(_ layout: StoreLayout) throws(StoreError) {
        guard isPending(layout) else { return }
        let journal = layout.logJournal
        let jfd = open(journal, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard jfd >= 0 else {
            if errno == ELOOP { throw .unsafe(path: journal, reason: "is a symbolic link, not credstack's journal; remove it") }
            throw .io(path: journal, action: "open", code: errno)
        }
        var record: [UInt8] = []
        do {
            defer { close(jfd) }
            var st = stat(), log = stat()
            guard fstat(jfd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError.unsafe(path: journal, reason: "is not a file credstack wrote; remove it") }
            // At most the log's tail twice over (and the new tail's growth): a bigger one is not read.
            if stat(layout.log, &log) == 0, Int(st.st_size) <= 3 * Int(log.st_size) + (1 << 20) {
                record = (try? bytes(jfd, from: 0, count: Int(st.st_size), path: journal)) ?? []
            }
        }
        // A journal is linked into place only once it is whole, so one that does not read was damaged, or
        // written by another version: the log may be half written, and only the learner can tell.
        guard let entry = Entry(record) else {
            throw .malformed(path: journal, line: 1, column: 1, message: "this record of an interrupted edit of sessions.log does not read (damaged, or "
                             + "written by another version of credstack), so the edit cannot be finished. Look at the end of sessions.log (the "
                             + "edit may be half written there) and mend it by hand if need be, then remove this file")
        }
        let path = layout.log
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open, to finish an interrupted edit of,", code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        // The log the journal was written for, as the write could have left it: unchanged before the offset,
        // and from there the new tail written over the old one up to some byte. Anything else is a change
        // made since (an editor, a line appended by hand, a restored backup), which the journal must not undo.
        let size = Int(st.st_size)
        // (nil: the log is now shorter than the offset.)
        let context = size < entry.offset ? nil
            : ContentHash.of(try bytes(fd, from: max(0, entry.offset - contextBytes), count: min(entry.offset, contextBytes), path: path))
        // Already done, in this file or one that took its place (a crash after a whole rewrite's rename):
        // only the journal is left to remove.
        if size == entry.offset + entry.newTail.count, context == entry.contextHash,
           try bytes(fd, from: entry.offset, count: entry.newTail.count, path: path) == entry.newTail {
            unlink(journal)
            POSIXFile.fsyncDirectory(layout.directory)
            return
        }
        guard UInt64(st.st_dev) == entry.device, UInt64(st.st_ino) == entry.inode, size >= entry.offset,
              size - entry.offset <= max(entry.oldTail.count, entry.newTail.count),
              context == entry.contextHash, entry.couldHaveLeft(try bytes(fd, from: entry.offset, count: size - entry.offset, path: path)) else {
            throw .changedElsewhere("sessions.log was changed after an edit of it was interrupted; credstack will not write that edit over the change. "
                                    + "Remove .sessions.log.tmp-journal (it holds the interrupted edit's lines) to keep the log as it is")
        }
        do throws(StoreError) {
            try POSIXFile.holdingEndingSignals { () throws(StoreError) in
                if st.st_nlink > 1 {
                    // Linked under another name since the crash: that name keeps what it has.
                    let head = try bytes(fd, from: 0, count: entry.offset, path: path)
                    try POSIXFile.atomicReplace(path, with: head + entry.newTail)
                } else {
                    try apply(entry.newTail, at: entry.offset, to: fd, path: path)
                }
                unlink(journal)
                POSIXFile.fsyncDirectory(layout.directory)
            }
        } catch {
            throw .io(path: path, action: "finish an interrupted edit (kept in .sessions.log.tmp-journal) of", code: code(of: error))
        }
    }

    /// The tail written at `offset`, the log cut after it, and flushed.
    private static func apply(_ tail: [UInt8], at offset: Int, to fd: Int32, path: String) throws(StoreError) {
        var done = 0
        while done < tail.count {
            let n = tail.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, tail.count - done, off_t(offset + done)) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "write", code: errno) }
            done += n
        }
        guard ftruncate(fd, off_t(offset + tail.count)) == 0 else { throw .io(path: path, action: "cut", code: errno) }
        guard fsync(fd) == 0 else { throw .io(path: path, action: "flush", code: errno) }
    }

    private static func code(of error: StoreError) -> Int32 {
        if case .io(_, _, let code) = error { return code }
        return EIO
    }

    /// `count` bytes of the open file from `offset` (one that holds fewer changed under the lock: an I/O error).
    private static func bytes(_ fd: Int32, from offset: Int, count: Int, path: String) throws(StoreError) -> [UInt8] {
        guard let out = try POSIXFile.read(fd, from: offset, count: count, path: path) else { throw .io(path: path, action: "read", code: EIO) }
        return out
    }

    private static func words(_ values: [UInt64]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count * 8)
        out.withUnsafeMutableBytes { raw in for (i, v) in values.enumerated() { raw.storeBytes(of: v.littleEndian, toByteOffset: i * 8, as: UInt64.self) } }
        return out
    }

    /// A journal that reads whole: its hash matches, and its lengths agree.
    private struct Entry {
        var device: UInt64, inode: UInt64, offset: Int, contextHash: UInt64
        var oldTail: [UInt8], newTail: [UInt8]

        init?(_ bytes: [UInt8]) {
            let head = LogJournal.headerWords * 8
            guard bytes.count >= head + 8 else { return nil }
            let w = bytes.withUnsafeBytes { raw in (0..<LogJournal.headerWords).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) } }
            let check = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
            let body = bytes.count - head - 8
            guard w[0] == LogJournal.magic, w[3] <= w[4], w[4] < 1 << 40, w[6] <= UInt64(body),
                  w[4] - w[3] == UInt64(body) - w[6], ContentHash.of(Array(bytes[..<(bytes.count - 8)])) == check else { return nil }
            (device, inode, offset, contextHash) = (w[1], w[2], Int(w[3]), w[5])
            let split = head + body - Int(w[6])
            oldTail = Array(bytes[head..<split])
            newTail = Array(bytes[split..<(head + body)])
            // What it would write must read as the log's lines (whole ones).
            guard newTail.isEmpty || newTail.last == 10, (try? StudyLogCodec.scan(newTail) { _ in }) != nil else { return nil }
        }

        /// Whether `now` (the log from the offset) is what the write could have left: the new tail written
        /// over the old one up to some byte (the file longer only by new bytes), or cut to the new tail.
        func couldHaveLeft(_ now: [UInt8]) -> Bool {
            if now == newTail { return true }
            guard now.count >= oldTail.count else { return false }
            let written = zip(now, newTail).prefix { $0 == $1 }.count
            if now.count > oldTail.count { return written >= now.count }
            return now[written...].elementsEqual(oldTail[written...])
        }
    }

    /// Dies at the named point when the crash tests ask for it (`CREDSTACK_CRASH_AT`; debug builds only), as
    /// a SIGKILL or a power cut there would stop it.
    private static func crashPointForTests(_ name: String) {
        #if DEBUG
        if let at = getenv("CREDSTACK_CRASH_AT"), String(cString: at) == name { _exit(137) }
        #endif
    }
}
