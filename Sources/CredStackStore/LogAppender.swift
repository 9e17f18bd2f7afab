import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

/// Appends to the study log so that it can never tear: whole lines in bounded chunks, each written with the
/// signals that end a process held off (Ctrl-C, a kill, a dropped SSH link land between chunks), and a
/// failed chunk cut back to the last whole line. What a SIGKILL or a power cut leaves in the middle of a
/// chunk is a last line without its line break, which the reader sets aside and this writer removes.
enum LogAppender {
    static let chunkBytes = 1 << 20

    static func append(_ lines: [String], to path: String) throws(StoreError) {
        guard !lines.isEmpty else { return }
        let fd = try POSIXFile.openForAppend(path)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        var pending: [UInt8] = []
        if st.st_size == 0 {
            pending = Array(StudyLogCodec.header.utf8)
        } else if let cut = try repairTail(path: path, size: Int(st.st_size)) {
            if let keepUntil = cut {
                guard ftruncate(fd, off_t(keepUntil)) == 0 else { throw .io(path: path, action: "repair the last line of", code: errno) }
            } else {
                pending = [10]
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

    /// nil when the log ends with a line break; `.some(nil)` when its complete last line only lacks one;
    /// `.some(offset)` to cut a torn last line off at `offset`.
    private static func repairTail(path: String, size: Int) throws(StoreError) -> Int?? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        let window = min(size, 1 << 16)
        var tail = [UInt8](repeating: 0, count: window)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(size - window)) }
        guard n == window else { throw .io(path: path, action: "read", code: n < 0 ? errno : EIO) }
        if tail.last == 10 { return nil }
        guard let lastBreak = tail.lastIndex(of: 10) else { return .some(nil) }
        guard let torn = StudyLogCodec.tornTail(Array(tail[(lastBreak + 1)...])) else { return .some(nil) }
        return .some(size - window + lastBreak + 1 + torn.range.lowerBound)
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
