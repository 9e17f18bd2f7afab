/// A bordered box with a title in the top edge; returns the area inside the border.
public enum Pane {
    @discardableResult
    public static func draw(_ grid: inout CellGrid, _ rect: Rect, title: String, focused: Bool, glyphs: Glyphs,
                            rightTitle: String = "") -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let role: Role = focused ? .borderFocused : .border
        let h = String(glyphs.horizontal)
        grid.put(String(glyphs.topLeft) + String(repeating: h, count: rect.width - 2) + String(glyphs.topRight),
                 x: rect.x, y: rect.y, role: role)
        grid.put(String(glyphs.bottomLeft) + String(repeating: h, count: rect.width - 2) + String(glyphs.bottomRight),
                 x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.put(String(glyphs.vertical), x: rect.x, y: y, role: role)
            grid.put(String(glyphs.vertical), x: rect.maxX - 1, y: y, role: role)
        }
        grid.fill(rect.inner, role: .text)
        let room = rect.width - 4
        if room > 0 {
            let t = TextWidth.truncate(" \(title) ", to: room, ellipsis: glyphs.ellipsis)
            let used = grid.put(t, x: rect.x + 2, y: rect.y, role: focused ? .titleFocused : .title)
            let rt = " \(rightTitle) "
            if !rightTitle.isEmpty, TextWidth.of(rt) + used + 2 <= room {
                grid.put(rt, x: rect.maxX - 2 - TextWidth.of(rt), y: rect.y, role: .muted)
            }
        }
        return rect.inner
    }
}

/// A line of text inside a rectangle, cut with an ellipsis if it is too long.
public enum Label {
    @discardableResult
    public static func draw(_ grid: inout CellGrid, _ text: String, in rect: Rect, row: Int = 0, role: Role = .text,
                            glyphs: Glyphs, alignRight: Bool = false, indent: Int = 0) -> Int {
        guard row < rect.height, rect.width > indent else { return 0 }
        let t = TextWidth.truncate(text, to: rect.width - indent, ellipsis: glyphs.ellipsis)
        let x = alignRight ? rect.maxX - TextWidth.of(t) : rect.x + indent
        return grid.put(t, x: x, y: rect.y + row, role: role, clip: rect)
    }
}
