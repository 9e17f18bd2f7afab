import CredStackCore
import CredStackOperations
import CredStackStore

/// Builds each form from the model, and turns a filled-in form into an operation or inline errors. Fields
/// parse through the same grammars as the command line's flags (`CourseField`, `CredentialField`,
/// `StudyDuration`, `TimeInput`); an edit carries only the fields the learner touched.
public enum Forms {
    public static func addCourse() -> FormState {
        var fields = [FormField("id", "Id", hint: "short, e.g. aws-cloud")]
        fields += CourseField.formFields.map { courseField($0, value: $0 == .mode ? StudyMode.unknown.rawValue : $0 == .status ? CourseStatus.enrolled.rawValue : "") }
        return FormState(kind: .addCourse, title: "Add a course", fields: fields)
    }

    public static func editCourse(_ c: Course, version: RecordVersion) -> FormState {
        FormState(kind: .editCourse(original: c, version: version), title: "Edit \(c.id)",
                  fields: CourseField.formFields.map { courseField($0, value: $0.text(of: c)) })
    }

    private static func courseField(_ f: CourseField, value: String) -> FormField {
        FormField(f.rawValue, f.label, value: value, hint: f.hint, choices: f.choices)
    }

    public static func logSession(courseID: String?, courses: [Course]) -> FormState {
        FormState(kind: .logSession, title: "Log study time", fields: [
            FormField("duration", "Duration", hint: "45m, 1h30m, 1:30 or 90"),
            FormField("course", "Course", value: courseID ?? courses.first?.id ?? "", hint: "type to find, ←/→ to choose",
                      choices: courses.map(\.id), choiceLabels: courses.map(\.title)),
            FormField("when", "Started", value: "", hint: "empty = just finished; 18:30, yesterday 18:30"),
            FormField("note", "Note", hint: "optional"),
        ])
    }

    public static func credential(for c: Course, version: RecordVersion, today: LocalDate, pathways: [Pathway]) -> FormState {
        let existing = c.credential
        var fields = CredentialField.allCases.map { f -> FormField in
            var value = existing.map(f.text(of:)) ?? ""
            if existing == nil {
                switch f {
                case .awardedBy: value = c.provider
                case .issued: value = today.description
                case .credits: value = c.credits.map(FieldText.exact) ?? ""
                default: break
                }
            }
            return FormField(f.rawValue, f.label, value: value, hint: f.hint)
        }
        // Redeeming (ABC): the credits then count only toward that award and those that stack on it.
        fields.append(FormField(redeemKey, "Redeemed for", value: existing?.redeemedFor ?? "", hint: "the award its credits went to",
                                choices: [""] + pathways.map(\.id), choiceLabels: ["not redeemed"] + pathways.map(\.name)))
        return FormState(kind: .credential(course: c, version: version), title: "Credential for \(c.id)", fields: fields)
    }

    static let redeemKey = "redeemed-for"

    /// A logged session, in the learner's time: an edit writes only what was changed.
    public static func editSession(_ session: StudySession, calendar: StudyCalendar, courses: [Course]) -> FormState {
        let local = calendar.timestamp(session.start.epochSeconds)
        return FormState(kind: .editSession(session), title: "Edit session \(session.id)", fields: [
            FormField("when", "Started", value: "\(local.local.date) \(local.clockLabel)", hint: "18:30, yesterday 18:30, 2026-11-28 18:30"),
            FormField("duration", "Duration", value: StudyDuration.label(seconds: session.durationSeconds), hint: "45m, 1h30m, 1:30 or 90"),
            FormField("course", "Course", value: session.courseID, hint: "type to find, ←/→ to choose",
                      choices: courses.map(\.id), choiceLabels: courses.map(\.title)),
            FormField("note", "Note", value: session.note, hint: "optional"),
        ])
    }

    /// A course or credential form opened again on the record as it is now, with the fields the learner
    /// changed typed in again; nil for other forms, or when the record is gone.
    public static func rebased(_ form: FormState, on data: DashboardData, today: LocalDate) -> FormState? {
        var fresh: FormState
        switch form.kind {
        case .editCourse(let original, _):
            guard let course = data.learner.course(original.id) else { return nil }
            fresh = editCourse(course, version: data.version(of: .course(course.id)))
        case .credential(let original, _):
            guard let course = data.learner.course(original.id) else { return nil }
            fresh = credential(for: course, version: data.version(of: .course(course.id)), today: today, pathways: data.learner.pathways)
        default:
            return nil
        }
        for field in form.fields where field.touched {
            if let i = fresh.fields.firstIndex(where: { $0.key == field.key }) { fresh.fields[i].value = field.value }
        }
        fresh.focused = form.focused
        return fresh
    }

