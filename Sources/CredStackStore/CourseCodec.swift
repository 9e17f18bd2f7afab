import CredStackCore
import CredStackTOML

/// `courses/ID.toml`: one course and the credential it earned. The id is the file's name.
enum CourseCodec {
    static let header = "# credstack course (docs/FORMAT.md). Edit safely with: credstack edit course ID\n"

    static let keys: Set<String> = ["id", "title", "provider", "category", "mode", "status", "modules_done", "modules_total", "start", "due",
                                    "hours", "credits", "level", "skills", "description", "fee", "credential", "credit_system", "online_share"]
    static let credentialKeys: Set<String> = ["awarded_by", "issued", "expires", "credential_id", "url", "credits", "assessment", "grade",
                                              "unverified", "redeemed_for", "redeemed_award", "credit_system"]

    static func decode(_ doc: TOMLDocument, id: String) throws(FieldError) -> Course {
        let r = FieldReader(doc.root, in: doc, name: "the course file")
        if let written = try r.string("id"), written != id {
            throw r.error(at: r.position(of: "id"), "id: this file is courses/\(id).toml, so its id is \(id), found \"\(written)\" (rename the file to change the id)")
        }
        return try decode(r, id: id)
    }

    /// A course from a table: a course file's root, or a `[[course]]` of a format 1 learner file.
    static func decode(_ r: FieldReader, id: String) throws(FieldError) -> Course {
        let doc = r.doc
        var c = Course(id: id, title: try r.string("title", required: true)!)
        c.provider = try r.string("provider") ?? ""
        c.category = try r.string("category") ?? ""
        c.mode = try r.choice("mode", StudyMode.self, default: .unknown)
        c.status = try r.choice("status", CourseStatus.self, default: .enrolled)
        c.modulesTotal = try r.int("modules_total", in: 0...Limits.modules) ?? 0
        c.modulesDone = try r.int("modules_done", in: 0...Limits.modules) ?? 0
        if c.modulesDone > c.modulesTotal && c.modulesTotal > 0 {
            throw r.error(at: r.position(of: "modules_done"), "modules_done: expected at most modules_total (\(c.modulesTotal)), found \(c.modulesDone)")
        }
        c.start = try r.date("start")
        c.due = try r.date("due")
        c.hours = try r.number("hours", in: 0...Limits.courseHours)
        c.credits = try r.number("credits", in: 0...Limits.credits)
        c.level = try r.string("level")
        c.creditSystem = try r.string("credit_system").map(CreditSystem.normalized)
        c.onlineShare = try r.number("online_share", in: 0...1)
        c.skills = try r.strings("skills")
        c.about = try r.string("description") ?? ""
        if let fee = try r.string("fee") {
            guard let parsed = Fee.parse(fee) else {
                throw r.error(at: r.position(of: "fee"), "fee: expected an amount and currency like \"49.99 USD\", found \"\(fee)\"")
            }
            c.fee = parsed
        }
        if let table = try r.table("credential") {
            let anchor = r.table.entry("credential")?.value.span.lowerBound ?? 0
            c.credential = try credential(FieldReader(table, in: doc, name: "[credential]", anchor: anchor))
        }
        return c
    }

    private static func credential(_ r: FieldReader) throws(FieldError) -> Credential {
        var c = Credential(awardedBy: try r.string("awarded_by", required: true)!, issued: try r.date("issued", required: true)!)
        c.expires = try r.date("expires")
        c.credentialID = try r.string("credential_id")
        c.url = try r.string("url")
        c.credits = try r.number("credits", in: 0...Limits.credits)
        c.assessment = try r.string("assessment")
        c.grade = try r.string("grade")
        c.unverified = try r.bool("unverified") ?? false
        c.redeemedFor = try r.string("redeemed_for")
        c.redeemedAward = try r.string("redeemed_award")
        c.creditSystem = try r.string("credit_system").map(CreditSystem.normalized)
        return c
    }

    /// A new file holding the course (empty fields left out).
    static func newDocument(_ course: Course) throws(TOMLEditError) -> TOMLDocument {
        var doc = try! TOMLDocument(text: header)
        try apply(CoursePatch(allOf: course), to: &doc)
        if let cr = course.credential { try apply(CredentialPatch(allOf: cr), to: &doc) }
        return doc
    }

