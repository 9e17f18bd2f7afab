import CredStackCore

/// `credstack report` in every format, written straight to bytes: a long history has hundreds of thousands
/// of rows, and string building per row once made the text report several times slower than the TSV.
/// Everything a row holds is ASCII (ISO dates, course ids, digits), so widths are byte counts and nothing
/// needs escaping.
public enum StudyTotalsReport {
    public enum Format: String, CaseIterable, Sendable { case text, tsv, csv, json }

    public static func bytes(_ totals: StudyTotals, byCourse: Bool, format: Format, from: LocalDate?, through: LocalDate?) -> [UInt8] {
        let rows = totals.rows(byCourse: byCourse)
        let periodName = totals.period == .all ? nil : totals.period.rawValue
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * (format == .json ? 56 : 32))
        func period(_ day: LocalDate) {
            if totals.period == .month { out.append(contentsOf: day.description.utf8.prefix(7)) } else { day.appendISO(to: &out) }
        }
        switch format {
        case .tsv, .csv:
            let separator: UInt8 = format == .tsv ? 9 : 44
            let header = [periodName, byCourse ? "course" : nil, "seconds"].compactMap { $0 }
            for (i, name) in header.enumerated() { if i > 0 { out.append(separator) }; out.append(contentsOf: name.utf8) }
            out.append(10)
            for row in rows {
                if let start = row.period { period(start); out.append(separator) }
                if let course = row.courseID { out.append(contentsOf: course.utf8); out.append(separator) }
                Digits.append(row.seconds, to: &out)
                out.append(10)
            }
        case .json:
            out.append(contentsOf: "{\"by\": \"\([periodName, byCourse ? "course" : nil].compactMap { $0 }.joined(separator: ","))\"".utf8)
            for (key, day) in [("from", from), ("through", through)] {
                if let day { out.append(contentsOf: ", \"\(key)\": \"\(day)\"".utf8) }
            }
            out.append(contentsOf: ", \"sessions\": \(totals.sessionCount), \"seconds\": \(totals.totalSeconds), \"rows\": [".utf8)
            for (i, row) in rows.enumerated() {
                out.append(contentsOf: i == 0 ? Array("\n  {".utf8) : Array(",\n  {".utf8))
                if let start = row.period, let periodName {
                    out.append(contentsOf: "\"\(periodName)\": \"".utf8); period(start); out.append(contentsOf: "\", ".utf8)
                }
                if let course = row.courseID { out.append(contentsOf: "\"course\": \"".utf8); out.append(contentsOf: course.utf8); out.append(contentsOf: "\", ".utf8) }
                out.append(contentsOf: "\"seconds\": ".utf8)
                Digits.append(row.seconds, to: &out)
                out.append(125)
            }
            out.append(contentsOf: (rows.isEmpty ? "]}\n" : "\n]}\n").utf8)
        case .text:
            let heading = ["day": "Day       ", "week": "Week of   ", "month": "Month     "][periodName ?? ""]
            out.append(contentsOf: ((heading.map { $0 + "  " } ?? "") + (byCourse ? "Course" + String(repeating: " ", count: 14) : "") + "Time\n").utf8)
            for row in rows {
                if let start = row.period {
                    period(start)
                    out.append(contentsOf: totals.period == .month ? [32, 32, 32, 32, 32] : [32, 32])
                }
                if let course = row.courseID {
                    // Ids are at most 40 ASCII bytes; the column is 18 wide and grows for a longer one.
                    out.append(contentsOf: course.utf8)
                    out.append(contentsOf: repeatElement(32, count: max(2, 20 - course.utf8.count)))
                }
                appendDuration(row.seconds, to: &out)
                out.append(10)
            }
            let range = [from.map { "from \($0)" }, through.map { "through \($0)" }].compactMap { $0 }.joined(separator: " ")
            out.append(contentsOf: ("\(totals.sessionCount) sessions, \(StudyDuration.label(seconds: totals.totalSeconds)) in all"
                                    + (range.isEmpty ? "" : " (\(range))") + "\n").utf8)
        }
        return out
    }

    /// `StudyDuration.label(seconds:)` as bytes: `45m`, `2h`, `1h 30m`.
    static func appendDuration(_ seconds: Int, to out: inout [UInt8]) {
        let minutes = (seconds + 30) / 60
        let h = minutes / 60, m = minutes % 60
        if h > 0 { Digits.append(h, to: &out); out.append(104) }
        if h > 0 && m > 0 { out.append(32) }
        if h == 0 || m > 0 { Digits.append(m, to: &out); out.append(109) }
    }
}
