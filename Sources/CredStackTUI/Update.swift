import CredStackCore
import CredStackOperations

/// The whole behaviour of the dashboard: a pure function from a state and an event to the next state and
/// the effects to run. No I/O here; the program runs effects and reports back with events.
public func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
    var s = state
    var effects: [Effect] = []
    switch event {
    case .tick(let now):
        s.now = now
        if let m = s.message, m.until <= now { s.message = nil }
        // A new day: credits may have expired overnight, so reload and evaluate them again.
        if let data = s.data, data.calendar.localDay(of: now) != data.creditsDay { effects = [.reload] }
    case .loaded(let data):
        s.data = data
        s.loadError = nil
        if s.selectedCourseID == nil || data.learner.course(s.selectedCourseID!) == nil {
            s.selectedCourseID = s.visibleCourses.first?.id
        }
        s.selectedPathway = min(s.selectedPathway, max(0, data.learner.pathways.count - 1))
    case .loadFailed(let error):
        s.loadError = error
    case .effectSucceeded(let text):
        s.message = StatusMessage(text: text, kind: .success, until: s.now + 5)
    case .effectFailed(let text):
        s.message = StatusMessage(text: text, kind: .error, until: s.now + 8)
    case .changedElsewhere(let text):
        s.overlay = nil
        s.message = StatusMessage(text: text, kind: .error, until: s.now + 10)
    case .key(let key):
        effects = handleKey(&s, key)
    case .mouse(let mouse):
        handleMouse(&s, mouse)
    }
    return (s, effects)
}

private func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
    if s.loadError != nil || s.data == nil {
        switch key {
        case .char("q"), .escape: return [.quit]
        case .char("r"): return [.reload]
        default: return []
        }
    }
    if let overlay = s.overlay { return handleOverlayKey(&s, overlay, key) }
    if s.filterEditing { handleFilterKey(&s, key); return [] }
    if key == .escape {
        if !s.filter.isEmpty { s.filter = ""; return [] }
        s.message = nil
        return []
    }
    guard let action = KeyBindings.action(for: key, in: s.focus) else { return [] }
    return perform(&s, action)
}

private func perform(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard let data = s.data else { return [] }
    let courses = s.visibleCourses
    switch action {
    case .quit: return [.quit]
    case .help: s.overlay = .help(scroll: 0)
    case .reload: return [.reload]
    case .cycleTheme: return [.cycleTheme]
    case .nextPane: s.focus = Focus(rawValue: (s.focus.rawValue + 1) % 3)!
    case .previousPane: s.focus = Focus(rawValue: (s.focus.rawValue + 2) % 3)!
    case .focusCourses: s.focus = .courses
    case .focusWeek: s.focus = .week
    case .focusCredits: s.focus = .credits
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        if s.focus == .credits {
            let n = data.learner.pathways.count
            guard n > 0 else { return [] }
            s.selectedPathway = max(0, min(n - 1, s.selectedPathway + (action == .down ? 1 : action == .up ? -1 : 0)))
        } else if let i = s.selectedIndex {
            let page = 5
            let target: Int
            switch action {
            case .up: target = i - 1
            case .down: target = i + 1
            case .pageUp: target = i - page
            case .pageDown: target = i + page
            case .top: target = 0
            default: target = courses.count - 1
            }
            s.selectedCourseID = courses[max(0, min(courses.count - 1, target))].id
        }
    case .previousWeek: s.weekOffset = min(s.weekOffset + 1, 520)
    case .nextWeek: s.weekOffset = max(0, s.weekOffset - 1)
    case .filter:
        s.focus = .courses
        s.filterEditing = true
    case .open:
        if let c = s.selectedCourse { s.overlay = .detail(courseID: c.id, scroll: 0) }
    case .openBreakdown:
        if data.learner.pathways.indices.contains(s.selectedPathway) {
            s.overlay = .breakdown(pathwayID: data.learner.pathways[s.selectedPathway].id, scroll: 0)
        }
    case .addCourse:
        s.overlay = .form(Forms.addCourse())
    case .editCourse:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        s.overlay = .form(Forms.editCourse(c, version: data.version(of: .course(c.id))))
    case .logTime:
        guard !data.learner.courses.isEmpty else { return needACourse(&s) }
        s.overlay = .form(Forms.logSession(courseID: s.selectedCourse?.id, courses: data.learner.courses))
    case .recordCredential:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        s.overlay = .form(Forms.credential(for: c, version: data.version(of: .course(c.id)), today: s.today!))
    case .deleteCourse:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        if data.timer?.courseID == c.id {
            s.message = StatusMessage(text: "A timer is running on \(c.id): stop it first (t).", kind: .error, until: s.now + 6)
            return []
        }
        // The dialog lists these sessions; the delete removes exactly them, or refuses if that changed.
        let ids = Set(data.sessions.lazy.filter { $0.courseID == c.id }.map(\.id))
        var lines = ["Delete \(c.id), \(c.title)?"]
        if !ids.isEmpty { lines.append("Its \(ids.count) logged session\(ids.count == 1 ? "" : "s") will be deleted too.") }
        if c.credential != nil { lines.append("Its credential record goes with it.") }
        s.overlay = .confirm(Confirmation(title: "Delete course", lines: lines,
                                          effect: .perform(.removeCourse(id: c.id, sessions: .exactly(ids), expected: data.version(of: .course(c.id))))))
    case .toggleTimer:
        if let timer = data.timer { return [.perform(.stopTimer(at: nil, expected: timer.id))] }
        guard let c = s.selectedCourse else { return needACourse(&s) }
        return [.perform(.startTimer(courseID: c.id, at: data.calendar.timestamp(s.now), note: "", expectedRunning: nil))]
    }
    return []
}

