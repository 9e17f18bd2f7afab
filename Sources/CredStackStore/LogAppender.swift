import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

/// Appends to the study log so that it can never tear: whole lines in bounded chunks, each written with the
/// signals that end a process held off (Ctrl-C, a kill, a dropped SSH link land between chunks), and a
/// failed chunk cut back to the last whole line. What a SIGKILL or a power cut leaves in the middle of a
/// chunk is a last line without its line break, which the reader sets aside and this writer removes.
enum LogAppender {
    static let chunkBytes = 1 << 16

    static func append(_ lines: [String], to path: String) throws(StoreError) {
        guard !lines.isEmpty else { return }
        let fd = try POSIXFile.openForAppend(path)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        var pending: [UInt8] = []
        if st.st_size == 0 {
            pending = Array(StudyLogCodec.header.utf8)
        } else {
            switch try tail(path: path, size: Int(st.st_size)) {
            case .whole: break
            case .unterminated: pending = [10]
            case .torn(let at, let text):
                try TornRemnant.keep(text, log: path)
                guard ftruncate(fd, off_t(at)) == 0 else { throw .io(path: path, action: "repair the last line of", code: errno) }
            }
        }
        var index = 0
        while index < lines.count {
            var chunk = pending
            pending = []
            while index < lines.count, chunk.isEmpty || chunk.count + lines[index].utf8.count <= chunkBytes {
                chunk.append(contentsOf: lines[index].utf8)
                index += 1
            }
            try writeChunk(fd, chunk, path: path)
        }
        guard fsync(fd) == 0 else { throw .io(path: path, action: "flush", code: errno) }
    }

    enum Tail {
        case whole
        /// A complete line typed without its line break.
        case unterminated
        /// What an interrupted write left, from byte `at`.
        case torn(at: Int, text: String)
    }

    private static func tail(path: String, size: Int) throws(StoreError) -> Tail {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        let window = min(size, 1 << 16)
        var tail = [UInt8](repeating: 0, count: window)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(size - window)) }
        guard n == window else { throw .io(path: path, action: "read", code: n < 0 ? errno : EIO) }
        if tail.last == 10 { return .whole }
        guard let lastBreak = tail.lastIndex(of: 10) else { return .unterminated }
        guard let torn = StudyLogCodec.tornTail(Array(tail[(lastBreak + 1)...])) else { return .unterminated }
        return .torn(at: size - window + lastBreak + 1, text: torn.text)
    }

    private static func writeChunk(_ fd: Int32, _ chunk: [UInt8], path: String) throws(StoreError) {
        var block = sigset_t()
        var previous = sigset_t()
        sigemptyset(&block)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE] { sigaddset(&block, s) }
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var st = stat()
        let before = fstat(fd, &st) == 0 ? st.st_size : -1
        do {
            try POSIXFile.writeAll(fd, chunk[...], path: path)
        } catch {
            // A short write (a full disk, a file size limit) leaves part of a line: cut it off.
            if before >= 0 { _ = ftruncate(fd, before) }
            throw error
        }
    }
}

/// A cut last line is never just dropped: it is kept, a line each, in `sessions.log.torn` beside the log.
enum TornRemnant {
    static func keep(_ text: String, log: String) throws(StoreError) {
        let path = log + ".torn"
        var fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 && errno == ENOENT { fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        guard fd >= 0 else { throw .io(path: path, action: "keep the cut line in", code: errno) }
        defer { close(fd) }
        try POSIXFile.writeAll(fd, Array((text + "\n").utf8)[...], path: path)
        _ = fsync(fd)
    }
}