    /// Writes only the patched fields; every other byte of the file stays.
    static func apply(_ patch: CoursePatch, to doc: inout TOMLDocument) throws(TOMLEditError) {
        for change in patch.ordered {
            switch change {
            case .title(let v): try doc.put("title", .string(v))
            case .provider(let v): try doc.put("provider", v.isEmpty ? nil : .string(v))
            case .category(let v): try doc.put("category", v.isEmpty ? nil : .string(v))
            case .mode(let v): try doc.put("mode", v == .unknown ? nil : .string(v.rawValue))
            case .status(let v): try doc.put("status", .string(v.rawValue))
            case .modules(let done, let total):
                let none = done == 0 && total == 0
                try doc.put("modules_done", none ? nil : .integer(Int64(done)))
                try doc.put("modules_total", none ? nil : .integer(Int64(total)))
            case .start(let v): try doc.put("start", v.map(date))
            case .due(let v): try doc.put("due", v.map(date))
            case .hours(let v): try doc.put("hours", v.map { .number($0) })
            case .credits(let v): try doc.put("credits", v.map { .number($0) })
            case .level(let v): try doc.put("level", v.map { .string($0) })
            case .skills(let v): try doc.put("skills", v.isEmpty ? nil : .array(v.map { .string($0) }))
            case .about(let v): try doc.put("description", v.isEmpty ? nil : .string(v))
            case .fee(let v): try doc.put("fee", v.map { .string($0.label) })
            case .creditSystem(let v): try doc.put("credit_system", v.map { .string($0) })
            case .onlineShare(let v): try doc.put("online_share", v.map { .number($0) })
            }
        }
    }

    static func apply(_ patch: CredentialPatch, to doc: inout TOMLDocument) throws(TOMLEditError) {
        let table: [TOMLStep] = ["credential"]
        for change in patch.ordered {
            switch change {
            case .awardedBy(let v): try doc.put("awarded_by", .string(v), in: table)
            case .issued(let v): try doc.put("issued", date(v), in: table)
            case .expires(let v): try doc.put("expires", v.map(date), in: table)
            case .credentialID(let v): try doc.put("credential_id", v.map { .string($0) }, in: table)
            case .url(let v): try doc.put("url", v.map { .string($0) }, in: table)
            case .credits(let v): try doc.put("credits", v.map { .number($0) }, in: table)
            case .assessment(let v): try doc.put("assessment", v.map { .string($0) }, in: table)
            case .grade(let v): try doc.put("grade", v.map { .string($0) }, in: table)
            case .creditSystem(let v): try doc.put("credit_system", v.map { .string($0) }, in: table)
            case .unverified(let v): try doc.put("unverified", v ? .boolean(true) : nil, in: table)
            case .redeemedFor(let v): try doc.put("redeemed_for", v.map { .string($0) }, in: table)
            case .redeemedAward(let v): try doc.put("redeemed_award", v.map { .string($0) }, in: table)
            }
        }
    }

    static func date(_ d: LocalDate) -> TOMLLiteral { .dateTime(TOMLDateTime(year: d.year, month: d.month, day: d.day)) }
}

extension TOMLDocument {
    /// Sets the key, or removes it for nil (a cleared optional field leaves no line behind).
    mutating func put(_ key: String, _ value: TOMLLiteral?, in path: [TOMLStep] = []) throws(TOMLEditError) {
        if let value {
            // An unchanged value keeps its bytes (and its way of being written).
            if let old = self.value(at: path + [.key(key)]), old.matches(value) { return }
            try set(key, value, in: path)
        } else {
            try remove(key, in: path)
        }
    }
}

extension TOMLValue {
    /// Whether writing `literal` would change what this value means.
    func matches(_ literal: TOMLLiteral) -> Bool {
        switch (kind, literal) {
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer(let a), .number(let b)): return Double(a) == b
        case (.float(let a), .number(let b)), (.float(let a), .float(let b)): return a == b
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.dateTime(let a), .dateTime(let b)): return a == b
        case (.array(let items), .array(let wanted)):
            return items.count == wanted.count && zip(items, wanted).allSatisfy { $0.matches($1) }
        default: return false
        }
    }
}
