import CredStackCore

func drawOverlay(_ grid: inout CellGrid, _ overlay: Overlay, _ s: AppState, area: Rect) {
    switch overlay {
    case .help, .detail, .breakdown:
        guard let content = ScrollingOverlay.content(overlay, s, area: area) else { return }
        drawScrollingBox(&grid, content, scroll: overlay.scroll ?? 0, glyphs: s.glyphs)
    case .sessions(let id, let selected): SessionsOverlay.draw(&grid, ScrollingOverlay.room(area, s), s, courseID: id, selected: selected)
    case .plan(let window): PlanOverlay.draw(&grid, ScrollingOverlay.room(area, s), s, window)
    case .form(let form): FormOverlay.draw(&grid, ScrollingOverlay.room(area, s), form, glyphs: s.glyphs)
    case .confirm(let c): ConfirmOverlay.draw(&grid, ScrollingOverlay.room(area, s), c, glyphs: s.glyphs)
    }
}

/// A scrolling list of lines in a bordered box: help, a course's details, a pathway's breakdown.
private func drawScrollingBox(_ grid: inout CellGrid, _ content: ScrollingOverlay.Content, scroll: Int, glyphs: Glyphs) {
    let lines = content.lines
    let visible = content.visibleRows
    let offset = min(scroll, content.maxScroll)
    let more = content.maxScroll > 0 ? "\(offset + 1)-\(min(lines.count, offset + visible))/\(lines.count)" : ""
    let inner = Pane.draw(&grid, content.box, title: content.title, focused: true, glyphs: glyphs, rightTitle: more).inset(dx: 1, dy: 0)
    for (i, (text, role)) in lines.dropFirst(offset).prefix(visible).enumerated() {
        Label.draw(&grid, text, in: inner, row: i, role: role, glyphs: glyphs)
    }
}

/// What a scrolling window shows and where: one builder for drawing it and for keeping its scroll in range.
enum ScrollingOverlay {
    struct Content {
        var box: Rect
        var title: String
        var lines: [(String, Role)]
        var visibleRows: Int { max(0, box.height - 2) }
        var maxScroll: Int { max(0, lines.count - visibleRows) }
    }

    /// Windows open between the header and the status line (one row or two), so a message stays whole
    /// beside them.
    static func room(_ screen: Rect, _ s: AppState) -> Rect {
        ScreenLayout.rows(screen, s)[1]
    }

    static func content(_ overlay: Overlay, _ s: AppState, area screen: Rect) -> Content? {
        let area = room(screen, s)
        switch overlay {
        case .help: return HelpOverlay.content(area)
        case .detail(let id, _): return DetailOverlay.content(area, s, courseID: id)
        case .breakdown(let id, _): return BreakdownOverlay.content(area, s, pathwayID: id)
        default: return nil
        }
    }

    /// The furthest the window can scroll on the screen the dashboard was last drawn on.
    static func maxScroll(_ overlay: Overlay, _ s: AppState) -> Int {
        content(overlay, s, area: Rect(x: 0, y: 0, width: s.screen.width, height: s.screen.height))?.maxScroll ?? 0
    }
}

enum HelpOverlay {
    static func lines(width: Int) -> [(String, Role)] {
        var out: [(String, Role)] = []
        func section(_ name: String, _ bindings: [KeyBinding]) {
            guard !bindings.isEmpty else { return }
            if !out.isEmpty { out.append(("", .text)) }
            out.append((name, .header))
            for b in bindings {
                for (i, part) in wrap(b.help, width: max(10, width - 18)).enumerated() {
                    out.append(("  " + TextWidth.fit(i == 0 ? b.keyLabel : "", 16) + part, .text))
                }
            }
        }
        let dashboard = KeyBindings.all.filter { $0.mode == .dashboard }
        section("Anywhere", dashboard.filter { $0.panes.isEmpty })
        section("Courses pane", dashboard.filter { $0.panes.contains(.courses) })
        section("This week pane", dashboard.filter { $0.panes == [.week] })
        section("Credits pane", dashboard.filter { $0.panes == [.credits] })
        for mode in [KeyMode.form, .scrolling, .sessionList, .plan, .confirm, .filter] {
            section(mode.title, KeyBindings.all.filter { $0.mode == mode })
        }
        out.append(("", .text))
        for note in ["Esc closes any window. The timer lives in the store: it keeps running after q.",
                     "With --mouse (or mouse = true in the profile): click a pane or row, wheel scrolls."] {
            for part in wrap(note, width: width) { out.append((part, .muted)) }
        }
        return out
    }

