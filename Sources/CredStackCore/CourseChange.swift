/// The fields of a course a learner edits, with the one grammar for each: `credstack course add/edit`
/// flags and the dashboard's course form both parse through `parse`, and forms show `text(of:)`.
public enum CourseField: String, CaseIterable, Sendable {
    case title, provider, category, mode, status, modules, start, due, hours, credits, level, skills, about, fee
    case creditSystem = "credit-system", onlineShare = "online-share"

    /// The fields the dashboard's course form shows (the credit system and a blended course's online share
    /// are set with `credstack course edit` or in the file, and a form leaves them as they are).
    public static let formFields = allCases.filter { $0 != .creditSystem && $0 != .onlineShare }

    public var label: String {
        switch self {
        case .about: return "About"
        case .creditSystem: return "Credit system"
        case .onlineShare: return "Online share"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// The expected form, beside the field in a form and in `--help`.
    public var hint: String {
        switch self {
        case .title: return "any language"
        case .provider: return "who offers it"
        case .category: return "Data, Cloud, Security..."
        case .mode, .status: return "←/→ to choose"
        case .modules: return "done/total, e.g. 3/10"
        case .start, .due: return "YYYY-MM-DD, today, tomorrow"
        case .hours: return "notional workload"
        case .credits: return "e.g. 4 or 2.5"
        case .level: return "e.g. 4.5 (NCrF)"
        case .skills: return "comma-separated"
        case .about: return "a sentence"
        case .fee: return "e.g. 49.99 USD"
        case .creditSystem: return "NCrF, ECTS..."
        case .onlineShare: return "blended: 0 to 1, e.g. 0.5"
        }
    }

    public var choices: [String] {
        switch self {
        case .mode: return StudyMode.allCases.map(\.rawValue)
        case .status: return CourseStatus.allCases.map(\.rawValue)
        default: return []
        }
    }

    /// The field's value as text a form shows and `parse` reads back unchanged (numbers exact, not rounded).
    public func text(of c: Course) -> String {
        switch self {
        case .title: return c.title
        case .provider: return c.provider
        case .category: return c.category
        case .mode: return c.mode.rawValue
        case .status: return c.status.rawValue
        case .modules: return c.modulesTotal > 0 || c.modulesDone > 0 ? "\(c.modulesDone)/\(c.modulesTotal)" : ""
        case .start: return c.start?.description ?? ""
        case .due: return c.due?.description ?? ""
        case .hours: return c.hours.map(FieldText.exact) ?? ""
        case .credits: return c.credits.map(FieldText.exact) ?? ""
        case .level: return c.level ?? ""
        case .skills: return FieldText.listText(c.skills)
        case .about: return c.about
        case .fee: return c.fee?.label ?? ""
        case .creditSystem: return c.creditSystem ?? ""
        case .onlineShare: return c.onlineShare.map(FieldText.exact) ?? ""
        }
    }

    /// What the learner typed, as a change; empty text clears an optional field.
    public func parse(_ raw: String, today: LocalDate) -> Result<CourseChange, FieldProblem> {
        let text = raw.trimmed
        switch self {
        case .title:
            return text.isEmpty ? .failure(FieldProblem("a course needs a title")) : .success(.title(text))
        case .provider: return .success(.provider(text))
        case .category: return .success(.category(text))
        case .about: return .success(.about(text))
        case .mode:
            guard let m = StudyMode(rawValue: text.lowercased()) else { return .failure(FieldProblem("expected one of \(choices.joined(separator: ", "))")) }
            return .success(.mode(m))
        case .status:
            guard let s = CourseStatus(rawValue: text.lowercased()) else { return .failure(FieldProblem("expected one of \(choices.joined(separator: ", "))")) }
            return .success(.status(s))
        case .modules:
            if text.isEmpty { return .success(.modules(done: 0, total: 0)) }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, case .success(let done) = FieldText.integer(String(parts[0]), in: 0...Limits.modules),
                  case .success(let total) = FieldText.integer(String(parts[1]), in: 0...Limits.modules), done <= total else {
                return .failure(FieldProblem("expected done/total like 3/10"))
            }
            return .success(.modules(done: done, total: total))
        case .start, .due:
            var date: LocalDate?
            if !text.isEmpty {
                guard let d = TimeInput.date(text, today: today) else { return .failure(FieldProblem(TimeInput.dateProblem(text, today: today))) }
                date = d
            }
            return .success(self == .start ? .start(date) : .due(date))
        case .hours, .credits:
            var value: Double?
            if !text.isEmpty {
                switch FieldText.number(text, in: 0...(self == .hours ? Limits.courseHours : Limits.credits)) {
                case .success(let v): value = v
                case .failure(let p): return .failure(p)
                }
            }
            return .success(self == .hours ? .hours(value) : .credits(value))
        case .level: return .success(.level(text.isEmpty ? nil : text))
        case .skills: return .success(.skills(FieldText.list(text)))
        case .fee:
            if text.isEmpty { return .success(.fee(nil)) }
            guard let fee = Fee.parse(text) else { return .failure(FieldProblem("expected an amount and currency, e.g. 49.99 USD")) }
            return .success(.fee(fee))
        case .creditSystem: return CreditSystem.parse(text).map { .creditSystem($0) }
        case .onlineShare:
            if text.isEmpty { return .success(.onlineShare(nil)) }
            switch FieldText.number(text, in: 0...1) {
            case .success(let v): return .success(.onlineShare(v))
            case .failure(let p): return .failure(p)
            }
        }
    }
}

/// One field's new value.
public enum CourseChange: Hashable, Sendable {
    case title(String), provider(String), category(String), mode(StudyMode), status(CourseStatus)
    case modules(done: Int, total: Int)
    case start(LocalDate?), due(LocalDate?), hours(Double?), credits(Double?), level(String?)
    case skills([String]), about(String), fee(Fee?)
    case creditSystem(String?), onlineShare(Double?)

    public var field: CourseField {
        switch self {
        case .title: return .title
        case .provider: return .provider
        case .category: return .category
        case .mode: return .mode
        case .status: return .status
        case .modules: return .modules
        case .start: return .start
        case .due: return .due
        case .hours: return .hours
        case .credits: return .credits
        case .level: return .level
        case .skills: return .skills
        case .about: return .about
        case .fee: return .fee
        case .creditSystem: return .creditSystem
        case .onlineShare: return .onlineShare
        }
    }

    public func apply(to c: inout Course) {
        switch self {
        case .title(let v): c.title = v
        case .provider(let v): c.provider = v
        case .category(let v): c.category = v
        case .mode(let v): c.mode = v
        case .status(let v): c.status = v
        case .modules(let done, let total): c.modulesDone = done; c.modulesTotal = total
        case .start(let v): c.start = v
        case .due(let v): c.due = v
        case .hours(let v): c.hours = v
        case .credits(let v): c.credits = v
        case .level(let v): c.level = v
        case .skills(let v): c.skills = v
        case .about(let v): c.about = v
        case .fee(let v): c.fee = v
        case .creditSystem(let v): c.creditSystem = v
        case .onlineShare(let v): c.onlineShare = v
        }
    }
}

/// Only the fields a learner changed: everything else in the record stays exactly as it is on disk.
public struct CoursePatch: Hashable, Sendable {
    public private(set) var changes: [CourseField: CourseChange] = [:]

    public init(_ changes: [CourseChange] = []) { for c in changes { set(c) } }

    /// Every field of a course: how a new course is written (the codec leaves out empty ones).
    public init(allOf c: Course) {
        self.init([.title(c.title), .provider(c.provider), .category(c.category), .mode(c.mode), .status(c.status),
                   .modules(done: c.modulesDone, total: c.modulesTotal), .start(c.start), .due(c.due), .hours(c.hours),
                   .credits(c.credits), .level(c.level), .skills(c.skills), .about(c.about), .fee(c.fee),
                   .creditSystem(c.creditSystem), .onlineShare(c.onlineShare)])
    }

    public mutating func set(_ change: CourseChange) { changes[change.field] = change }

    public var isEmpty: Bool { changes.isEmpty }

    /// In the fields' order, so files and messages read the same every time.
    public var ordered: [CourseChange] { CourseField.allCases.compactMap { changes[$0] } }

    public func applied(to course: Course) -> Course {
        var c = course
        for change in ordered { change.apply(to: &c) }
        return c
    }
}

extension Course {
    /// What is wrong with the course as a whole (fields that are fine alone but not together), or nil.
    public var problem: (field: CourseField, message: String)? {
        if title.trimmed.isEmpty { return (.title, "a course needs a title") }
        if modulesDone > modulesTotal && modulesTotal > 0 { return (.modules, "done (\(modulesDone)) is more than the total (\(modulesTotal))") }
        if let start, let due, due < start { return (.due, "the due date \(due) is before the start \(start)") }
        return nil
    }
}

extension Fee {
    /// `"49.99 USD"`: an amount (digits and one point) and a currency code of letters.
    public static func parse(_ text: String) -> Fee? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, case .success = FieldText.number(String(parts[0]), in: 0...1e12),
              parts[1].count >= 1, parts[1].count <= 5, parts[1].allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        return Fee(amount: String(parts[0]), currency: parts[1].uppercased())
    }
}