    /// Follow a pathway copied from a shipped template, as `credstack pathway add --template` does.
    public static func followPathway(_ templates: [PathwayTemplates.Template]) -> FormState {
        let names = templates.map(\.name)
        let labels = templates.map { $0.pathway.name + ($0.origin == .builtIn ? "" : " (\($0.name), \($0.origin.isLearners ? "yours" : "shared"))") }
        return FormState(kind: .followPathway, title: "Follow a pathway", fields: [
            FormField("template", "Template", value: names.first ?? "", hint: "type to find, ←/→ to choose", choices: names, choiceLabels: labels),
            FormField("id", "Id", hint: "empty = the template's; e.g. ug-cert-data"),
            FormField("name", "Name", hint: "empty = the template's"),
        ])
    }

    /// The end of a timer that ran past the learner's limit: suggested at the start plus their usual session.
    public static func stopTimer(_ timer: RunningTimer, suggestedEnd: Timestamp, limitSeconds: Int) -> FormState {
        FormState(kind: .stopTimer(timer), title: "Timer on \(timer.courseID) since \(timer.started.local.date.shortLabel) \(timer.started.clockLabel)", fields: [
            FormField("when", "Stopped at", value: "\(suggestedEnd.local.date) \(suggestedEnd.clockLabel)",
                      hint: "it ran past your \(StudyDuration.label(seconds: limitSeconds)) limit: when did you stop? (Esc: it keeps running)"),
        ])
    }

