import CredStackCore

/// The smallest terminal the dashboard draws panes in; below it, a short message says what is needed.
public let minimumSize = Size(width: 60, height: 20)

/// The whole screen as a pure function of the state and the terminal size.
public func view(_ state: AppState, _ size: Size) -> CellGrid {
    var grid = CellGrid(size: size)
    guard size.width > 0, size.height > 0 else { return grid }
    let g = state.glyphs
    if size.width < minimumSize.width || size.height < minimumSize.height {
        let lines = ["Terminal too small", "need \(minimumSize.width)x\(minimumSize.height), have \(size.width)x\(size.height)", "q quits"]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            Label.draw(&grid, line, in: grid.bounds.row(top + i).inset(dx: 0, dy: 0), role: i == 0 ? .warning : .muted, glyphs: g,
                       indent: max(0, (size.width - TextWidth.of(line)) / 2))
        }
        return grid
    }
    let rows = ScreenLayout.rows(grid.bounds, state)
    drawHeader(&grid, rows[0], state)
    if let error = state.loadError {
        drawLoadError(&grid, rows[1], error, glyphs: g)
    } else if state.data == nil {
        Label.draw(&grid, "Loading…", in: rows[1].inset(dx: 2, dy: 1), role: .muted, glyphs: g)
    } else if state.isWelcome {
        drawWelcome(&grid, rows[1], state)
    } else {
        drawDashboard(&grid, rows[1], state)
    }
    drawStatusLine(&grid, rows[2], state)
    drawKeyBar(&grid, rows[3], state)
    // An error reading the store is never hidden: a window open before it comes back once the store reads.
    if let overlay = state.overlay, state.loadError == nil { drawOverlay(&grid, overlay, state, area: grid.bounds) }
    if state.glyphs == .ascii { grid.restrictToASCII() }
    return grid
}

private func drawHeader(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
    grid.fill(rect, role: .statusBar)
    let name = s.data?.learner.profile.name ?? ""
    Label.draw(&grid, " credstack" + (name.isEmpty ? "" : " · \(name)"), in: rect, role: .statusBar, glyphs: s.glyphs)
    if let today = s.today {
        // The week the week pane shows, so paging back says which week it is.
        let w = s.data!.calendar.startOfWeek(containing: today).adding(days: -7 * s.weekOffset)
        Label.draw(&grid, "\(today.weekday.shortName) \(today.day) \(LocalDate.monthNames[today.month - 1]) \(today.year) · week of \(w.day) \(LocalDate.monthNames[w.month - 1]) ",
                   in: rect, role: .statusBar, glyphs: s.glyphs, alignRight: true)
    }
}

/// Where everything goes: shared by drawing and by finding what a mouse click landed on.
enum ScreenLayout {
    /// Header, body, status line (two rows while a message needs them), key bar.
    static func rows(_ bounds: Rect, _ s: AppState) -> [Rect] {
        Layout.split(bounds, .vertical, [.fixed(1), .fill, .fixed(StatusLine.message(s, width: bounds.width).count), .fixed(1)])
    }

    static func panes(_ body: Rect, _ s: AppState) -> [Focus: Rect] {
        let wanted = s.visibleCourses.count + 3
        let coursesHeight = max(7, min(wanted, body.height * 45 / 100))
        let parts = Layout.split(body, .vertical, [.fixed(coursesHeight), .fill])
        let bottom = Layout.split(parts[1], .horizontal, [.percentage(55), .fill])
        return [.courses: parts[0], .week: bottom[0], .credits: bottom[1]]
    }
}

private func drawDashboard(_ grid: inout CellGrid, _ area: Rect, _ s: AppState) {
    let panes = ScreenLayout.panes(area, s)
    CoursesPane.draw(&grid, panes[.courses]!, s)
    WeekPane.draw(&grid, panes[.week]!, s)
    CreditsPane.draw(&grid, panes[.credits]!, s)
}

private func drawWelcome(_ grid: inout CellGrid, _ area: Rect, _ s: AppState) {
    let name = s.data?.learner.profile.name ?? ""
    let lines: [(String, Role)] = [
        ("Welcome to credstack\(name.isEmpty ? "" : ", \(name)")!", .titleFocused),
        ("", .text),
        ("Track your courses, your weekly study time against a goal,", .text),
        ("and how your credits stack toward a certificate or degree.", .text),
        ("", .text),
        ("  a   add your first course", .text),
        ("  ?   every key", .text),
        ("  q   quit", .text),
        ("", .text),
        ("Or from a shell:", .muted),
        ("credstack course add aws-cloud --title \"AWS Cloud\"", .muted),
    ]
    let box = area.centered(width: 64, height: lines.count + 4)
    let inner = Pane.draw(&grid, box, title: "Welcome", focused: true, glyphs: s.glyphs).inset(dx: 1, dy: 1)
    for (i, (text, role)) in lines.enumerated() { Label.draw(&grid, text, in: inner, row: i, role: role, glyphs: s.glyphs) }
}

