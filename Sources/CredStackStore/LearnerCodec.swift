import CredStackCore

/// `learner.toml` <-> `Learner`. Decoding checks every value and reports the first problem where it stands.
enum LearnerCodec {
    static func decode(_ bytes: [UInt8]) throws(FieldError) -> Learner {
        // An empty or cut-short file must not read as "no courses": the next save would make that true.
        guard bytes.contains(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) else {
            throw FieldError(line: 1, column: 1, message: "the file is empty; expected format = 1 and a [profile] (restore it from a backup; nothing was changed)")
        }
        let doc = try TOMLParser.document(bytes)
        var learner = Learner()
        var root = FieldReader(doc.root)
        guard root.table.entries.contains(where: { $0.key == "format" }) else {
            throw FieldError(line: 1, column: 1, message: "expected format = 1 at the top of the file (every learner file credstack writes has it)")
        }
        if let version = try root.int("format", in: 1...Int.max) , version > Learner.formatVersion {
            let (line, column) = root.position(of: "format")
            throw FieldError(line: line, column: column,
                             message: "format \(version) is newer than this credstack reads (\(Learner.formatVersion)); upgrade credstack before using this store")
        }
        learner.preserved = root.leftovers
        var seenIDs: [String: Int] = [:]

        for table in doc.tables {
            let head = table.path[0]
            switch (head, table.path.count, table.isArrayElement) {
            case ("profile", 1, false):
                learner.profile = try profile(table)
            case ("course", 1, true):
                var reader = FieldReader(table)
                let course = try self.course(&reader)
                if let first = seenIDs[course.id] {
                    let (line, column) = reader.position(of: "id")
                    throw FieldError(line: line, column: column, message: "the course id \"\(course.id)\" is used twice (first on line \(first)); ids must be unique")
                }
                seenIDs[course.id] = reader.position(of: "id").line
                learner.courses.append(course)
            case ("course", 2, false) where table.path[1] == "credential":
                guard !learner.courses.isEmpty else {
                    throw FieldError(line: table.line, column: 1, message: "[course.credential] must come after the [[course]] it belongs to")
                }
                learner.courses[learner.courses.count - 1].credential = try credential(table)
            case ("pathway", 1, true), ("pathway", 2, true) where table.path[1] == "minimum":
                try addPathwayTable(table, to: &learner.pathways)
            case ("course", _, _) where !learner.courses.isEmpty:
                // An unknown sub-table of a course stays with that course.
                learner.courses[learner.courses.count - 1].preserved.append(PreservedField(key: table.header, rawValue: table.rawBlock))
            case ("pathway", _, _) where !learner.pathways.isEmpty:
                learner.pathways[learner.pathways.count - 1].preserved.append(PreservedField(key: table.header, rawValue: table.rawBlock))
            case ("profile", _, false) where table.path.count > 1:
                learner.preservedTables.append(table.rawBlock)
            case ("profile", _, _), ("course", _, _), ("pathway", _, _):
                throw FieldError(line: table.line, column: 1, message: "unexpected table \(table.header) here")
            default:
                learner.preservedTables.append(table.rawBlock)
            }
        }
        return learner
    }

    private static func profile(_ table: TOMLTable) throws(FieldError) -> Profile {
        var r = FieldReader(table)
        var p = Profile()
        p.name = try r.string("name") ?? ""
        p.weeklyGoalMinutes = try r.int("weekly_goal_minutes", in: 0...10_080) ?? p.weeklyGoalMinutes
        if let ws = try r.string("week_start") {
            guard let day = Weekday.parse(ws) else {
                let (line, column) = r.position(of: "week_start")
                throw FieldError(line: line, column: column, message: "week_start: expected a day name like \"monday\" or \"sunday\", found \"\(ws)\"")
            }
            p.weekStart = day
        }
        p.timeZone = try r.string("time_zone")
        p.theme = try r.string("theme")
        p.mouse = try r.bool("mouse") ?? false
        p.preserved = r.leftovers
        return p
    }

