import CredStackCore

/// A click focuses the pane under it and selects the course or pathway row it hit; the wheel moves the
/// selection (or scrolls an open window, or steps through weeks in This week). Mouse reporting is opt-in,
/// so by default the terminal's own text selection keeps working.
func handleMouse(_ s: inout AppState, _ mouse: MouseEvent) {
    guard s.data != nil, s.loadError == nil, !s.isWelcome, !s.filterEditing else { return }
    let step: Key? = mouse.kind == .wheelUp ? .up : mouse.kind == .wheelDown ? .down : nil
    if let overlay = s.overlay {
        // Only scrolling windows take the wheel; a form or a confirmation ignores the mouse.
        switch overlay {
        case .help, .detail, .breakdown: if let step { s = update(s, .key(step)).0 }
        case .sessions, .plan: if let step { s = update(s, .key(step)).0 }
        case .form, .confirm: break
        }
        return
    }
    let body = ScreenLayout.rows(Rect(x: 0, y: 0, width: mouse.screen.width, height: mouse.screen.height), s)[1]
    guard mouse.screen.width >= minimumSize.width, mouse.screen.height >= minimumSize.height,
          let (pane, rect) = ScreenLayout.panes(body, s).first(where: { $0.value.contains(x: mouse.x, y: mouse.y) }) else { return }
    s.focus = pane
    if let step {
        if pane == .week {
            s.weekOffset = step == .up ? min(s.weekOffset + 1, 520) : max(0, s.weekOffset - 1)
        } else {
            s = update(s, .key(step)).0
        }
        return
    }
    let inner = rect.inner.inset(dx: 1, dy: 0)
    switch pane {
    case .courses:
        // The table's first line is its header; rows follow, scrolled to keep the selection in view.
        let courses = s.visibleCourses
        let visible = inner.height - 1
        let offset = Table.scrollOffset(selected: s.selectedIndex ?? 0, count: courses.count, visibleRows: visible)
        let row = mouse.y - inner.y - 1
        if row >= 0, row < visible, offset + row < courses.count { s.selectedCourseID = courses[offset + row].id }
    case .credits:
        let count = s.data?.credits.count ?? 0
        let visible = max(1, inner.height / CreditsPane.rowsPerPathway)
        let offset = Table.scrollOffset(selected: s.selectedPathway, count: count, visibleRows: visible)
        let index = offset + (mouse.y - inner.y) / CreditsPane.rowsPerPathway
        if mouse.y >= inner.y, index < count { s.selectedPathway = index }
    case .week:
        break
    }
}
