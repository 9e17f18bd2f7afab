import CredStackCore

/// `timew export` JSON: intervals with `start`, `end` (absent while running), `tags` and `annotation`.
/// One tag names the course (the first that names one of the learner's, else the first); the others and
/// the annotation become the note.
public enum TimewHistory {
    public static func parse(_ data: [UInt8], path: String) throws(InteropError) -> ImportedHistory {
        let json = try JSONValue.parse(data, path: path, expected: "the output of `timew export`")
        guard let intervals = json.array else {
            throw InteropError(.malformed, "\(path): expected a JSON list of intervals, as `timew export` writes; nothing was imported")
        }
        var out = ImportedHistory(unit: "entry")
        for (i, interval) in intervals.enumerated() {
            let entry = i + 1
            guard let startText = interval["start"]?.string else { out.skip(entry, "not an interval with a start"); continue }
            guard let start = stamp(startText) else { out.skip(entry, "start \"\(startText)\" is not a time like 20261130T091500Z"); continue }
            guard let endText = interval["end"]?.string else { out.skip(entry, "still running (no end yet)"); continue }
            guard let end = stamp(endText) else { out.skip(entry, "end \"\(endText)\" is not a time like 20261130T101500Z"); continue }
            let tags = interval["tags"]?.strings ?? []
            guard let course = tags.first else { out.skip(entry, "no tag to name the course"); continue }
            // timewarrior sorts tags, so the course may be any of them: the importer picks the one that names a course.
            out.add(line: entry, start: start, seconds: Int(clamping: end.epochSeconds - start.epochSeconds), course: course,
                    note: interval["annotation"]?.string ?? "", tags: tags)
        }
        return out
    }

    /// timewarrior's `20261130T091500Z` (always UTC).
    static func stamp(_ text: String) -> Timestamp? {
        let u = Array(text.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z"),
              let y = Digits.value(u, 0, 4), let mo = Digits.value(u, 4, 2), let d = Digits.value(u, 6, 2),
              let h = Digits.value(u, 9, 2), let mi = Digits.value(u, 11, 2), let s = Digits.value(u, 13, 2),
              h < 24, mi < 60, s < 60, let day = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Timestamp(epochSeconds: Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s), utcOffsetSeconds: 0)
    }
}