    private static func course(_ r: inout FieldReader) throws(FieldError) -> Course {
        let id = try r.string("id", required: true)!
        guard Course.isValidID(id) else {
            let (line, column) = r.position(of: "id")
            throw FieldError(line: line, column: column, message: "id: expected \(Course.idForm), found \"\(id)\"")
        }
        var c = Course(id: id, title: try r.string("title", required: true)!)
        c.provider = try r.string("provider") ?? ""
        c.category = try r.string("category") ?? ""
        c.mode = try r.choice("mode", StudyMode.self, default: .online)
        c.status = try r.choice("status", CourseStatus.self, default: .enrolled)
        c.modulesTotal = try r.int("modules_total", in: 0...10_000) ?? 0
        c.modulesDone = try r.int("modules_done", in: 0...10_000) ?? 0
        if c.modulesDone > c.modulesTotal && c.modulesTotal > 0 {
            let (line, column) = r.position(of: "modules_done")
            throw FieldError(line: line, column: column, message: "modules_done: expected at most modules_total (\(c.modulesTotal)), found \(c.modulesDone)")
        }
        c.start = try r.date("start")
        c.due = try r.date("due")
        c.hours = try r.number("hours", in: 0...100_000)
        c.credits = try r.number("credits", in: 0...1_000)
        c.level = try r.string("level")
        c.skills = try r.strings("skills")
        c.about = try r.string("description") ?? ""
        if let fee = try r.string("fee") {
            guard let parsed = FeeText.parse(fee) else {
                let (line, column) = r.position(of: "fee")
                throw FieldError(line: line, column: column, message: "fee: expected an amount and currency like \"49.99 USD\", found \"\(fee)\"")
            }
            c.fee = parsed
        }
        c.preserved = r.leftovers
        return c
    }

    /// A `[[pathway]]` or `[[pathway.minimum]]` table, added to the pathways read so far.
    static func addPathwayTable(_ table: TOMLTable, to pathways: inout [Pathway]) throws(FieldError) {
        if table.path.count == 1 {
            var reader = FieldReader(table)
            let pathway = try self.pathway(&reader)
            guard !pathways.contains(where: { $0.id == pathway.id }) else {
                let (line, column) = reader.position(of: "id")
                throw FieldError(line: line, column: column, message: "the pathway id \"\(pathway.id)\" is used twice")
            }
            pathways.append(pathway)
        } else {
            guard !pathways.isEmpty else {
                throw FieldError(line: table.line, column: 1, message: "[[pathway.minimum]] must come after the [[pathway]] it belongs to")
            }
            pathways[pathways.count - 1].minimums.append(try minimum(table))
        }
    }

    private static func pathway(_ r: inout FieldReader) throws(FieldError) -> Pathway {
        let id = try r.string("id", required: true)!
        guard Course.isValidID(id) else {
            let (line, column) = r.position(of: "id")
            throw FieldError(line: line, column: column, message: "id: expected \(Course.idForm), found \"\(id)\"")
        }
        var p = Pathway(id: id, name: try r.string("name", required: true)!,
                        totalCredits: try r.number("total_credits", in: 0...10_000, required: true)!)
        p.awardLevel = try r.number("award_level", in: 0...20)
        p.template = try r.string("template")
        p.hoursPerCredit = try r.number("hours_per_credit", in: 0.1...1_000)
        p.rounding = try r.choice("rounding", CreditRounding.self, default: .down)
        p.countBy = try r.choice("count_by", CreditBasis.self, default: .credits)
        if p.countBy == .hours && p.hoursPerCredit == nil {
            let (line, column) = r.position(of: "count_by")
            throw FieldError(line: line, column: column, message: "count_by = \"hours\" needs hours_per_credit in the same [[pathway]]")
        }
        p.maxOnlineShare = try r.number("max_online_share", in: 0...1)
        p.shelfLifeYears = try r.int("shelf_life_years", in: 1...100)
        p.minLevel = try r.number("min_level", in: 0...20)
        p.stacksOn = try r.strings("stacks_on")
        p.requiredCourses = try r.strings("required_courses")
        p.preserved = r.leftovers
        return p
    }

    private static func minimum(_ table: TOMLTable) throws(FieldError) -> CategoryMinimum {
        var r = FieldReader(table)
        let m = CategoryMinimum(name: try r.string("name", required: true)!,
                                credits: try r.number("credits", in: 0...10_000, required: true)!,
                                categories: try r.strings("categories"))
        if let extra = r.leftovers.first {
            let (line, column) = r.position(of: extra.key)
            throw FieldError(line: line, column: column, message: "[[pathway.minimum]] knows name, credits and categories, not \(extra.key)")
        }
        return m
    }

    private static func credential(_ table: TOMLTable) throws(FieldError) -> Credential {
        var r = FieldReader(table)
        var c = Credential(awardedBy: try r.string("awarded_by", required: true)!, issued: try r.date("issued", required: true)!)
        c.expires = try r.date("expires")
        c.credentialID = try r.string("credential_id")
        c.url = try r.string("url")
        c.credits = try r.number("credits", in: 0...1_000)
        c.assessment = try r.string("assessment")
        c.grade = try r.string("grade")
        c.unverified = try r.bool("unverified") ?? false
        c.redeemedFor = try r.string("redeemed_for")
        c.preserved = r.leftovers
        return c
    }