    static func content(_ area: Rect) -> ScrollingOverlay.Content {
        let width = min(max(20, area.width - 4), 76)
        let lines = lines(width: width - 4)
        let box = area.centered(width: width, height: min(lines.count + 2, area.height))
        return ScrollingOverlay.Content(box: box, title: "Keys", lines: lines)
    }
}

enum DetailOverlay {
    static func content(_ area: Rect, _ s: AppState, courseID: String) -> ScrollingOverlay.Content? {
        guard let data = s.data, let today = s.today, let course = data.learner.course(courseID) else { return nil }
        var lines: [(String, Role)] = course.facts(today: today).map { fact in
            fact.value.isEmpty ? (fact.label, .header) : ("  " + TextWidth.fit(fact.label, 14) + fact.value, .text)
        }
        let logged = data.history.logged(on: courseID)
        lines.append(("Sessions: \(logged.sessions), \(StudyDuration.label(seconds: logged.seconds)) in all", .header))
        guard let newestFirst = data.courseSessions[courseID] ?? data.recentSessions[courseID] else {
            if logged.sessions > 0 { lines.append(("  reading them...", .muted)) }
            return ScrollingOverlay.Content(box: area.inset(dx: 2, dy: 0), title: course.title, lines: lines)
        }
        for session in newestFirst.prefix(DashboardData.recentCount) {
            let local = data.calendar.timestamp(session.start.epochSeconds)
            lines.append(("  " + local.local.date.columnLabel + " \(local.clockLabel)  "
                          + TextWidth.fit(StudyDuration.label(seconds: session.durationSeconds), 7) + " " + session.note, .text))
        }
        return ScrollingOverlay.Content(box: area.inset(dx: 2, dy: 0), title: course.title, lines: lines)
    }
}

/// A pathway's full explanation: the same lines `credstack credits` prints.
enum BreakdownOverlay {
    static func content(_ area: Rect, _ s: AppState, pathwayID: String) -> ScrollingOverlay.Content? {
        guard let data = s.data, let today = s.today, let report = data.credits.first(where: { $0.pathway.id == pathwayID }) else { return nil }
        let box = area.inset(dx: 2, dy: 0)
        // Every word matters here (dates, reasons), so long lines wrap instead of being cut.
        let width = max(10, box.width - 4)
        var lines: [(String, Role)] = []
        for line in report.explanation(today: today).dropFirst() {
            let role: Role
            switch line.kind {
            case .title, .heading: role = .header
            case .met: role = .success
            case .unmet: role = .warning
            case .note: role = .muted
            case .plain: role = .text
            }
            let indent = String(repeating: "  ", count: line.depth)
            for (i, part) in wrap(line.text, width: width - indent.count - (line.depth > 0 ? 6 : 2)).enumerated() {
                lines.append(((i == 0 ? indent : indent + (line.depth > 0 ? "      " : "  ")) + part, role))
            }
        }
        lines.append(("", .text))
        lines.append(("Plan", .header))
        let offer = data.catalog.count
        for part in wrap(offer == 0
                         ? "No catalogs yet: add one (credstack catalog add FILE) and press p here for the cheapest and the soonest route to this award."
                         : "p: the cheapest and the soonest route to this award from \(offer) catalog course\(offer == 1 ? "" : "s"), proved optimal; Enter there adds a course as planned.",
                         width: width - 2) {
            lines.append(("  " + part, .keyHint))
        }
        return ScrollingOverlay.Content(box: box, title: report.pathway.name, lines: lines)
    }
}

/// A course's sessions, newest first, to pick one to edit or delete.
enum SessionsOverlay {
    static func sessions(_ s: AppState, courseID: String) -> [StudySession] {
        guard let data = s.data else { return [] }
        return data.courseSessions[courseID] ?? []
    }

    static func box(_ area: Rect) -> Rect { area.inset(dx: 2, dy: 0) }

