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

    /// Appends `text`, whole lines each ending in a line break. Returns the log's size before (a torn
    /// remnant included) and where the first new line starts.
    @discardableResult
    static func append(_ text: [UInt8], to layout: StoreLayout) throws(StoreError) -> (sizeBefore: Int64, linesStart: Int) {
        guard !text.isEmpty else { return (-1, 0) }
        var at = 0
        return try append(to: layout) { chunk in
            guard at < text.count else { return }
            // Up to the last line break that fits the chunk (past it, for a single longer line).
            let room = max(1, chunkBytes - chunk.count)
            var end = min(text.count, at + room)
            if end < text.count {
                if let cut = text[at..<end].lastIndex(of: 10) { end = cut + 1 } else { end = (text[end...].firstIndex(of: 10) ?? text.count - 1) + 1 }
            }
            chunk.append(contentsOf: text[at..<end])
            at = end
        }
    }

    /// Appends whole lines made a chunk at a time: `fill` adds whole lines, each ending in a line break, up
    /// to about `chunkBytes`, and nothing once there are no more. What a long append (an import) writes
    /// without holding all its text.
    @discardableResult
    static func append(to layout: StoreLayout, fill: (inout [UInt8]) throws(StoreError) -> Void) throws(StoreError) -> (sizeBefore: Int64, linesStart: Int) {
        let path = layout.log
        let fd = try POSIXFile.openForAppend(path)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "inspect", code: errno) }
        if st.st_size > 0 {
            switch try tail(layout, size: Int(st.st_size)) {
            case .whole: break
            case .unterminated: try writeChunk(fd, [10], path: path) // before the marker: that line is whole
            case .torn(let at, let text):
                try TornRemnant.keep(text, log: path)
                guard ftruncate(fd, off_t(at)) == 0 else { throw .io(path: path, action: "repair the last line of", code: errno) }
            }
        }
        try AppendMarker.set(layout)
        var chunk: [UInt8] = st.st_size == 0 ? Array(StudyLogCodec.header.utf8) : []
        chunk.reserveCapacity(chunkBytes + 4096)
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else { throw .io(path: path, action: "inspect", code: errno) }
        let linesStart = Int(end) + chunk.count
        do throws(StoreError) {
            while true {
                let before = chunk.count
                try fill(&chunk)
                if chunk.count == before { break }
                try writeChunk(fd, chunk, path: path)
                chunk.removeAll(keepingCapacity: true)
            }
            guard fsync(fd) == 0 else { throw StoreError.io(path: path, action: "flush", code: errno) }
        } catch {
            // Nothing of a failed append stays (a full disk part way through an import leaves the log as it
            // was): it is cut back to where it ended before; failing that, to its last whole line. Either way
            // the marker has nothing left to mark.
            if ftruncate(fd, off_t(end)) == 0 { _ = fsync(fd) }
            if endsOnWholeLine(path) { AppendMarker.clear(layout) }
            throw error
        }
        AppendMarker.clear(layout)
        return (Int64(st.st_size), linesStart)
    }

    private static func endsOnWholeLine(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return false }
        if st.st_size == 0 { return true }
        var last: UInt8 = 0
        return pread(fd, &last, 1, st.st_size - 1) == 1 && last == 10
    }

    enum Tail {
        case whole
        /// A complete line typed without its line break.
        case unterminated
        /// What an interrupted write left, from byte `at`.
        case torn(at: Int, text: String)
    }

    private static func tail(_ layout: StoreLayout, size: Int) throws(StoreError) -> Tail {
        let path = layout.log
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open", code: errno) }
        defer { close(fd) }
        // Back from the end until the last line's start: a note can make a line longer than any window.
        var window = min(size, 1 << 16)
        var tail: [UInt8] = []
        while true {
            tail = [UInt8](repeating: 0, count: window)
            let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(size - window)) }
            guard n == window else { throw .io(path: path, action: "read", code: n < 0 ? errno : EIO) }
            if tail.last == 10 { return .whole }
            if tail.contains(10) || window == size { break }
            window = min(size, window * 4)
        }
        let lastBreak = tail.lastIndex(of: 10)
        let from = lastBreak.map { $0 + 1 } ?? 0
        guard let torn = StudyLogCodec.tornTail(Array(tail[from...]), appendInterrupted: AppendMarker.isSet(layout)) else { return .unterminated }
        return .torn(at: size - window + from, text: torn.text)
    }

    private static func writeChunk(_ fd: Int32, _ chunk: [UInt8], path: String) throws(StoreError) {
        try POSIXFile.holdingEndingSignals { () throws(StoreError) in try writeWhole(fd, chunk, path: path) }
    }

    private static func writeWhole(_ fd: Int32, _ chunk: [UInt8], path: String) throws(StoreError) {
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

/// The mark of an append in progress: set before the first new byte, cleared once the log is flushed. A
/// killed append leaves it, and then the log's unterminated last line is known to be cut, wherever the cut
/// fell (even before the line's id). Only writers, under the exclusive lock, set and clear it.
enum AppendMarker {
    static func set(_ layout: StoreLayout) throws(StoreError) {
        let fd = open(layout.appendMarker, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: layout.appendMarker, action: "create", code: errno) }
        close(fd)
    }

    static func clear(_ layout: StoreLayout) { unlink(layout.appendMarker) }

    static func isSet(_ layout: StoreLayout) -> Bool {
        var st = stat()
        return lstat(layout.appendMarker, &st) == 0
    }
}

extension StoreLayout {
    /// The log's cut last line, if it has one (see `StudyLogCodec.tornTail`).
    func tornTail(of log: [UInt8]) -> (line: Int, range: Range<Int>, text: String)? {
        StudyLogCodec.tornTail(log, appendInterrupted: AppendMarker.isSet(self))
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
