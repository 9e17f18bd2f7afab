#if canImport(Glibc)
import Glibc
#endif

/// Rewrites the log from one line on, in place: an edit near the end of a long log writes its tail, not
/// the whole file. A redo journal, as databases keep one, makes it whole whatever stops it.
///
/// The new tail goes first to `.sessions.log.tmp-journal` beside the log (written beside it, flushed, then
/// linked into place with its folder flushed: it is there whole or not at all). Only then is the log
/// written at the offset, cut to its new length and flushed; then the journal is removed and the folder
/// flushed. Whoever takes the store's lock next finds a journal left by a crash and writes it again
/// (`finishInterrupted`): a write does that first thing, and a read steps up to the exclusive lock to do it.
/// Writing it again is harmless when it was all done. So a crash at any moment leaves the old log or the
/// new one, as the next command sees it.
enum LogJournal {
    static let magic: UInt64 = 0x3130_4C4E_524A_5343 // "CSJRNL01"
    /// Magic, the log's device and inode, the offset, the log's size before, a hash of the bytes just before
    /// the offset (what the journal was written against), the tail's length; the tail; a hash of all that.
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
        var record = words([magic, UInt64(st.st_dev), UInt64(st.st_ino), UInt64(offset), UInt64(sizeBefore),
                            ContentHash.of(try context(fd, before: offset, path: path)), UInt64(tail.count)]) + tail
        record += words([ContentHash.of(record)])
        try POSIXFile.holdingEndingSignals { () throws(StoreError) in
            try POSIXFile.createNew(layout.logJournal, with: record)
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
        let bytes: [UInt8]
        do {
            defer { close(jfd) }
            var st = stat()
            guard fstat(jfd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError.unsafe(path: journal, reason: "is not a file credstack wrote; remove it") }
            bytes = try POSIXFile.read(journal, limit: Int(st.st_size) + 1) ?? []
        }
        guard let entry = Entry(bytes) else {
            // Not whole: the log was never touched (a journal is only used once it is there whole).
            unlink(journal)
            POSIXFile.fsyncDirectory(layout.directory)
            return
        }
        let path = layout.log
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open, to finish an interrupted edit of,", code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        // The log the journal was written for, unchanged before the offset: else someone changed it since
        // (an editor, a restored backup), and writing the journal over that would lose their change.
        guard UInt64(st.st_dev) == entry.device, UInt64(st.st_ino) == entry.inode, Int(st.st_size) >= entry.offset,
              ContentHash.of(try context(fd, before: entry.offset, path: path)) == entry.contextHash else {
            throw .unsafe(path: path, reason: "was changed after an edit of it was interrupted; credstack will not write that edit over the change. "
                          + "Remove .sessions.log.tmp-journal (the interrupted edit's lines) to keep the log as it is")
        }
        do throws(StoreError) {
            try POSIXFile.holdingEndingSignals { () throws(StoreError) in
                try apply(entry.tail, at: entry.offset, to: fd, path: path)
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

    /// Up to `contextBytes` of the log just before `offset`.
    private static func context(_ fd: Int32, before offset: Int, path: String) throws(StoreError) -> [UInt8] {
        let n = min(offset, contextBytes)
        var out = [UInt8](repeating: 0, count: n)
        guard n == 0 || out.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, n, off_t(offset - n)) }) == n else {
            throw .io(path: path, action: "read", code: errno)
        }
        return out
    }

    private static func words(_ values: [UInt64]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count * 8)
        out.withUnsafeMutableBytes { raw in for (i, v) in values.enumerated() { raw.storeBytes(of: v.littleEndian, toByteOffset: i * 8, as: UInt64.self) } }
        return out
    }

    /// A journal that reads whole: its hash matches.
    private struct Entry {
        var device: UInt64, inode: UInt64, offset: Int, contextHash: UInt64
        var tail: [UInt8]

        init?(_ bytes: [UInt8]) {
            let head = LogJournal.headerWords * 8
            guard bytes.count >= head + 8 else { return nil }
            let w = bytes.withUnsafeBytes { raw in (0..<LogJournal.headerWords).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) } }
            let check = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
            guard w[0] == LogJournal.magic, w[6] == UInt64(bytes.count - head - 8), w[3] < 1 << 40,
                  ContentHash.of(Array(bytes[..<(bytes.count - 8)])) == check else { return nil }
            (device, inode, offset, contextHash) = (w[1], w[2], Int(w[3]), w[5])
            tail = Array(bytes[head..<(bytes.count - 8)])
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
