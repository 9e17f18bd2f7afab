import CredStackCore

/// The neutral TSV that other trackers and the benchmark kit write: start, end, course, note.
public enum SessionTSV {
    /// Strict: a line that does not read stops the import with its line and column.
    public static func parse(_ bytes: [UInt8], path: String) throws(InteropError) -> ImportedHistory {
        var history = ImportedHistory(unit: "line")
        // One String per course name, shared by all its rows (a long history has a million of them).
        var names: [String: String] = [:]
        var lineNo = 0
        var start = 0
        func fail(_ line: Int, _ column: Int, _ message: String) -> InteropError {
            InteropError(.malformed, "\(path):\(line):\(column): \(message); nothing was imported")
        }
        while start < bytes.count {
            lineNo += 1
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            var fields: [Range<Int>] = []
            var f = start
            for i in start..<lineEnd where bytes[i] == 9 { fields.append(f..<i); f = i + 1 }
            fields.append(f..<lineEnd)
            if lineNo == 1, bytes[fields[0]].elementsEqual("start".utf8) { continue }
            guard fields.count >= 3 else { throw fail(lineNo, 1, "expected start, end, course and note separated by tabs") }
            let startStamp: Timestamp
            switch Timestamp.parse(bytes[fields[0]]) {
            case .success(let t): startStamp = t
            case .failure(let p): throw fail(lineNo, p.offset + 1, "expected \(p.expected)")
            }
            let endStamp: Timestamp
            switch Timestamp.parse(bytes[fields[1]]) {
            case .success(let t): endStamp = t
            case .failure(let p): throw fail(lineNo, fields[1].lowerBound - start + p.offset + 1, "expected \(p.expected)")
            }
            let seconds = Int(clamping: endStamp.epochSeconds - startStamp.epochSeconds)
            guard seconds > 0, seconds <= Limits.sessionSeconds else {
                throw fail(lineNo, fields[1].lowerBound - start + 1, "expected an end after the start and at most 24h later")
            }
            let read = String(decoding: bytes[fields[2]], as: UTF8.self).trimmed
            guard !read.isEmpty else { throw fail(lineNo, fields[2].lowerBound - start + 1, "expected a course name") }
            let course = names[read] ?? read
            names[course] = course
            let note = fields.count > 3 ? String(decoding: bytes[fields[3].lowerBound..<lineEnd], as: UTF8.self) : ""
            history.rows.append(ImportedRow(line: lineNo, start: startStamp, seconds: seconds, course: course, note: note))
        }
        return history
    }
}