    static func draw(_ grid: inout CellGrid, _ area: Rect, _ s: AppState, courseID: String, selected: Int) {
        guard let data = s.data else { return }
        let list = sessions(s, courseID: courseID)
        let box = box(area)
        let visible = max(0, box.height - 2)
        let offset = Table.scrollOffset(selected: selected, count: list.count, visibleRows: visible)
        let title = "Sessions: " + (data.learner.course(courseID)?.title ?? courseID)
        let position = list.count > visible ? "\(offset + 1)-\(min(list.count, offset + visible))/\(list.count)" : "\(list.count)"
        let inner = Pane.draw(&grid, box, title: title, focused: true, glyphs: s.glyphs, rightTitle: position).inset(dx: 1, dy: 0)
        if list.isEmpty {
            Label.draw(&grid, data.courseSessions[courseID] == nil ? "Reading its sessions..." : "No sessions yet: l logs one, t starts a timer.",
                       in: inner, role: .muted, glyphs: s.glyphs)
            return
        }
        for (i, session) in list.enumerated().dropFirst(offset).prefix(visible) {
            let local = data.calendar.timestamp(session.start.epochSeconds)
            let text = "\(session.id)  \(local.local.date.columnLabel) \(local.local.date.year) \(local.clockLabel)  "
                + TextWidth.fit(StudyDuration.label(seconds: session.durationSeconds), 7) + " " + session.note
            let row = inner.row(i - offset)
            if i == selected { grid.fill(row, role: .selection) }
            Label.draw(&grid, text, in: row, role: i == selected ? .selection : .text, glyphs: s.glyphs)
        }
    }
}

enum FormOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ form: FormState, glyphs: Glyphs) {
        // 78 columns on an 80-column terminal; wider ones give values and hints more room.
        let box = area.centered(width: max(min(78, area.width), min(area.width - 4, 110)), height: form.fields.count + 4)
        let inner = Pane.draw(&grid, box, title: form.title, focused: true, glyphs: glyphs).inset(dx: 1, dy: 1)
        guard inner.height > 0 else { return }
        let labelWidth = min(14, inner.width / 4)
        let valueWidth = max(4, min(inner.width >= 100 ? 40 : 26, (inner.width - labelWidth) / 2))
        let hintX = inner.x + labelWidth + valueWidth + 2
        let hintWidth = inner.maxX - hintX
        let offset = Table.scrollOffset(selected: form.focused, count: form.fields.count, visibleRows: inner.height)
        for (i, field) in form.fields.enumerated().dropFirst(offset).prefix(inner.height) {
            let y = inner.y + i - offset
            let focused = i == form.focused
            grid.put(TextWidth.fit(field.label, labelWidth), x: inner.x, y: y, role: focused ? .titleFocused : .text, clip: inner)
            // Show the end of a long value, where the learner is typing; a choice from its start.
            var shown = field.shownValue
            if !field.choices.isEmpty { shown = TextWidth.truncate(shown, to: valueWidth - 1, ellipsis: glyphs.ellipsis) }
            while TextWidth.of(shown) > valueWidth - 1 { shown.removeFirst() }
            let cursor = focused && field.choices.isEmpty ? "▏" : ""
            grid.put(TextWidth.fit(shown + cursor, valueWidth), x: inner.x + labelWidth + 1, y: y, role: .input, clip: inner)
            let hintRect = Rect(x: hintX, y: y, width: hintWidth, height: 1)
            // What does not fit here is said whole on the form's last line while the field has focus.
            if let error = field.error {
                Label.draw(&grid, "✗ " + (focused && TextWidth.of("✗ " + error) > hintWidth ? "see below" : error), in: hintRect, role: .error, glyphs: glyphs)
            } else if focused || !field.choices.isEmpty, !focused || TextWidth.of(field.currentHint) <= hintWidth {
                Label.draw(&grid, field.currentHint, in: hintRect, role: .muted, glyphs: glyphs)
            }
        }
        // The focused field's hint or error, when it did not fit beside it.
        guard form.fields.indices.contains(form.focused), box.maxY - 2 > inner.y else { return }
        let field = form.fields[form.focused]
        let text = field.error.map { "✗ \(field.label): " + $0 } ?? field.currentHint
        if TextWidth.of(field.error.map { "✗ " + $0 } ?? text) > hintWidth {
            Label.draw(&grid, text, in: Rect(x: inner.x, y: box.maxY - 2, width: inner.width, height: 1),
                       role: field.error == nil ? .muted : .error, glyphs: glyphs)
        }
    }
}

enum ConfirmOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ c: Confirmation, glyphs: Glyphs) {
        // Border, blank, the question, blank, the answers, blank, border.
        let box = area.centered(width: 64, height: c.lines.count + 6)
        let inner = Pane.draw(&grid, box, title: c.title, focused: true, glyphs: glyphs).inset(dx: 1, dy: 1)
        for (i, line) in c.lines.enumerated() { Label.draw(&grid, line, in: inner, row: i, glyphs: glyphs) }
        // The answers as the key table has them, so the question and the handler agree.
        let answers = KeyBindings.all.filter { $0.mode == .confirm }.map { $0.keys.prefix(2).map(\.label).joined(separator: "/") + "  " + $0.help }
        Label.draw(&grid, answers.joined(separator: "    "), in: inner, row: c.lines.count + 1, role: .keyHint, glyphs: glyphs)
    }
}