    /// The operation a valid form asks for (nil: nothing was changed), or the form again with an error beside
    /// each field that is wrong.
    public static func submit(_ form: FormState, data: DashboardData, now: Int64) -> Result<[StoreOperation], FormErrors> {
        var f = form
        for i in f.fields.indices { f.fields[i].error = f.fields[i].unmatchedSearch ? "nothing matches \"\(f.fields[i].search)\"" : nil }
        let today = data.calendar.localDay(of: now)
        var operation: StoreOperation?
        var then: StoreOperation?
        switch form.kind {
        case .addCourse:
            let id = f.value("id")
            if !Course.isValidID(id) { f.setError("id", id.isEmpty ? "needed, e.g. aws-cloud" : "use a-z, 0-9 and - (aws-cloud)") }
            else if data.learner.course(id) != nil { f.setError("id", "\(id) exists already") }
            let filled = Set(CourseField.formFields.filter { $0 == .title || !f.value($0.rawValue).isEmpty })
            let patch = coursePatch(&f, today: today, only: filled)
            let course = patch.applied(to: Course(id: id, title: ""))
            if !f.hasErrors, let problem = course.problem { f.setError(problem.field.rawValue, problem.message) }
            if !f.hasErrors { operation = .addCourse(course) }
        case .editCourse(let original, let version):
            let touched = Set(CourseField.formFields.filter { f.field($0.rawValue)?.touched == true })
            let patch = coursePatch(&f, today: today, only: touched)
            if !f.hasErrors, let problem = patch.applied(to: original).problem { f.setError(problem.field.rawValue, problem.message) }
            if !f.hasErrors, !patch.isEmpty { operation = .editCourse(id: original.id, patch, expected: version) }
        case .logSession:
            var seconds = 0
            switch StudyDuration.parse(f.value("duration")) {
            case .success(let s): seconds = s
            case .failure(let p): f.setError("duration", "expected \(p.expected.replacingPrefix("a duration like ", with: ""))")
            }
            let course = f.value("course")
            if data.learner.course(course) == nil { f.setError("course", course.isEmpty ? "add a course first" : "no course \(course)") }
            var start: Timestamp?
            let when = f.value("when")
            if !when.isEmpty {
                if let t = TimeInput.time(when, now: now, calendar: data.calendar) { start = t } else { f.setError("when", "expected 18:30 or yesterday 18:30") }
            }
            if seconds > 0, let problem = SessionRules.problem(start: start ?? data.calendar.timestamp(now - Int64(seconds)), seconds: seconds, now: now) {
                f.setError("when", problem)
            }
            if !f.hasErrors { operation = .logSession(SessionDraft(courseID: course, seconds: seconds, start: start, note: f.value("note"))) }
        case .credential(let course, let version):
            let existing = course.credential
            var patch = CredentialPatch()
            for field in CredentialField.allCases {
                let text = f.value(field.rawValue)
                // A new credential takes every filled field; an existing one only what was changed.
                guard existing == nil ? !text.isEmpty || field == .awardedBy || field == .issued : f.field(field.rawValue)?.touched == true else { continue }
                switch field.parse(text, today: today) {
                case .success(let change): patch.set(change)
                case .failure(let p): f.setError(field.rawValue, p.message)
                }
            }
            if !f.hasErrors, let result = patch.applied(to: existing), let problem = result.problem { f.setError(problem.field.rawValue, problem.message) }
            if !f.hasErrors, !patch.isEmpty {
                operation = .recordCredential(courseID: course.id, patch, mode: existing == nil ? .new : .edit, expected: version)
            }
            if !f.hasErrors, f.field(redeemKey)?.touched == true {
                let pathway = f.value(redeemKey)
                // Right after the record it saves (that version is ours), or on the version the form showed.
                let redeem = StoreOperation.redeemCredential(courseID: course.id, pathwayID: pathway.isEmpty ? nil : pathway,
                                                             expected: operation == nil ? version : nil)
                if operation == nil { operation = redeem } else { then = redeem }
            }
        case .followPathway:
            let template = f.value("template")
            var pathway = data.templates.first { $0.name == template }?.pathway
            if pathway == nil, f.field("template")?.error == nil { f.setError("template", "no template \(template)") }
            let id = f.value("id")
            if !id.isEmpty {
                if Course.isValidID(id) { pathway?.id = id } else { f.setError("id", "use a-z, 0-9 and - (ug-cert-data)") }
            }
            if f.field("id")?.error == nil, let p = pathway, data.learner.pathway(p.id) != nil {
                f.setError("id", "you follow \(p.id) already; give another id")
            }
            let name = f.value("name")
            if !name.isEmpty { pathway?.name = name }
            if !f.hasErrors, let pathway { operation = .followPathway(pathway) }
        case .editSession(let session):
            var patch = SessionPatch()
            if f.field("when")?.touched == true {
                if let t = TimeInput.time(f.value("when"), now: now, calendar: data.calendar) { patch.start = t } else { f.setError("when", "expected 18:30 or yesterday 18:30") }
            }
            if f.field("duration")?.touched == true {
                switch StudyDuration.parse(f.value("duration")) {
                case .success(let s): patch.seconds = s
                case .failure(let p): f.setError("duration", "expected \(p.expected.replacingPrefix("a duration like ", with: ""))")
                }
            }
            if f.field("course")?.touched == true { patch.courseID = f.value("course") }
            if f.field("note")?.touched == true { patch.note = f.value("note") }
            if !f.hasErrors, patch.start != nil || patch.seconds != nil {
                let moved = patch.applied(to: session)
                if let problem = SessionRules.problem(start: moved.start, seconds: moved.durationSeconds, now: now) { f.setError(patch.start != nil ? "when" : "duration", problem) }
            }
            if !f.hasErrors, !patch.isEmpty { operation = .editSession(.id(session.id.text), patch, expected: session) }
        case .stopTimer(let timer):
            let when = f.value("when")
            if let end = TimeInput.time(when, now: now, calendar: data.calendar) {
                operation = .stopTimer(at: end.epochSeconds, expected: timer.id)
            } else {
                f.setError("when", "expected 21:00, yesterday 21:00 or 2026-11-28 21:00")
            }
        }
        if !f.hasErrors { return .success([operation, then].compactMap { $0 }) }
        if let first = f.fields.firstIndex(where: { $0.error != nil }) { f.focused = first }
        return .failure(FormErrors(form: f))
    }

    /// The course fields `only` picks, each parsed by its own grammar; problems go beside the field.
    private static func coursePatch(_ f: inout FormState, today: LocalDate, only: Set<CourseField>) -> CoursePatch {
        var patch = CoursePatch()
        for field in CourseField.allCases where only.contains(field) {
            switch field.parse(f.value(field.rawValue), today: today) {
            case .success(let change): patch.set(change)
            case .failure(let p): f.setError(field.rawValue, p.message)
            }
        }
        return patch
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
