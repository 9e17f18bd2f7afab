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
        s.submittedForm = nil
        reopen(&s)
        s.message = StatusMessage(text: text, kind: .success, until: s.now + 5)
    case .effectFailed(let text):
        var text = text
        if let form = s.submittedForm, s.overlay == nil {
            s.overlay = .form(form)
            text += " Kept: Enter tries again, Esc drops it."
        }
        s.submittedForm = nil
        if s.overlay == nil { reopen(&s) }
        s.message = StatusMessage(text: text, kind: .error, until: s.now + 8)
    case .planned(let id, let outcomes, let hoursSource):
        // For the window still open on that pathway; a closed or other one has no use for it.
        if case .plan(var w)? = s.overlay, w.pathwayID == id {
            w.outcomes.merge(outcomes) { _, new in new }
            w.hoursSource = hoursSource
            s.overlay = .plan(w)
        }
    case .sessionsLoaded(let id, let sessions, let then):
        guard s.data?.learner.course(id) != nil else { break }
        s.data?.courseSessions[id] = sessions.reversed()
        if case .sessions(id, let selected)? = s.overlay {
            s.overlay = .sessions(courseID: id, selected: max(0, min(selected, sessions.count - 1)))
        }
        if let then, s.overlay == nil, s.selectedCourse?.id == id { effects = perform(&s, then) }
    case .recentSessionsLoaded(let id, let sessions):
        guard s.data?.learner.course(id) != nil else { break }
        s.data?.recentSessions[id] = sessions.reversed()
    case .askTimerEnd(let problem):
        s.submittedForm = nil
        if let timer = s.data?.timer {
            askWhenTheTimerStopped(&s, timer)
            if let problem, case .form(var form)? = s.overlay {
                form.setError("when", problem)
                s.overlay = .form(form)
            }
        }
    case .changedElsewhere(let text):
        // What a course or credential form was based on changed: its changes come back on top of the new
        // record (the learner sees both and decides); anything else is dropped with the reason.
        let rebased = s.submittedForm.flatMap { form in s.data.flatMap { Forms.rebased(form, on: $0, today: s.today!) } }
        s.submittedForm = nil
        s.overlay = rebased.map { .form($0) }
        if rebased == nil { reopen(&s) }
        let said = rebased == nil ? text
            : String(text.prefix { $0 != ";" && $0 != "(" }).trimmed + ": nothing was saved. Your changes are kept on the new version: Enter saves, Esc drops them."
        s.message = StatusMessage(text: said, kind: .error, until: s.now + 10)
    case .resized(let size):
        s.screen = size
        if let overlay = s.overlay, let scroll = overlay.scroll { s.overlay = overlay.scrolled(to: min(scroll, ScrollingOverlay.maxScroll(overlay, s))) }
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
        // Esc closes windows elsewhere; here, where a window may have been open when the store stopped
        // reading, it must not quit. The key bar offers r and q.
        case .escape where s.loadError != nil: return []
        case .char("q"), .escape: return [.quit]
        case .char("r"):
            s.message = StatusMessage(text: "Read the store again from disk.", kind: .info, until: s.now + 3)
            return [.reload]
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
    guard let action = KeyBindings.action(for: key, in: .dashboard, focus: s.focus) else { return [] }
    return perform(&s, action)
}

private func perform(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard let data = s.data else { return [] }
    let courses = s.visibleCourses
    switch action {
    case .quit: return [.quit]
    case .help: s.overlay = .help(scroll: 0)
    case .reload:
        s.message = StatusMessage(text: "Read the store again from disk.", kind: .info, until: s.now + 3)
        return [.reload]
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
        if let c = s.selectedCourse {
            s.overlay = .detail(courseID: c.id, scroll: 0)
            return data.courseSessions[c.id] == nil && data.recentSessions[c.id] == nil ? [.loadRecentSessions(courseID: c.id)] : []
        }
    case .openSessions:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        s.overlay = .sessions(courseID: c.id, selected: 0)
        return loadSessions(of: c.id, data)
    case .openPlan:
        guard data.learner.pathways.indices.contains(s.selectedPathway) else { return [] }
        return openPlan(&s, pathwayID: data.learner.pathways[s.selectedPathway].id)
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
        s.overlay = .form(Forms.logSession(courseID: s.selectedCourse?.id, courses: data.listed))
    case .recordCredential:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        s.overlay = .form(Forms.credential(for: c, version: data.version(of: .course(c.id)), today: s.today!, pathways: data.learner.pathways))
    case .followPathway:
        s.overlay = .form(Forms.followPathway(data.templates))
    case .deleteCourse:
        guard let c = s.selectedCourse else { return nothingSelected(&s) }
        if data.timer?.courseID == c.id {
            s.message = StatusMessage(text: "A timer is running on \(c.id): stop it first (t).", kind: .error, until: s.now + 6)
            return []
        }
        // The dialog lists these sessions; the delete removes exactly them, or refuses if that changed.
        guard let logged = data.courseSessions[c.id] else { return [.loadSessions(courseID: c.id, then: .deleteCourse)] }
        let ids = Set(logged)
        var lines = ["Delete \(c.id), \(c.title)?"]
        if !ids.isEmpty { lines.append("Its \(ids.count) logged session\(ids.count == 1 ? "" : "s") will be deleted too.") }
        if c.credential != nil { lines.append("Its credential record goes with it.") }
        s.overlay = .confirm(Confirmation(title: "Delete course", lines: lines,
                                          effect: .perform(.removeCourse(id: c.id, sessions: .exactly(ids), expected: data.version(of: .course(c.id))))))
    case .toggleTimer:
        guard let c = s.selectedCourse ?? data.timer.flatMap({ data.learner.course($0.courseID) }) else { return needACourse(&s) }
        let now = data.calendar.timestamp(s.now)
        guard let timer = data.timer else {
            return [.perform(.startTimer(courseID: c.id, at: now, note: "", expectedRunning: nil))]
        }
        if timer.elapsedSeconds(now: s.now) > data.learner.profile.timerLimitMinutes * 60 {
            askWhenTheTimerStopped(&s, timer)
            return []
        }
        // On its own course `t` stops it; on another, it switches (stops and logs, then starts), as timewarrior does.
        if c.id == timer.courseID { return [.perform(.stopTimer(at: nil, expected: timer.id))] }
        return [.perform(.switchTimer(courseID: c.id, at: now, note: "", expected: timer.id))]
    default:
        // The keys of windows and the filter line act there (`handleOverlayKey`, `handleFilterKey`).
        break
    }
    return []
}

