#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an `errno` means, in the words credstack uses everywhere.
public enum POSIXText {
    public static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EFBIG: return "the file size limit was reached (ulimit -f, or the file system's largest file)"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such file or folder"
        case EISDIR: return "it is a folder, not a file"
        case ENOTDIR: return "a part of the path is not a folder"
        case ELOOP: return "it is a symbolic link, which credstack does not follow here"
        case EEXIST: return "a file (or a link) is already there"
        default: return String(cString: strerror(code))
        }
    }
}

/// Thin, honest wrappers over the system calls the store needs. Each failure becomes a `StoreError`.
enum POSIXFile {
    /// The whole file, or nil when it does not exist. Follows a symbolic link to its target, but reads only
    /// regular files: a pipe, a device or a socket planted in a store is refused at once, never waited on.
    static func read(_ path: String, limit: Int = Int.max) throws(StoreError) -> [UInt8]? {
        try read(path, limit: limit, regularOnly: true)
    }

    /// `count` bytes of the file from `offset`; nil when it is not there or holds fewer.
    static func read(_ path: String, from offset: Int, count: Int) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, action: "open", code: errno)
        }
        defer { close(fd) }
        return try read(fd, from: offset, count: count, path: path)
    }

    /// `count` bytes of the open file `fd` (named `path` in errors) from `offset`; nil when it holds fewer.
    static func read(_ fd: Int32, from offset: Int, count: Int, path: String) throws(StoreError) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "read", code: errno) }
            if n == 0 { return nil }
            done += n
        }
        return out
    }

    /// Record files are small; a bigger one is not a record (and is not read into memory).
    static let recordLimit = 16 << 20

    /// A regular file of at most `limit` bytes (a device, a pipe or a folder is refused without reading it).
    static func read(_ path: String, limit: Int, regularOnly: Bool) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0))
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, action: "open", code: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .malformed(path: path, line: 1, column: 1, message: "expected a file here, found a folder") }
        if regularOnly && (st.st_mode & S_IFMT) != S_IFREG {
            throw .malformed(path: path, line: 1, column: 1, message: "expected a regular file here, found a device, pipe or socket")
        }
        if Int(st.st_size) > limit {
            throw .malformed(path: path, line: 1, column: 1, message: "the file is \(st.st_size) bytes; at most \(limit) are read here")
        }
        var out = [UInt8]()
        out.reserveCapacity(Int(st.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "read", code: errno) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { throw .malformed(path: path, line: 1, column: 1, message: "the file is larger than the \(limit) bytes read here") }
        }
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>, path: String) throws(StoreError) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + (offset - bytes.startIndex), bytes.endIndex - offset) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "write", code: errno) }
            offset += n
        }
    }

    /// Runs `body` with the signals that end a process (Ctrl-C, a kill, a dropped SSH link) held off: they
    /// land after it, never in the middle of a write that must be whole.
    static func holdingEndingSignals<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        var block = sigset_t()
        var previous = sigset_t()
        sigemptyset(&block)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE] { sigaddset(&block, s) }
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Flushes the folder's entries; false when that failed (most callers can only carry on).
    @discardableResult
    static func fsyncDirectory(_ dir: String) -> Bool {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        let flushed = fsync(fd) == 0
        let e = errno
        close(fd)
        errno = e
        return flushed
    }

    /// Where a write to `path` lands: the path itself, or the target of the symbolic link it is (so a link
    /// into a synced folder stays a link and its target gets the change). A link to nowhere is refused.
    static func writeTarget(_ path: String) throws(StoreError) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            throw .unsafe(path: path, reason: "is a symbolic link to something that does not exist; credstack will not create a file at its target (remove the link, or point it at a file)")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Temp file beside the target, fsync, rename over it, fsync the folder: readers see the old file or the
    /// new one, never half of one. On failure the temp file is removed and the target untouched.
    static func atomicReplace(_ path: String, with bytes: [UInt8]) throws(StoreError) {
        let target = try writeTarget(path)
        let temp = try writeTemp(beside: target, bytes)
        guard rename(temp, target) == 0 else {
            let e = errno
            unlink(temp)
            throw .io(path: path, action: "replace", code: e)
        }
        fsyncDirectory(parent(target))
    }

    /// Replaces what is at `path` itself with `bytes`, atomically: a symbolic link there is replaced, never
    /// followed. For the files credstack alone makes and owns (the log's index), where a link is never the
    /// learner's and writing through one could overwrite anything it points at.
    static func replaceEntry(_ path: String, with bytes: [UInt8]) throws(StoreError) {
        let temp = try writeTemp(beside: path, bytes)
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw .io(path: path, action: "replace", code: e)
        }
    }

    /// Creates `path` with `bytes`, atomically and only if nothing (not even a link) is there. `durably`: the
    /// folder must flush too, or the file is removed again and the call fails (for a file that must surely
    /// be on disk before anything else is written).
    static func createNew(_ path: String, with bytes: [UInt8], durably: Bool = false) throws(StoreError) {
        let temp = try writeTemp(beside: path, bytes)
        defer { unlink(temp) }
        guard link(temp, path) == 0 else { throw .io(path: path, action: "create", code: errno) }
        if !fsyncDirectory(parent(path)) && durably {
            let e = errno
            unlink(path)
            throw .io(path: parent(path), action: "flush (nothing was saved)", code: e)
        }
    }

    private static func writeTemp(beside target: String, _ bytes: [UInt8]) throws(StoreError) -> String {
        let name = target.split(separator: "/").last.map(String.init) ?? target
        let temp = "\(parent(target))/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temp, action: "create", code: errno) }
        do {
            try writeAll(fd, bytes[...], path: target)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard fsync(fd) == 0 else { let e = errno; close(fd); unlink(temp); throw .io(path: target, action: "flush", code: e) }
        close(fd)
        return temp
    }

    /// Opens the log for appending: through a link to an existing file, or created new (never through a link).
    static func openForAppend(_ path: String) throws(StoreError) -> Int32 {
        var fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if fd < 0 && errno == ENOENT {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 && errno == EEXIST {
                throw .unsafe(path: path, reason: "is a symbolic link to something that does not exist; credstack will not create a file at its target (remove the link)")
            }
            // A new file is only there for good once its folder says so.
            if fd >= 0 { fsyncDirectory(parent(path)) }
        }
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        return fd
    }

    static func remove(_ path: String) throws(StoreError) {
        if unlink(path) != 0 && errno != ENOENT { throw .io(path: path, action: "remove", code: errno) }
    }

    /// (size, mtime ns, inode) or nil when missing: cheap to poll for outside changes.
    static func signature(_ path: String) -> FileSignature? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileSignature(size: Int64(st.st_size), modifiedNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                             inode: UInt64(st.st_ino))
    }

    /// Whether something is at `path` (nil), or the errno that says why it cannot be told.
    static func exists(_ path: String) -> Result<Bool, StoreError> {
        var st = stat()
        if stat(path, &st) == 0 { return .success(true) }
        if errno == ENOENT || errno == ENOTDIR { return .success(false) }
        return .failure(.io(path: path, action: "read", code: errno))
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func status(_ path: String, follow: Bool = true) -> stat? {
        var st = stat()
        return (follow ? stat(path, &st) : lstat(path, &st)) == 0 ? st : nil
    }

    /// Names in a folder (without `.` and `..`), or nil when it does not exist.
    static func list(_ dir: String) throws(StoreError) -> [String]? {
        guard let d = opendir(dir) else {
            if errno == ENOENT { return nil }
            throw .io(path: dir, action: "list", code: errno)
        }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates the folder and any missing parents; the last one private (0700).
    static func makeDirectory(_ path: String) throws(StoreError) {
        if isDirectory(path) { return }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, !isDirectory(parent) { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0 && !(errno == EEXIST && isDirectory(path)) {
            throw .io(path: path, action: "create the folder", code: errno == EEXIST ? ENOTDIR : errno)
        }
    }
}

public struct FileSignature: Hashable, Sendable {
    var size: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64
}

/// An advisory `flock` on the store's lock file, held for one read or one read-modify-write.
final class FileLock {
    private let fd: Int32

    /// Told once when a wait for the lock has lasted a second (the command line prints it): who holds it.
    nonisolated(unsafe) static var onLongWait: (@Sendable (String) -> Void)?

    /// `wait: false` gives up with `.busy` after about 100 ms (a quick write from another terminal is waited
    /// out; a held lock never freezes the caller). Waiting polls, so a signal (Ctrl-C) ends a waiting command
    /// as it ends any other.
    init(path: String, exclusive: Bool, wait: Bool = true) throws(StoreError) {
        // A lock file removed (or replaced) while it was waited for locks nothing: the next process makes a
        // new one, and two would hold "the" lock at once. Held only once the file locked is the one there.
        while true {
            let f = try FileLock.lock(path: path, exclusive: exclusive, wait: wait)
            var held = stat(), there = stat()
            if f < 0 || (fstat(f, &held) == 0 && lstat(path, &there) == 0 && held.st_ino == there.st_ino && held.st_dev == there.st_dev) {
                fd = f
                return
            }
            close(f)
        }
    }

    private static func lock(path: String, exclusive: Bool, wait: Bool) throws(StoreError) -> Int32 {
        let f = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if f < 0 {
            let e = errno
            // A read-only store can still be read without a lock.
            if !exclusive, e == EACCES || e == EROFS { return -1 }
            if e == ELOOP { throw .unsafe(path: path, reason: "is a symbolic link; credstack will not lock through it (remove it)") }
            throw .io(path: path, action: "open the lock file", code: e)
        }
        var waited = 0
        while flock(f, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            let e = errno
            if e == EINTR { continue }
            guard e == EWOULDBLOCK else {
                close(f)
                throw .io(path: path, action: "lock", code: e)
            }
            guard wait || waited < 20 else {
                close(f)
                throw .busy("the store is busy: another credstack is writing")
            }
            if !wait {
                waited += 1
                usleep(5_000)
                continue
            }
            if waited == 20 {
                let who = FileLock.holder(of: f).map { " held by process \($0)" } ?? ""
                FileLock.onLongWait?("waiting for the store lock\(who) (Ctrl-C to give up)")
            }
            waited += 1
            usleep(50_000)
        }
        return f
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The process holding a lock on the file, from /proc/locks (Linux); nil when it cannot be told.
    static func holder(of fd: Int32) -> Int32? {
        var st = stat()
        guard fstat(fd, &st) == 0, let text = try? POSIXFile.read("/proc/locks") else { return nil }
        let inode = UInt64(st.st_ino)
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            // "1: FLOCK  ADVISORY  WRITE 1234 00:2f:5678 0 EOF"
            guard f.count >= 6, f[1] == "FLOCK", let pid = Int32(f[4]), let ino = f[5].split(separator: ":").last.flatMap({ UInt64($0) }), ino == inode else { continue }
            return pid
        }
        return nil
    }
}
