import CredStackCore
import CredStackTOML

/// `pathways/ID.toml`: one pathway the learner follows and its rules; `[[minimum]]` tables for category
/// minimums. Shipped templates use the same form.
enum PathwayCodec {
    static let keys: Set<String> = ["id", "name", "template", "total_credits", "award_level", "hours_per_credit", "rounding", "count_by",
                                    "max_online_share", "shelf_life_years", "min_level", "stacks_on", "required_courses", "minimum",
                                    "award", "credit_system", "credit_conversion", "level_framework", "max_online_courses_share"]
    static let header = "# credstack pathway (docs/FORMAT.md). Every rule is optional; edit safely with: credstack edit pathway ID\n"

    static func decode(_ doc: TOMLDocument, id: String) throws(FieldError) -> Pathway {
        try decode(FieldReader(doc.root, in: doc, name: "the pathway file"), id: id)
    }

    /// A pathway from a table (a pathway file's root, or a `[[pathway]]` of a format 1 learner file).
    static func decode(_ r: FieldReader, id fixed: String?) throws(FieldError) -> Pathway {
        let id: String
        if let fixed { id = fixed } else {
            id = try r.string("id", required: true)!
            guard Course.isValidID(id) else { throw r.error(at: r.position(of: "id"), "id: expected \(Course.idForm), found \"\(id)\"") }
        }
        var p = Pathway(id: id, name: try r.string("name", required: true)!,
                        totalCredits: try r.number("total_credits", in: 0...Limits.pathwayCredits, required: true)!)
        p.awardLevel = try r.number("award_level", in: 0...20)
        p.template = try r.string("template")
        p.award = try r.string("award")
        p.creditSystem = try r.string("credit_system").map(CreditSystem.normalized)
        if let table = try r.table("credit_conversion") {
            let conversions = FieldReader(table, in: r.doc, name: "[credit_conversion]", anchor: r.position(of: "credit_conversion"))
            for key in table.keys {
                p.creditConversions[CreditSystem.normalized(key)] = try conversions.number(key, in: 0.001...1_000)
            }
        }
        p.levelFramework = try r.string("level_framework")
        if let framework = p.levelFramework, let known = CourseLevel.frameworks.first(where: { $0.lowercased() == framework.lowercased() }) {
            p.levelFramework = known
        } else if let framework = p.levelFramework {
            throw r.error(at: r.position(of: "level_framework"), "level_framework: expected one of \(CourseLevel.frameworks.joined(separator: ", ")), found \"\(framework)\"")
        }
        p.hoursPerCredit = try r.number("hours_per_credit", in: 0.1...1_000)
        p.rounding = try r.choice("rounding", CreditRounding.self, default: .down)
        p.countBy = try r.choice("count_by", CreditBasis.self, default: .credits)
        if p.countBy == .hours && p.hoursPerCredit == nil {
            throw r.error(at: r.position(of: "count_by"), "count_by = \"hours\" needs hours_per_credit in the same pathway")
        }
        p.maxOnlineShare = try r.number("max_online_share", in: 0...1)
        p.maxOnlineCoursesShare = try r.number("max_online_courses_share", in: 0...1)
        p.shelfLifeYears = try r.int("shelf_life_years", in: 1...100)
        p.minLevel = try r.number("min_level", in: 0...20)
        p.stacksOn = try r.strings("stacks_on")
        p.requiredCourses = try r.strings("required_courses")
        if let entry = r.table.entry("minimum") {
            guard case .tableArray(let elements) = entry.value.kind else {
                throw r.error(at: entry.value.span.lowerBound, "minimum: expected [[minimum]] tables, one per category minimum")
            }
            for element in elements {
                guard let t = element.table else { continue }
                p.minimums.append(try minimum(FieldReader(t, in: r.doc, name: "[[minimum]]", anchor: element.span.lowerBound)))
            }
        }
        return p
    }