private func nothingSelected(_ s: inout AppState) -> [Effect] {
    s.message = StatusMessage(text: "Select a course in the Courses pane first.", kind: .info, until: s.now + 4)
    return []
}

private func needACourse(_ s: inout AppState) -> [Effect] {
    s.message = StatusMessage(text: "Add a course first: press a.", kind: .info, until: s.now + 4)
    return []
}

private func handleFilterKey(_ s: inout AppState, _ key: Key) {
    switch key {
    case .enter: s.filterEditing = false
    case .escape: s.filterEditing = false; s.filter = ""
    case .backspace: if !s.filter.isEmpty { s.filter.removeLast() }
    case .ctrl("u"): s.filter = ""
    case .char(let c): s.filter.append(c)
    case .up, .down:
        s.filterEditing = false
        _ = perform(&s, key == .up ? .up : .down)
        return
    default: return
    }
    if s.selectedIndex.map({ s.visibleCourses[$0].id }) != s.selectedCourseID {
        s.selectedCourseID = s.visibleCourses.first?.id ?? s.selectedCourseID
    }
}

private func handleOverlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
    switch overlay {
    case .help(let scroll):
        switch key {
        case .escape, .char("?"), .char("q"), .enter: s.overlay = nil
        case .down, .char("j"): s.overlay = .help(scroll: scroll + 1)
        case .up, .char("k"): s.overlay = .help(scroll: max(0, scroll - 1))
        default: break
        }
    case .detail(let id, let scroll):
        switch key {
        case .escape, .char("q"), .enter: s.overlay = nil
        case .down, .char("j"): s.overlay = .detail(courseID: id, scroll: scroll + 1)
        case .up, .char("k"): s.overlay = .detail(courseID: id, scroll: max(0, scroll - 1))
        case .pageDown: s.overlay = .detail(courseID: id, scroll: scroll + 10)
        case .pageUp: s.overlay = .detail(courseID: id, scroll: max(0, scroll - 10))
        case .char("e"), .char("c"), .char("l"), .char("t"), .char("d"):
            s.overlay = nil
            return handleKey(&s, key)
        default: break
        }
    case .breakdown(let id, let scroll):
        switch key {
        case .escape, .char("q"), .enter: s.overlay = nil
        case .down, .char("j"): s.overlay = .breakdown(pathwayID: id, scroll: scroll + 1)
        case .up, .char("k"): s.overlay = .breakdown(pathwayID: id, scroll: max(0, scroll - 1))
        case .pageDown: s.overlay = .breakdown(pathwayID: id, scroll: scroll + 10)
        case .pageUp: s.overlay = .breakdown(pathwayID: id, scroll: max(0, scroll - 10))
        default: break
        }
    case .confirm(let confirmation):
        switch key {
        case .char("y"), .char("Y"):
            s.overlay = nil
            return [confirmation.effect]
        case .char("n"), .char("N"), .escape, .char("q"): s.overlay = nil
        default: break
        }
    case .form(var form):
        switch key {
        case .escape:
            s.overlay = nil
            s.message = StatusMessage(text: "Cancelled; nothing was saved.", kind: .info, until: s.now + 3)
        case .enter:
            guard let data = s.data else { return [] }
            switch Forms.submit(form, data: data, now: s.now) {
            case .success(let operation?):
                s.overlay = nil
                if case .addCourse(let c) = operation { s.selectedCourseID = c.id; s.filter = "" }
                return [.perform(operation)]
            case .success(nil):
                s.overlay = nil
                s.message = StatusMessage(text: "Nothing changed; nothing was saved.", kind: .info, until: s.now + 3)
            case .failure(let errors):
                s.overlay = .form(errors.form)
            }
        default:
            if form.handle(key) { s.overlay = .form(form) }
        }
    }
    return []
}