/// Back to the window a form or question came from (a course's sessions), its selection kept in range.
/// Opens the plan window on a pathway (cheapest first) and asks for its cheapest and soonest routes.
private func openPlan(_ s: inout AppState, pathwayID: String) -> [Effect] {
    guard s.data?.learner.pathway(pathwayID) != nil else { return [] }
    s.overlay = .plan(PlanWindow(pathwayID: pathwayID))
    return [.plan(pathwayID: pathwayID, objectives: [.cost, .time])]
}

private func handlePlanKey(_ s: inout AppState, _ window: PlanWindow, _ action: Action?) -> [Effect] {
    var w = window
    let count = w.route?.courses.count ?? 0
    switch action {
    case .close?: s.overlay = nil; return []
    case .down?: w.selected = min(max(0, count - 1), w.selected + 1)
    case .up?: w.selected = max(0, w.selected - 1)
    case .nextObjective?:
        let all = PlanObjective.allCases
        w.objective = all[(all.firstIndex(of: w.objective)! + 1) % all.count]
        w.selected = 0
        s.overlay = .plan(w)
        // Cheapest and soonest are asked for when the window opens; the fewest courses when first shown.
        return w.objective == .courses && w.outcome == nil ? [.plan(pathwayID: w.pathwayID, objectives: [.courses])] : []
    case .addPlannedCourse?:
        guard let route = w.route, route.courses.indices.contains(w.selected), let data = s.data else { return [] }
        let planned = route.courses[w.selected]
        if data.learner.course(planned.course.id) != nil {
            s.message = StatusMessage(text: "\(planned.course.id) is already among your courses.", kind: .info, until: s.now + 4)
            return []
        }
        s.overlay = nil
        s.selectedCourseID = planned.course.id
        return [.perform(.addCourse(planned.course.asCourse(status: .planned, start: planned.start, due: planned.end)))]
    default: return []
    }
    s.overlay = .plan(w)
    return []
}

private func reopen(_ s: inout AppState) {
    guard let back = s.returnTo else { return }
    s.returnTo = nil
    if case .sessions(let id, let selected) = back, s.data?.learner.course(id) != nil {
        s.overlay = .sessions(courseID: id, selected: max(0, min(selected, SessionsOverlay.sessions(s, courseID: id).count - 1)))
    }
}

/// A timer past the learner's limit is never logged up to "now": a dialog asks for the end, suggesting the
/// start plus the learner's usual session on that course (an hour when there is none), never later than now.
private func askWhenTheTimerStopped(_ s: inout AppState, _ timer: RunningTimer) {
    guard let data = s.data else { return }
    let usual = data.usualSessionSeconds(on: timer.courseID) ?? 3600
    let end = min(timer.started.epochSeconds + Int64(usual), s.now)
    s.overlay = .form(Forms.stopTimer(timer, suggestedEnd: data.calendar.timestamp(end), limitSeconds: data.learner.profile.timerLimitMinutes * 60))
}

/// Reads a course's sessions for a window that lists them, unless they are in hand.
private func loadSessions(of courseID: String, _ data: DashboardData) -> [Effect] {
    data.courseSessions[courseID] == nil ? [.loadSessions(courseID: courseID, then: nil)] : []
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
    switch KeyBindings.action(for: key, in: .filter) {
    case .acceptFilter?: s.filterEditing = false
    case .clearFilter?: s.filterEditing = false; s.filter = ""
    case .clearField?: s.filter = ""
    case let move? where move == .up || move == .down:
        s.filterEditing = false
        _ = perform(&s, move)
        return
    default:
        switch key {
        case .backspace: if !s.filter.isEmpty { s.filter.removeLast() }
        case .char(let c): s.filter.append(c)
        default: return
        }
    }
    if s.selectedIndex.map({ s.visibleCourses[$0].id }) != s.selectedCourseID {
        s.selectedCourseID = s.visibleCourses.first?.id ?? s.selectedCourseID
    }
}

