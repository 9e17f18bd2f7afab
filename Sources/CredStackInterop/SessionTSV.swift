import CredStackCore
import CredStackTOML

/// The neutral TSV that other trackers and the benchmark kit write: start, end, course, note.
public enum SessionTSV {
    /// Strict: a line that does not read stops the import with its line and column.
    public static func parse(_ bytes: [UInt8], path: String) throws(InteropError) -> ImportedHistory {
        var reader = Reader(path: path)
        return try reader.history(of: bytes)
    }

    /// Reads a file block by block (any cut, even inside a line or a character): a long history is never
    /// held whole, only its rows.
    public struct Reader: HistoryReader {
        let path: String
        var history = ImportedHistory(unit: "line")
        var lineNo = 0
        /// The start of a line cut by the end of the last block.
        var pending: [UInt8] = []

        /// The file's size when known: the first block's rows then say how much room all of them take.
        let expectedBytes: Int?

        /// The longest line read (`Limits.importRecordBytes`; a test gives a smaller one).
        let recordLimit: Int

        public init(path: String, expectedBytes: Int? = nil, recordLimit: Int = Limits.importRecordBytes) {
            self.path = path
            self.expectedBytes = expectedBytes
            self.recordLimit = recordLimit
        }

        public mutating func read(_ block: UnsafeBufferPointer<UInt8>) throws(InteropError) {
            defer {
                bytesRead += block.count
                if !reserved, history.count > 100, let total = expectedBytes {
                    reserved = true
                    history.reserveForFile(ofBytes: total, read: bytesRead)
                }
            }
            var from = 0
            if !pending.isEmpty {
                guard let cut = block.firstIndex(of: 10) else {
                    pending += block
                    try checkPendingLength()
                    return
                }
                pending += block[...cut]
                let line = pending
                pending = []
                try line.withUnsafeBufferPointer { (b) throws(InteropError) in try read(line: UnsafeBufferPointer(rebasing: b.dropLast())) }
                from = cut + 1
            }
            while let cut = block[from...].firstIndex(of: 10) {
                try read(line: UnsafeBufferPointer(rebasing: block[from..<cut]))
                from = cut + 1
            }
            pending += block[from...]
            try checkPendingLength()
        }

        private mutating func checkPendingLength() throws(InteropError) {
            guard pending.count > recordLimit else { return }
            lineNo += 1
            throw fail(1, "expected a line break within \(recordLimit >> 20) MiB (is this a study log?)")
        }

        private var reserved = false
        private var bytesRead = 0

        public mutating func finish() throws(InteropError) -> ImportedHistory {
            if !pending.isEmpty {
                let line = pending
                pending = []
                try line.withUnsafeBufferPointer { (b) throws(InteropError) in try read(line: b) }
            }
            return history
        }

        private func fail(_ column: Int, _ message: String) -> InteropError {
            InteropError(.malformed, "\(path):\(lineNo):\(column): \(message); nothing was imported")
        }

        /// A line up to its LF; a CR alone ends a line too (files from old Macs), and a CR before the LF is dropped.
        private mutating func read(line whole: UnsafeBufferPointer<UInt8>) throws(InteropError) {
            var from = 0
            while let cr = whole[from...].firstIndex(of: 13), cr + 1 < whole.count {
                try read(oneLine: UnsafeBufferPointer(rebasing: whole[from..<cr]))
                from = cr + 1
            }
            try read(oneLine: UnsafeBufferPointer(rebasing: whole[from...]))
        }

        private mutating func read(oneLine whole: UnsafeBufferPointer<UInt8>) throws(InteropError) {
            lineNo += 1
            let line = whole.last == 13 ? UnsafeBufferPointer(rebasing: whole.dropLast()) : whole
            if line.isEmpty { return }
            if line.contains(where: { $0 >= 128 }), let bad = UTF8Check.firstInvalidByte(line) {
                throw fail(bad + 1, "the file is not UTF-8 text here")
            }
            // The first three tabs end start, end and course; the note is the rest of the line.
            var tabs = (0, 0, 0), found = 0
            for i in line.indices where line[i] == 9 {
                switch found { case 0: tabs.0 = i; case 1: tabs.1 = i; default: tabs.2 = i }
                found += 1
                if found == 3 { break }
            }
            if lineNo == 1, line[..<(found > 0 ? tabs.0 : line.count)].elementsEqual("start".utf8) { return }
            guard found >= 2 else { throw fail(1, "expected start, end, course and note separated by tabs") }
            let startStamp: Timestamp
            switch Timestamp.parse(line[..<tabs.0]) {
            case .success(let t): startStamp = t
            case .failure(let p): throw fail(p.offset + 1, "expected \(p.expected)")
            }
            let endStamp: Timestamp
            switch Timestamp.parse(line[(tabs.0 + 1)..<tabs.1]) {
            case .success(let t): endStamp = t
            case .failure(let p): throw fail(tabs.0 + 1 + p.offset + 1, "expected \(p.expected)")
            }
            let seconds = endStamp.epochSeconds - startStamp.epochSeconds
            guard seconds > 0, seconds <= Int64(Limits.sessionSeconds) else {
                throw fail(tabs.0 + 2, "expected an end after the start and at most 24h later")
            }
            let courseEnd = found == 3 ? tabs.2 : line.count
            guard let name = history.number(ofName: UnsafeBufferPointer(rebasing: line[(tabs.1 + 1)..<courseEnd])) else {
                throw fail(tabs.1 + 2, "expected a course name")
            }
            let note = found == 3 ? UnsafeBufferPointer(rebasing: line[(tabs.2 + 1)...]) : UnsafeBufferPointer(start: nil, count: 0)
            history.append(line: lineNo, start: startStamp, seconds: Int(seconds), name: name, note: note)
        }
    }
}