    private static func minimum(_ r: FieldReader) throws(FieldError) -> CategoryMinimum {
        let m = CategoryMinimum(name: try r.string("name", required: true)!,
                                credits: try r.number("credits", in: 0...Limits.pathwayCredits, required: true)!,
                                categories: try r.strings("categories"))
        if let extra = r.table.keys.first(where: { !["name", "credits", "categories"].contains($0) }) {
            throw r.error(at: r.position(of: extra), "[[minimum]] knows name, credits and categories, not \(extra)")
        }
        return m
    }

    static func newDocument(_ pw: Pathway) throws(TOMLEditError) -> TOMLDocument {
        var doc = try! TOMLDocument(text: header)
        try doc.put("name", .string(pw.name))
        try doc.put("template", pw.template.map { .string($0) })
        try doc.put("award", pw.award.map { .string($0) })
        try doc.put("credit_system", pw.creditSystem.map { .string($0) })
        try doc.put("total_credits", .number(pw.totalCredits))
        try doc.put("award_level", pw.awardLevel.map { .number($0) })
        try doc.put("hours_per_credit", pw.hoursPerCredit.map { .number($0) })
        if pw.hoursPerCredit != nil { try doc.put("rounding", .string(pw.rounding.rawValue)) }
        if pw.countBy != .credits { try doc.put("count_by", .string(pw.countBy.rawValue)) }
        try doc.put("max_online_share", pw.maxOnlineShare.map { .number($0) })
        try doc.put("shelf_life_years", pw.shelfLifeYears.map { .integer(Int64($0)) })
        try doc.put("min_level", pw.minLevel.map { .number($0) })
        try doc.put("level_framework", pw.levelFramework.map { .string($0) })
        try doc.put("max_online_courses_share", pw.maxOnlineCoursesShare.map { .number($0) })
        if !pw.stacksOn.isEmpty { try doc.put("stacks_on", .array(pw.stacksOn.map { .string($0) })) }
        if !pw.requiredCourses.isEmpty { try doc.put("required_courses", .array(pw.requiredCourses.map { .string($0) })) }
        if !pw.creditConversions.isEmpty {
            try doc.appendTable(["credit_conversion"], fields: pw.creditConversions.sorted { $0.key < $1.key }.map { TOMLField($0.key, .number($0.value)) })
        }
        for m in pw.minimums {
            var fields = [TOMLField("name", .string(m.name)), TOMLField("credits", .number(m.credits))]
            if m.categories != [m.name] { fields.append(TOMLField("categories", .array(m.categories.map { .string($0) }))) }
            try doc.appendTable(["minimum"], array: true, fields: fields)
        }
        return doc
    }
}

/// `profile.toml`: the store's format and who the learner is.
enum ProfileCodec {
    static let header = """
    # credstack store (docs/FORMAT.md): your profile here; one file per course in courses/, per pathway in
    # pathways/; study sessions in sessions.log. Edit safely with: credstack edit profile

    """

    static func decode(_ doc: TOMLDocument) throws(FieldError) -> Profile {
        let root = FieldReader(doc.root, in: doc, name: "profile.toml")
        guard doc.root.entry("format") != nil else {
            throw root.error(at: 0, "expected format = \(StoreLayout.formatVersion) at the top of the file (every profile.toml credstack writes has it)")
        }
        if let version = try root.int("format", in: 1...Int.max), version > StoreLayout.formatVersion {
            throw root.error(at: root.position(of: "format"),
                             "format \(version) is newer than this credstack reads (\(StoreLayout.formatVersion)); upgrade credstack before using this store")
        }
        return try profile(root)
    }