/// The route to a pathway's award: the cheapest and the soonest side by side, then the chosen objective's
/// courses, one selected (Enter adds it to the learner's courses as planned).
enum PlanOverlay {
    static func box(_ area: Rect) -> Rect { area.inset(dx: 2, dy: 0) }

    static func month(_ d: LocalDate) -> String { "\(LocalDate.monthNames[d.month - 1]) \(d.year)" }

    static func summary(_ outcome: PlanOutcome?) -> String {
        switch outcome {
        case nil: return "planning..."
        case .alreadyMet?: return "nothing to add: met once the courses under way are done"
        case .impossible(let reasons, _)?: return "no route: " + (reasons.first ?? "")
        case .route(let r, _)?:
            return "\(r.courses.count) course\(r.courses.count == 1 ? "" : "s"), \(r.feeLabel), every rule met \(r.completion)"
                + (r.bound == nil ? "" : " (search stopped)")
        }
    }

    static func draw(_ grid: inout CellGrid, _ area: Rect, _ s: AppState, _ w: PlanWindow) {
        guard let data = s.data else { return }
        let box = box(area)
        let name = data.learner.pathway(w.pathwayID)?.name ?? w.pathwayID
        let inner = Pane.draw(&grid, box, title: "Plan: " + name, focused: true, glyphs: s.glyphs, rightTitle: w.objective.phrase).inset(dx: 1, dy: 0)
        guard inner.height > 0 else { return }
        var row = 0
        func line(_ text: String, _ role: Role) {
            guard row < inner.height else { return }
            Label.draw(&grid, text, in: inner, row: row, role: role, glyphs: s.glyphs)
            row += 1
        }
        line("Cheapest: " + summary(w.cheapest), w.objective == .cost ? .header : .text)
        line("Soonest:  " + summary(w.soonest), w.objective == .time ? .header : .text)
        if w.objective == .courses { line("Fewest:   " + summary(w.outcome), .header) }
        switch w.outcome {
        case nil:
            line("Planning: weighing every catalog course against the rules...", .muted)
            row = inner.height - 1
            line("Esc: close   the full plan: credstack plan \(w.pathwayID)", .keyHint)
        case .alreadyMet?:
            line("What you hold, with the courses under way finished, meets every rule.", .success)
        case .impossible(let reasons, let notes)?:
            for reason in reasons { for part in wrap(reason, width: inner.width) { line(part, .warning) } }
            for note in notes.prefix(2) { for part in wrap("Note: " + note, width: inner.width) { line(part, .muted) } }
        case .route(let route, _)?:
            let proof = route.boundLabel.map { "not proved: none can beat \($0)" } ?? "proved optimal"
            let pace = w.hoursSource.hasPrefix("your pace") ? "your pace" : w.hoursSource.hasPrefix("your weekly goal") ? "your weekly goal" : "as stated"
            line("\(route.objective.phrase.capitalized) route, \(proof), at \(StudyDuration.label(minutes: Int((route.hoursPerWeek * 60).rounded()))) a week (\(pace))", .muted)
            let footer = 1
            let visible = max(0, inner.height - row - footer)
            let offset = Table.scrollOffset(selected: w.selected, count: route.courses.count, visibleRows: visible)
            let idWidth = min(20, max(8, inner.width / 4))
            for (i, c) in route.courses.enumerated().dropFirst(offset).prefix(visible) {
                let fee = c.course.fee.map { (Double($0.amount) ?? 0) == 0 ? "free" : $0.label } ?? "fee ?"
                let fills = c.fills.replacingOccurrences(of: "the ", with: "").replacingOccurrences(of: " minimum", with: "")
                let text = TextWidth.fit(c.course.id, idWidth) + " " + TextWidth.fit(CreditFormat.label(c.credits) + " cr", 6)
                    + " " + TextWidth.fit(fee, 10) + " " + TextWidth.fit(fills, 11) + " " + month(c.start) + " - " + month(c.studyEnd)
                let rect = inner.row(row)
                if i == w.selected { grid.fill(rect, role: .selection) }
                Label.draw(&grid, text, in: rect, role: i == w.selected ? .selection : .text, glyphs: s.glyphs)
                row += 1
            }
            if route.courses.isEmpty { line("No catalog course is needed.", .muted) }
            row = inner.height - 1
            line("Enter: add it as planned   o: objective   the full plan: credstack plan \(w.pathwayID)", .keyHint)
        }
    }
}
