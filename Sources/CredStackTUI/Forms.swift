import CredStackCore

/// Builds each form from the model, and turns a filled-in form into an effect or inline errors.
public enum Forms {
    static let statusChoices = CourseStatus.allCases.map(\.rawValue)
    static let modeChoices = StudyMode.allCases.map(\.rawValue)

    public static func addCourse() -> FormState {
        FormState(kind: .addCourse, title: "Add a course", fields: courseFields(nil))
    }

    public static func editCourse(_ c: Course) -> FormState {
        FormState(kind: .editCourse(original: c), title: "Edit \(c.id)", fields: Array(courseFields(c).dropFirst()))
    }

    private static func courseFields(_ c: Course?) -> [FormField] {
        [
            FormField("id", "Id", value: c?.id ?? "", hint: "short, e.g. aws-cloud"),
            FormField("title", "Title", value: c?.title ?? "", hint: "any language"),
            FormField("provider", "Provider", value: c?.provider ?? ""),
            FormField("category", "Category", value: c?.category ?? "", hint: "Data, Cloud, Security..."),
            FormField("mode", "Mode", value: c?.mode.rawValue ?? "online", hint: "←/→ to choose", choices: modeChoices),
            FormField("status", "Status", value: c?.status.rawValue ?? "enrolled", hint: "←/→ to choose", choices: statusChoices),
            FormField("modules", "Modules", value: c.map { $0.modulesTotal > 0 ? "\($0.modulesDone)/\($0.modulesTotal)" : "" } ?? "", hint: "done/total, e.g. 3/10"),
            FormField("start", "Start", value: c?.start?.description ?? "", hint: "YYYY-MM-DD"),
            FormField("due", "Due", value: c?.due?.description ?? "", hint: "YYYY-MM-DD"),
            FormField("hours", "Hours", value: c?.hours.map(CreditFormat.label) ?? "", hint: "notional workload"),
            FormField("credits", "Credits", value: c?.credits.map(CreditFormat.label) ?? "", hint: "e.g. 4 or 2.5"),
            FormField("skills", "Skills", value: c?.skills.joined(separator: ", ") ?? "", hint: "comma-separated"),
        ]
    }

    public static func logSession(courseID: String?, courses: [Course]) -> FormState {
        FormState(kind: .logSession, title: "Log study time", fields: [
            FormField("duration", "Duration", hint: "45m, 1h30m or 1.5h"),
            FormField("course", "Course", value: courseID ?? courses.first?.id ?? "", hint: "←/→ to choose", choices: courses.map(\.id)),
            FormField("when", "Started", value: "", hint: "empty = just finished; 18:30, yesterday 18:30"),
            FormField("note", "Note", hint: "optional"),
        ])
    }

    public static func credential(for c: Course, today: LocalDate) -> FormState {
        let cr = c.credential
        return FormState(kind: .credential(courseID: c.id), title: "Credential for \(c.id)", fields: [
            FormField("by", "Awarded by", value: cr?.awardedBy ?? c.provider, hint: "the awarding body"),
            FormField("issued", "Issued", value: (cr?.issued ?? today).description, hint: "YYYY-MM-DD"),
            FormField("expires", "Expires", value: cr?.expires?.description ?? "", hint: "YYYY-MM-DD or empty"),
            FormField("credits", "Credits", value: (cr?.credits ?? c.credits).map(CreditFormat.label) ?? "", hint: "credits earned"),
            FormField("id", "Credential id", value: cr?.credentialID ?? ""),
            FormField("url", "URL", value: cr?.url ?? "", hint: "where to verify it"),
            FormField("assessment", "Assessment", value: cr?.assessment ?? "", hint: "e.g. proctored exam"),
            FormField("grade", "Grade", value: cr?.grade ?? ""),
        ])
    }

