import CredStackCore
import CredStackTOML

/// A catalog file (`ID.toml`): the institution, then one `[[course]]` table per course. docs/FORMAT.md,
/// "Catalogs", lists every key; an unknown key is an error at its place, so a typo never silently drops a fee.
enum CatalogCodec {
    static let keys = ["name", "institution", "example", "course"]
    static let courseKeys = ["id", "title", "provider", "category", "mode", "online_share", "level", "credits", "credit_system",
                             "hours", "fee", "weeks", "starts", "repeat_weeks", "self_paced", "skills", "url"]
    /// More courses than any institution lists; past it the file is refused rather than planned over slowly.
    static let courseLimit = 5_000

    static func decode(_ bytes: [UInt8], id: String) throws(FieldError) -> Catalog {
        let doc = try TOMLDocument.reading(bytes)
        let r = FieldReader(doc.root, in: doc, name: "the catalog")
        try refuseUnknown(r, keys, what: "a catalog")
        var catalog = Catalog(id: id, name: try r.string("name", required: true)!, institution: try r.string("institution") ?? "",
                              example: try r.bool("example") ?? false, courses: [])
        guard let entry = r.table.entry("course") else { return catalog }
        guard case .tableArray(let elements) = entry.value.kind else {
            throw r.error(at: entry.value.span.lowerBound, "course: expected [[course]] tables, one per course")
        }
        guard elements.count <= courseLimit else {
            throw r.error(at: entry.value.span.lowerBound, "a catalog holds at most \(courseLimit) courses; this one has \(elements.count)")
        }
        var seen: [String: Int] = [:]
        for element in elements {
            guard let t = element.table else { continue }
            let course = try self.course(FieldReader(t, in: doc, name: "[[course]]", anchor: element.span.lowerBound))
            if let first = seen[course.id] {
                let at = r.error(at: element.span.lowerBound, "")
                throw r.error(at: t.entry("id")?.value.span.lowerBound ?? element.span.lowerBound,
                              "id: \(course.id) is listed twice (first at line \(doc.location(ofByte: first).line), again at line \(at.line))")
            }
            seen[course.id] = t.entry("id")?.value.span.lowerBound ?? element.span.lowerBound
            catalog.courses.append(course)
        }
        return catalog
    }

    private static func course(_ r: FieldReader) throws(FieldError) -> CatalogCourse {
        try refuseUnknown(r, courseKeys, what: "[[course]]")
        let id = try r.string("id", required: true)!
        guard Course.isValidID(id) else { throw r.error(at: r.position(of: "id"), "id: expected \(Course.idForm), found \"\(id)\"") }
        var c = CatalogCourse(id: id, title: Course.plainTitle(try r.string("title", required: true)!))
        c.provider = try r.string("provider") ?? ""
        c.category = try r.string("category") ?? ""
        c.mode = try r.choice("mode", StudyMode.self, default: .unknown)
        c.onlineShare = try r.number("online_share", in: 0...1)
        c.level = try r.levelText("level")
        if let level = c.level {
            guard let parsed = CourseLevel.parse(level), CourseLevel.levels.contains(parsed.value) else {
                throw r.error(at: r.position(of: "level"), "level: expected a level from 1 to 8 like 4.5, \"NCrF 5\" or \"EQF 6\", found \(level)")
            }
        }
        c.credits = try r.number("credits", in: 0...Limits.credits)
        c.creditSystem = try r.string("credit_system").map(CreditSystem.normalized)
        c.hours = try r.number("hours", in: 0...Limits.courseHours)
        if let fee = try r.string("fee") {
            guard let parsed = Fee.parse(fee) else {
                throw r.error(at: r.position(of: "fee"), "fee: expected an amount and currency like \"4500 INR\" or \"49.99 USD\", found \"\(fee)\"")
            }
            c.fee = parsed
        }
        c.weeks = try r.int("weeks", in: 1...520)
        c.starts = try r.dates("starts")
        c.repeatWeeks = try r.int("repeat_weeks", in: 1...520)
        if c.repeatWeeks != nil && c.starts.isEmpty {
            throw r.error(at: r.position(of: "repeat_weeks"), "repeat_weeks needs starts = [a first date] to repeat from")
        }
        c.selfPaced = try r.bool("self_paced") ?? false
        if c.selfPaced && !c.starts.isEmpty {
            throw r.error(at: r.position(of: "self_paced"), "self_paced = true and starts are both given; a course is one or the other")
        }
        if !c.selfPaced && c.starts.isEmpty {
            throw r.error(at: r.anchor, "[[course]] \(id) has neither starts = [dates] nor self_paced = true; say when it can be started")
        }
        c.skills = try r.strings("skills")
        c.url = try r.string("url")
        if c.credits == nil && c.hours == nil {
            throw r.error(at: r.anchor, "[[course]] \(id) states neither credits nor hours, so no pathway can count it")
        }
        return c
    }

    private static func refuseUnknown(_ r: FieldReader, _ known: [String], what: String) throws(FieldError) {
        if let extra = r.table.keys.first(where: { !known.contains($0) }) {
            let near = known.min { EditDistance.between(extra, $0) < EditDistance.between(extra, $1) }
            let hint = near.map { EditDistance.between(extra, $0) <= 2 ? "; did you mean \($0)?" : "" } ?? ""
            throw r.error(at: r.position(of: extra), "\(extra) is not a key of \(what)\(hint) (it knows \(known.joined(separator: ", ")))")
        }
    }
}

extension FieldReader {
    /// A list of dates (`starts = [2027-01-04, 2027-04-05]`).
    func dates(_ key: String) throws(FieldError) -> [LocalDate] {
        guard let e = table.entry(key) else { return [] }
        guard case .array(let items) = e.value.kind else { throw error(at: e.value.span.lowerBound, "\(key): expected a list of dates like [2027-01-04]") }
        var out: [LocalDate] = []
        for item in items {
            guard case .dateTime(let d) = item.kind, d.hasDate, !d.hasTime, let day = LocalDate(year: d.year, month: d.month, day: d.day) else {
                let text = String(decoding: doc.bytes[item.span], as: UTF8.self)
                throw error(at: item.span.lowerBound, "\(key): expected dates like 2027-01-04, found \(text)")
            }
            out.append(day)
        }
        return out
    }

    /// A level as text ("NCrF 5") or a bare number (4.5).
    func levelText(_ key: String) throws(FieldError) -> String? {
        guard let e = table.entry(key) else { return nil }
        switch e.value.kind {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .float(let x) where x.isFinite: return CreditFormat.label(x)
        default: throw error(at: e.value.span.lowerBound, "\(key): expected a level like 4.5 or \"NCrF 5\"")
        }
    }
}