    /// The profile's keys, from profile.toml's top level or a format 1 `[profile]` table.
    static func profile(_ r: FieldReader) throws(FieldError) -> Profile {
        var p = Profile()
        p.name = try r.string("name") ?? ""
        p.weeklyGoalMinutes = try r.int("weekly_goal_minutes", in: 0...Limits.weeklyGoalMinutes) ?? p.weeklyGoalMinutes
        if let ws = try r.string("week_start") {
            guard let day = Weekday.parse(ws) else {
                throw r.error(at: r.position(of: "week_start"), "week_start: expected a day name like \"monday\" or \"sunday\", found \"\(ws)\"")
            }
            p.weekStart = day
        }
        if let zone = try r.string("time_zone") {
            if case .failure(let problem) = ProfileChange.timeZone(zone) {
                throw r.error(at: r.position(of: "time_zone"), "time_zone: \(problem.message)")
            }
            p.timeZone = zone.isEmpty ? nil : zone
        }
        p.theme = try r.string("theme")
        p.mouse = try r.bool("mouse") ?? false
        p.timerLimitMinutes = try r.int("timer_limit_minutes", in: 1...(Limits.sessionSeconds / 60)) ?? p.timerLimitMinutes
        return p
    }

    static func apply(_ patch: ProfilePatch, to doc: inout TOMLDocument) throws(TOMLEditError) {
        for change in patch.ordered {
            switch change {
            case .name(let v): try doc.put("name", .string(v))
            case .weeklyGoalMinutes(let v): try doc.put("weekly_goal_minutes", .integer(Int64(v)))
            case .weekStart(let v): try doc.put("week_start", .string(v.name))
            case .timeZone(let v): try doc.put("time_zone", v.map { .string($0) })
            case .theme(let v): try doc.put("theme", v.map { .string($0) })
            case .mouse(let v): try doc.put("mouse", v ? .boolean(true) : nil)
            // The default is not written: a store that never changed it follows a better default later.
            case .timerLimitMinutes(let v): try doc.put("timer_limit_minutes", v == Profile.defaultTimerLimitMinutes ? nil : .integer(Int64(v)))
            }
        }
    }

    static func newDocument(_ p: Profile) throws(TOMLEditError) -> TOMLDocument {
        var doc = try! TOMLDocument(text: header)
        try doc.put("format", .integer(Int64(StoreLayout.formatVersion)))
        try apply(ProfilePatch([.name(p.name), .weeklyGoalMinutes(p.weeklyGoalMinutes), .weekStart(p.weekStart),
                                .timeZone(p.timeZone), .theme(p.theme), .mouse(p.mouse), .timerLimitMinutes(p.timerLimitMinutes)]), to: &doc)
        return doc
    }
}

/// `timer.toml`: the running timer, kept on disk so it outlives the process, a crash or a dropped SSH link.
enum TimerCodec {
    static func decode(_ doc: TOMLDocument) throws(FieldError) -> RunningTimer {
        let r = FieldReader(doc.root, in: doc, name: "the file")
        let course = try r.string("course", required: true)!
        let started = try r.timestamp("started", required: true)!
        var id = SessionID.unassigned
        if let text = try r.string("id") {
            guard let parsed = SessionID(text) else { throw r.error(at: r.position(of: "id"), "id: expected a session id like k3x9q2mz, found \"\(text)\"") }
            id = parsed
        }
        return RunningTimer(id: id, courseID: course, started: started, note: try r.string("note") ?? "")
    }

    static func encode(_ timer: RunningTimer) -> [UInt8] {
        var doc = try! TOMLDocument(text: "# credstack: a study timer is running. `credstack timer stop` logs it; `credstack timer cancel` drops it.\n")
        try! doc.put("course", .string(timer.courseID))
        let t = timer.started
        let (date, sod) = t.local
        var dt = TOMLDateTime(year: date.year, month: date.month, day: date.day)
        dt.hasTime = true
        dt.hour = sod / 3600; dt.minute = sod / 60 % 60; dt.second = sod % 60
        dt.offsetSeconds = Int(t.utcOffsetSeconds)
        try! doc.put("started", .dateTime(dt))
        if timer.id.isAssigned { try! doc.put("id", .string(timer.id.text)) }
        if !timer.note.isEmpty { try! doc.put("note", .string(timer.note)) }
        return doc.bytes
    }
}