    /// The effect a valid form asks for, or the form again with an error beside each field that is wrong.
    public static func submit(_ form: FormState, data: DashboardData, now: Int64) -> Result<Effect, FormErrors> {
        var f = form
        for i in f.fields.indices { f.fields[i].error = nil }
        let today = data.calendar.localDay(of: now)
        let effect: Effect?
        switch form.kind {
        case .addCourse:
            var c = Course(id: f.value("id"), title: "")
            if !Course.isValidID(c.id) { f.setError("id", c.id.isEmpty ? "needed, e.g. aws-cloud" : "use a-z, 0-9 and -, e.g. aws-cloud") }
            else if data.learner.course(c.id) != nil { f.setError("id", "\(c.id) exists already") }
            applyCourseFields(&f, to: &c, today: today)
            effect = f.hasErrors ? nil : .addCourse(c)
        case .editCourse(let original):
            var c = original
            applyCourseFields(&f, to: &c, today: today)
            effect = f.hasErrors ? nil : .updateCourse(original: original, updated: c)
        case .logSession:
            var seconds = 0
            switch StudyDuration.parse(f.value("duration")) {
            case .success(let s): seconds = s
            case .failure(let p): f.setError("duration", "expected \(p.expected.replacingPrefix("a duration like ", with: ""))")
            }
            let course = f.value("course")
            if data.learner.course(course) == nil { f.setError("course", course.isEmpty ? "add a course first" : "no course \(course)") }
            var start = data.calendar.timestamp(now - Int64(seconds))
            let when = f.value("when")
            if !when.isEmpty {
                if let t = TimeInput.time(when, now: now, calendar: data.calendar) {
                    start = t
                    if t.epochSeconds > now { f.setError("when", "that is in the future") }
                } else { f.setError("when", "expected 18:30 or yesterday 18:30") }
            }
            effect = f.hasErrors ? nil : .logSession(StudySession(start: start, durationSeconds: seconds, courseID: course, note: f.value("note")))
        case .credential(let courseID):
            let by = f.value("by")
            if by.isEmpty { f.setError("by", "needed") }
            let issued = LocalDate.parse(f.value("issued"))
            if issued == nil { f.setError("issued", "expected YYYY-MM-DD") }
            var expires: LocalDate?
            if !f.value("expires").isEmpty {
                expires = LocalDate.parse(f.value("expires"))
                if expires == nil { f.setError("expires", "expected YYYY-MM-DD") }
                else if let e = expires, let i = issued, e <= i { f.setError("expires", "must be after the issue date") }
            }
            let credits = number(&f, "credits", max: 1_000)
            let optional = { (k: String) -> String? in f.value(k).isEmpty ? nil : f.value(k) }
            effect = f.hasErrors ? nil : .recordCredential(courseID: courseID, credential: Credential(
                awardedBy: by, issued: issued!, expires: expires, credentialID: optional("id"), url: optional("url"),
                credits: credits, assessment: optional("assessment"), grade: optional("grade")))
        }
        if let effect { return .success(effect) }
        if let first = f.fields.firstIndex(where: { $0.error != nil }) { f.focused = first }
        return .failure(FormErrors(form: f))
    }

    private static func applyCourseFields(_ f: inout FormState, to c: inout Course, today: LocalDate) {
        c.title = f.value("title")
        if c.title.isEmpty { f.setError("title", "needed") }
        c.provider = f.value("provider")
        c.category = f.value("category")
        c.mode = StudyMode(rawValue: f.value("mode")) ?? c.mode
        c.status = CourseStatus(rawValue: f.value("status")) ?? c.status
        let modules = f.value("modules")
        if modules.isEmpty { c.modulesDone = 0; c.modulesTotal = 0 } else {
            let parts = modules.split(separator: "/").map { Int($0.trimmed) }
            if parts.count == 2, let d = parts[0], let t = parts[1], d >= 0, t >= d, t <= 10_000 { c.modulesDone = d; c.modulesTotal = t }
            else { f.setError("modules", "expected done/total like 3/10") }
        }
        c.start = date(&f, "start", today: today)
        c.due = date(&f, "due", today: today)
        c.hours = number(&f, "hours", max: 100_000)
        c.credits = number(&f, "credits", max: 1_000)
        c.skills = f.value("skills").split(separator: ",").map(\.trimmed).filter { !$0.isEmpty }
    }

    private static func date(_ f: inout FormState, _ key: String, today: LocalDate) -> LocalDate? {
        let v = f.value(key)
        if v.isEmpty { return nil }
        guard let d = TimeInput.date(v, today: today) else { f.setError(key, "expected YYYY-MM-DD"); return nil }
        return d
    }

    private static func number(_ f: inout FormState, _ key: String, max: Double) -> Double? {
        let v = f.value(key)
        if v.isEmpty { return nil }
        guard let n = Double(v), n.isFinite, n >= 0, n <= max else { f.setError(key, "expected a number like 4 or 2.5"); return nil }
        return n
    }
}

public struct FormErrors: Error, Equatable {
    public var form: FormState
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
