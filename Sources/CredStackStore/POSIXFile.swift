#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum POSIXText {
    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "the disk is full"
        case EFBIG: return "the file would exceed the allowed size"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such file or folder"
        case EISDIR: return "it is a folder, not a file"
        case ENOTDIR: return "a part of the path is not a folder"
        default: return String(cString: strerror(code))
        }
    }
}

/// Thin, honest wrappers over the system calls the store needs. Each failure becomes a `StoreError.io`.
enum POSIXFile {
    /// The whole file, or nil when it does not exist.
    static func read(_ path: String) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, action: "open", code: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .malformed(path: path, line: 1, column: 1, message: "expected a file here, found a folder") }
        var out = [UInt8]()
        out.reserveCapacity(Int(st.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "read", code: errno) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: path, action: "write", code: errno) }
            offset += n
        }
    }

    static func fsyncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Temp file in the same folder, fsync, rename over the target, fsync the folder: readers see the old
    /// file or the new one, never half of one. On failure the temp file is removed and the target untouched.
    static func atomicReplace(_ path: String, with bytes: [UInt8], directory: String) throws(StoreError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temp = "\(directory)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temp, action: "create", code: errno) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        do {
            try writeAll(fd, bytes, path: path)
        } catch {
            close(fd)
            throw error
        }
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw .io(path: path, action: "flush", code: e) }
        close(fd)
        guard rename(temp, path) == 0 else { throw .io(path: path, action: "replace", code: errno) }
        ok = true
        fsyncDirectory(directory)
    }

    /// Appends in one `write` (a whole line lands or nothing does) and syncs it to disk.
    static func append(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        var st = stat()
        let sizeBefore = fstat(fd, &st) == 0 ? st.st_size : -1
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n != bytes.count {
            let e = n < 0 ? errno : ENOSPC
            // A short write leaves part of a line: cut it off so the log stays whole.
            if n > 0, sizeBefore >= 0 { _ = ftruncate(fd, sizeBefore) }
            throw .io(path: path, action: "append to", code: e)
        }
        guard fsync(fd) == 0 else { throw .io(path: path, action: "flush", code: errno) }
    }

    /// (size, mtime ns, inode) or nil when missing: cheap to poll for outside changes.
    static func signature(_ path: String) -> FileSignature? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileSignature(size: Int64(st.st_size), modifiedNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                             inode: UInt64(st.st_ino))
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode : nil
    }

    /// Creates the folder and any missing parents; the last one private (0700).
    static func makeDirectory(_ path: String) throws(StoreError) {
        if isDirectory(path) { return }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, !isDirectory(parent) { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .io(path: path, action: "create the folder", code: errno) }
    }
}

public struct FileSignature: Hashable, Sendable {
    var size: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64
}

/// An advisory `flock` on the store's lock file, held for one read-modify-write.
final class FileLock {
    private let fd: Int32

    init(path: String, exclusive: Bool) throws(StoreError) {
        let f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if f < 0 {
            // A read-only store can still be read without a lock.
            if !exclusive, errno == EACCES || errno == EROFS { fd = -1; return }
            throw .io(path: path, action: "open the lock file", code: errno)
        }
        while flock(f, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(f)
            throw .io(path: path, action: "lock", code: e)
        }
        fd = f
    }

    deinit { if fd >= 0 { close(fd) } }
}
