import CredStackCore

func drawOverlay(_ grid: inout CellGrid, _ overlay: Overlay, _ s: AppState, area: Rect) {
    switch overlay {
    case .help(let scroll): HelpOverlay.draw(&grid, area, scroll: scroll, glyphs: s.glyphs)
    case .detail(let id, let scroll): DetailOverlay.draw(&grid, area, s, courseID: id, scroll: scroll)
    case .breakdown(let id, let scroll): BreakdownOverlay.draw(&grid, area, s, pathwayID: id, scroll: scroll)
    case .form(let form): FormOverlay.draw(&grid, area, form, glyphs: s.glyphs)
    case .confirm(let c): ConfirmOverlay.draw(&grid, area, c, glyphs: s.glyphs)
    }
}

/// A scrolling list of lines in a bordered box; shared by help and course detail.
private func drawScrollingBox(_ grid: inout CellGrid, _ box: Rect, title: String, lines: [(String, Role)], scroll: Int, glyphs: Glyphs) {
    let visible = max(0, box.height - 2)
    let maxScroll = max(0, lines.count - visible)
    let offset = min(scroll, maxScroll)
    let more = maxScroll > 0 ? "\(offset + 1)-\(min(lines.count, offset + visible))/\(lines.count)" : ""
    let inner = Pane.draw(&grid, box, title: title, focused: true, glyphs: glyphs, rightTitle: more).inset(dx: 1, dy: 0)
    for (i, (text, role)) in lines.dropFirst(offset).prefix(visible).enumerated() {
        Label.draw(&grid, text, in: inner, row: i, role: role, glyphs: glyphs)
    }
}

enum HelpOverlay {
    static func lines() -> [(String, Role)] {
        var out: [(String, Role)] = []
        let groups: [(String, (KeyBinding) -> Bool)] = [
            ("Anywhere", { $0.panes.isEmpty }),
            ("Courses pane", { $0.panes.contains(.courses) }),
            ("This week pane", { $0.panes == [.week] }),
            ("Credits pane", { $0.panes == [.credits] }),
        ]
        for (name, belongs) in groups {
            if !out.isEmpty { out.append(("", .text)) }
            out.append((name, .header))
            for b in KeyBindings.all where belongs(b) {
                out.append(("  " + TextWidth.fit(b.keyLabel, 14) + b.help, .text))
            }
        }
        out.append(("", .text))
        out.append(("In forms", .header))
        out.append(("  " + TextWidth.fit("Tab/↓ Shift-Tab/↑", 20) + "next / previous field", .text))
        out.append(("  " + TextWidth.fit("←/→", 20) + "choose among options", .text))
        out.append(("  " + TextWidth.fit("Enter", 20) + "save (errors show beside the field)", .text))
        out.append(("  " + TextWidth.fit("Esc", 20) + "cancel without saving", .text))
        out.append(("  " + TextWidth.fit("Ctrl-U", 20) + "clear the field", .text))
        out.append(("", .text))
        out.append(("Esc closes any window. The timer lives in the store: it keeps running after q.", .muted))
        out.append(("With --mouse (or mouse = true in the profile): click a pane or row, wheel scrolls.", .muted))
        return out
    }

    static func draw(_ grid: inout CellGrid, _ area: Rect, scroll: Int, glyphs: Glyphs) {
        let lines = lines()
        let box = area.centered(width: 72, height: min(lines.count + 2, area.height - 2))
        drawScrollingBox(&grid, box, title: "Keys", lines: lines, scroll: scroll, glyphs: glyphs)
    }
}

enum DetailOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ s: AppState, courseID: String, scroll: Int) {
        guard let data = s.data, let today = s.today, let course = data.learner.course(courseID) else { return }
        var lines: [(String, Role)] = course.facts(today: today).map { fact in
            fact.value.isEmpty ? (fact.label, .header) : ("  " + TextWidth.fit(fact.label, 14) + fact.value, .text)
        }
        let sessions = data.sessions.filter { $0.courseID == courseID }
        let total = sessions.reduce(0) { $0 + $1.durationSeconds }
        lines.append(("Sessions: \(sessions.count), \(StudyDuration.label(seconds: total)) in all", .header))
        for session in sessions.suffix(50).reversed() {
            let local = data.calendar.timestamp(session.start.epochSeconds)
            lines.append(("  \(local.local.date.shortLabel) \(local.clockLabel)  " + TextWidth.fit(StudyDuration.label(seconds: session.durationSeconds), 7)
                          + " " + session.note, .text))
        }
        let box = area.inset(dx: 2, dy: 1)
        drawScrollingBox(&grid, box, title: course.title, lines: lines, scroll: scroll, glyphs: s.glyphs)
    }
}

/// A pathway's full explanation: the same lines `credstack credits` prints.
enum BreakdownOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ s: AppState, pathwayID: String, scroll: Int) {
        guard let data = s.data, let today = s.today, let report = data.credits.first(where: { $0.pathway.id == pathwayID }) else { return }
        let box = area.inset(dx: 2, dy: 1)
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
        drawScrollingBox(&grid, box, title: report.pathway.name, lines: lines, scroll: scroll, glyphs: s.glyphs)
    }
}

enum FormOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ form: FormState, glyphs: Glyphs) {
        let box = area.centered(width: 78, height: form.fields.count + 4)
        let inner = Pane.draw(&grid, box, title: form.title, focused: true, glyphs: glyphs).inset(dx: 1, dy: 1)
        guard inner.height > 0 else { return }
        let labelWidth = min(14, inner.width / 4)
        let valueWidth = max(4, min(26, (inner.width - labelWidth) / 2))
        let hintX = inner.x + labelWidth + valueWidth + 2
        let offset = Table.scrollOffset(selected: form.focused, count: form.fields.count, visibleRows: inner.height)
        for (i, field) in form.fields.enumerated().dropFirst(offset).prefix(inner.height) {
            let y = inner.y + i - offset
            let focused = i == form.focused
            grid.put(TextWidth.fit(field.label, labelWidth), x: inner.x, y: y, role: focused ? .titleFocused : .text, clip: inner)
            // Show the end of a long value, where the learner is typing.
            var shown = field.value
            while TextWidth.of(shown) > valueWidth - 1 { shown.removeFirst() }
            let cursor = focused ? "▏" : ""
            grid.put(TextWidth.fit(shown + cursor, valueWidth), x: inner.x + labelWidth + 1, y: y, role: .input, clip: inner)
            let hintRect = Rect(x: hintX, y: y, width: inner.maxX - hintX, height: 1)
            if let error = field.error {
                Label.draw(&grid, "✗ " + error, in: hintRect, role: .error, glyphs: glyphs)
            } else if focused || !field.choices.isEmpty {
                Label.draw(&grid, field.hint, in: hintRect, role: .muted, glyphs: glyphs)
            }
        }
    }
}

enum ConfirmOverlay {
    static func draw(_ grid: inout CellGrid, _ area: Rect, _ c: Confirmation, glyphs: Glyphs) {
        let box = area.centered(width: 64, height: c.lines.count + 5)
        let inner = Pane.draw(&grid, box, title: c.title, focused: true, glyphs: glyphs).inset(dx: 1, dy: 1)
        for (i, line) in c.lines.enumerated() { Label.draw(&grid, line, in: inner, row: i, glyphs: glyphs) }
        Label.draw(&grid, "y  yes, delete      n / Esc  keep it", in: inner, row: c.lines.count + 1, role: .keyHint, glyphs: glyphs)
    }
}