    static func encode(_ learner: Learner) -> String {
        var w = TOMLWriter()
        w.comment("credstack learner file: profile, courses, credentials, pathways. Format: docs/FORMAT.md")
        w.comment("Safe to edit by hand; credstack checks it on every load and never saves over a file it cannot read.")
        w.put("format", Learner.formatVersion)
        w.put(learner.preserved)
        w.blank()
        let p = learner.profile
        w.header("[profile]")
        w.put("name", p.name)
        w.put("weekly_goal_minutes", p.weeklyGoalMinutes)
        w.put("week_start", p.weekStart.name)
        w.put("time_zone", p.timeZone)
        w.put("theme", p.theme)
        if p.mouse { w.put("mouse", true) }
        w.put(p.preserved)
        // Sorted by id, so two machines that each add a course change different places in the file.
        for c in learner.courses.sorted(by: { $0.id < $1.id }) {
            w.blank()
            w.header("[[course]]")
            w.put("id", c.id)
            w.put("title", c.title)
            w.putNonEmpty("provider", c.provider)
            w.putNonEmpty("category", c.category)
            w.put("mode", c.mode.rawValue)
            w.put("status", c.status.rawValue)
            if c.modulesTotal > 0 || c.modulesDone > 0 {
                w.put("modules_done", c.modulesDone)
                w.put("modules_total", c.modulesTotal)
            }
            w.put("start", c.start)
            w.put("due", c.due)
            w.put("hours", c.hours)
            w.put("credits", c.credits)
            w.put("level", c.level)
            w.put("skills", c.skills)
            w.putNonEmpty("description", c.about)
            w.put("fee", c.fee.map(\.label))
            w.put(c.preserved)
            if let cr = c.credential {
                w.blank()
                w.header("[course.credential]")
                w.put("awarded_by", cr.awardedBy)
                w.put("issued", cr.issued)
                w.put("expires", cr.expires)
                w.put("credential_id", cr.credentialID)
                w.put("url", cr.url)
                w.put("credits", cr.credits)
                w.put("assessment", cr.assessment)
                w.put("grade", cr.grade)
                if cr.unverified { w.put("unverified", true) }
                w.put("redeemed_for", cr.redeemedFor)
                w.put(cr.preserved)
            }
            for table in c.preserved where table.key.hasPrefix("[") { w.blank(); w.rawBlock(table.rawValue) }
        }
        for pw in learner.pathways.sorted(by: { $0.id < $1.id }) { write(pw, to: &w) }
        for table in learner.preservedTables { w.blank(); w.rawBlock(table) }
        return w.text
    }
}

extension LearnerCodec {
    /// One `[[pathway]]` and its `[[pathway.minimum]]` tables.
    static func write(_ pw: Pathway, to w: inout TOMLWriter) {
        w.blank()
        w.header("[[pathway]]")
        w.put("id", pw.id)
        w.put("name", pw.name)
        w.put("template", pw.template)
        w.put("total_credits", pw.totalCredits)
        w.put("award_level", pw.awardLevel)
        w.put("hours_per_credit", pw.hoursPerCredit)
        if pw.hoursPerCredit != nil { w.put("rounding", pw.rounding.rawValue) }
        if pw.countBy != .credits { w.put("count_by", pw.countBy.rawValue) }
        w.put("max_online_share", pw.maxOnlineShare)
        w.put("shelf_life_years", pw.shelfLifeYears)
        w.put("min_level", pw.minLevel)
        if !pw.stacksOn.isEmpty { w.put("stacks_on", pw.stacksOn) }
        if !pw.requiredCourses.isEmpty { w.put("required_courses", pw.requiredCourses) }
        w.put(pw.preserved)
        for m in pw.minimums {
            w.blank()
            w.header("[[pathway.minimum]]")
            w.put("name", m.name)
            w.put("credits", m.credits)
            if m.categories != [m.name] { w.put("categories", m.categories) }
        }
        for table in pw.preserved where table.key.hasPrefix("[") { w.blank(); w.rawBlock(table.rawValue) }
    }
}

/// `"49.99 USD"` <-> `Fee`.
public enum FeeText {
    public static func parse(_ text: String) -> Fee? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, Double(parts[0]) != nil, Double(parts[0])! >= 0,
              parts[1].count >= 1, parts[1].count <= 5, parts[1].allSatisfy({ $0.isLetter }) else { return nil }
        return Fee(amount: String(parts[0]), currency: parts[1].uppercased())
    }
}
