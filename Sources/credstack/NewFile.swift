import CredStackStore
#if canImport(Glibc)
import Glibc
#endif

/// A file the command makes for the learner (an export, an editor's copy): private, never over an existing
/// file or through a link, and on any failure removed again with the reason (a full disk, `ulimit -f`).
enum NewFile {
    static func write(_ path: String, _ bytes: [UInt8], what: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw Failure("\(path) already exists; choose another file (nothing was written)", .cannotCreate) }
            throw Failure("cannot create \(what) \(path): \(POSIXText.describe(code))", .cannotCreate)
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = n < 0 ? errno : EIO
                close(fd)
                unlink(path)
                throw Failure("cannot write \(what) \(path): \(POSIXText.describe(code)); nothing was kept", .ioError)
            }
            offset += n
        }
        close(fd)
    }
}