private func handleOverlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
    let action = KeyBindings.action(for: key, in: overlay.keyMode)
    switch overlay {
    case .help, .detail, .breakdown:
        let scroll = overlay.scroll ?? 0
        let page = max(1, ScrollingOverlay.content(overlay, s, area: Rect(x: 0, y: 0, width: s.screen.width, height: s.screen.height))?.visibleRows ?? 10)
        let target: Int
        switch action {
        case .close?: s.overlay = nil; return []
        case .scrollDown?: target = scroll + 1
        case .scrollUp?: target = scroll - 1
        case .scrollPageDown?: target = scroll + page - 1
        case .scrollPageUp?: target = scroll - page + 1
        case .scrollTop?: target = 0
        case .scrollBottom?: target = Int.max
        default:
            // From a course's details, its keys act on it (e to edit, l to log...); ? closes help.
            if case .detail = overlay, let a = KeyBindings.action(for: key, in: .dashboard, focus: .courses),
               [.editCourse, .recordCredential, .logTime, .toggleTimer, .deleteCourse, .openSessions].contains(a) {
                s.overlay = nil
                return perform(&s, a)
            }
            if case .help = overlay, key == .char("?") { s.overlay = nil }
            if case .breakdown(let id, _) = overlay, action == .openPlan { return openPlan(&s, pathwayID: id) }
            return []
        }
        s.overlay = overlay.scrolled(to: max(0, min(target, ScrollingOverlay.maxScroll(overlay, s))))
    case .sessions(let courseID, let selected):
        let list = SessionsOverlay.sessions(s, courseID: courseID)
        let page = max(1, SessionsOverlay.box(ScrollingOverlay.room(Rect(x: 0, y: 0, width: s.screen.width, height: s.screen.height), s)).height - 2)
        var target = selected
        switch action {
        case .close?: s.overlay = nil; return []
        case .down?: target += 1
        case .up?: target -= 1
        case .pageDown?: target += page
        case .pageUp?: target -= page
        case .top?: target = 0
        case .bottom?: target = list.count - 1
        case .editSession?, .deleteSession?:
            guard list.indices.contains(selected), let data = s.data else { return [] }
            let session = list[selected]
            s.returnTo = overlay
            if action == .editSession {
                s.overlay = .form(Forms.editSession(session, calendar: data.calendar, courses: data.listed))
            } else {
                let local = data.calendar.timestamp(session.start.epochSeconds)
                s.overlay = .confirm(Confirmation(title: "Delete session", lines: [
                    "Delete session \(session.id): \(StudyDuration.label(seconds: session.durationSeconds)) on \(session.courseID),",
                    "\(local.local.date.shortLabel) \(local.local.date.year) \(local.clockLabel)\(session.note.isEmpty ? "" : " (\(session.note))")?",
                ], effect: .perform(.removeSession(.id(session.id.text), expected: session))))
            }
            return []
        default: return []
        }
        s.overlay = .sessions(courseID: courseID, selected: max(0, min(target, list.count - 1)))
    case .plan(let window):
        return handlePlanKey(&s, window, action)
    case .confirm(let confirmation):
        switch action {
        case .confirmYes?:
            s.overlay = nil
            return [confirmation.effect]
        case .confirmNo?:
            s.overlay = nil
            reopen(&s)
        default: break
        }
    case .form(var form):
        switch action {
        case .cancel?:
            s.overlay = nil
            let kept = if case .stopTimer = form.kind { "Cancelled; the timer keeps running." } else { "Cancelled; nothing was saved." }
            s.message = StatusMessage(text: kept, kind: .info, until: s.now + 3)
            reopen(&s)
            return []
        case .save?:
            guard let data = s.data else { return [] }
            switch Forms.submit(form, data: data, now: s.now) {
            case .success(let operations) where !operations.isEmpty:
                s.overlay = nil
                s.submittedForm = form
                if case .addCourse(let c) = operations[0] { s.selectedCourseID = c.id; s.filter = "" }
                return [operations.count == 1 ? .perform(operations[0]) : .performAll(operations)]
            case .success:
                s.overlay = nil
                reopen(&s)
                s.message = StatusMessage(text: "Nothing changed; nothing was saved.", kind: .info, until: s.now + 3)
            case .failure(let errors):
                s.overlay = .form(errors.form)
            }
            return []
        case .nextField?: form.focusNext()
        case .previousField?: form.focusPrevious()
        case .choosePrevious?: form.choose(-1)
        case .chooseNext?: form.choose(1)
        case .clearField?: form.clearFocused()
        default: guard form.type(key) else { return [] }
        }
        s.overlay = .form(form)
    }
    return []
}