private func drawLoadError(_ grid: inout CellGrid, _ area: Rect, _ error: String, glyphs: Glyphs) {
    let box = area.inset(dx: 2, dy: 1)
    let inner = Pane.draw(&grid, box, title: "The store could not be read", focused: true, glyphs: glyphs).inset(dx: 1, dy: 1)
    var row = 0
    for line in wrap(error, width: inner.width) {
        Label.draw(&grid, line, in: inner, row: row, role: .error, glyphs: glyphs)
        row += 1
    }
    row += 1
    for line in wrap("Nothing was changed. Fix the file in an editor (or run the command the message suggests), then press r to reload, or q to quit.", width: inner.width) {
        Label.draw(&grid, line, in: inner, row: row, role: .text, glyphs: glyphs)
        row += 1
    }
}

/// Splits text into lines no wider than `width`, at spaces where it can.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            var rest = String(word)
            while TextWidth.of(rest) > width {
                let head = TextWidth.truncate(rest, to: width, ellipsis: "")
                lines.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            line = rest
        }
        lines.append(line)
    }
    return lines
}

/// The line under the panes: the filter being typed, a message, a warning; the running timer on the right.
enum StatusLine {
    static func timer(_ s: AppState) -> String {
        guard let timer = s.data?.timer else { return "" }
        let e = timer.elapsedSeconds(now: s.now)
        return "\(s.glyphs.timer) \(timer.courseID) \(Digits.pad(e / 3600, 2)):\(Digits.pad(e / 60 % 60, 2)):\(Digits.pad(e % 60, 2)) "
    }

    /// The message's lines at this width: one, or two where it needs them (the second ends in … if even
    /// that is not enough). Messages are written to fit one line of 80 columns; this is the safety net.
    static func message(_ s: AppState, width: Int) -> [String] {
        guard !s.filterEditing, let m = s.message else { return [""] }
        let room = width - TextWidth.of(timer(s)) - 2
        let lines = wrap(m.text, width: max(10, room))
        guard lines.count > 1 else { return [" " + m.text] }
        let second = lines.dropFirst().joined(separator: " ")
        return [" " + lines[0], " " + TextWidth.truncate(second, to: max(10, room), ellipsis: s.glyphs.ellipsis)]
    }
}

private func drawStatusLine(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
    let g = s.glyphs
    let right = StatusLine.timer(s)
    let rightWidth = TextWidth.of(right)
    if !right.isEmpty { Label.draw(&grid, right, in: rect, role: .warning, glyphs: g, alignRight: true) }
    let left = Rect(x: rect.x, y: rect.y, width: rect.width - rightWidth - 1, height: rect.height)
    if s.filterEditing {
        let used = Label.draw(&grid, " / " + s.filter, in: left, role: .input, glyphs: g)
        Label.draw(&grid, "▏ Enter keeps · Esc clears", in: left, role: .muted, glyphs: g, indent: used)
    } else if let m = s.message {
        for (i, line) in StatusLine.message(s, width: rect.width).enumerated() {
            Label.draw(&grid, line, in: left, row: i, role: m.kind == .error ? .error : m.kind == .success ? .success : .text, glyphs: g)
        }
    } else if let w = s.data?.warnings.first {
        Label.draw(&grid, " " + w, in: left, role: .warning, glyphs: g)
    } else if !s.filter.isEmpty {
        Label.draw(&grid, " filter: \(s.filter)  (Esc clears)", in: left, role: .muted, glyphs: g)
    }
}

private func drawKeyBar(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
    let entries: [(keys: String, label: String)]
    if s.loadError != nil { entries = [("r", "reload"), ("q", "quit")] } else { entries = KeyBindings.bar(for: s.keyMode, focus: s.focus) }
    var x = rect.x + 1
    for (key, label) in entries {
        let needed = TextWidth.of(key) + TextWidth.of(label) + 3
        if x + needed > rect.maxX { break }
        x += grid.put(key, x: x, y: rect.y, role: .keyHint, clip: rect)
        x += grid.put(" " + label + "  ", x: x, y: rect.y, role: .muted, clip: rect)
    }
}
