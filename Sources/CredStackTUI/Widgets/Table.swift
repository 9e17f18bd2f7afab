/// A scrolling table with a header row and one selected row.
public struct Table {
    public struct Column {
        public var title: String
        public var width: Int
        public var alignRight: Bool
        public init(_ title: String, width: Int, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    public struct CellText {
        public var text: String
        public var role: Role
        public init(_ text: String, _ role: Role = .text) {
            self.text = text
            self.role = role
        }
    }

    public var columns: [Column]
    public var rows: [[CellText]]
    public var selected: Int?
    public var focused: Bool

    public init(columns: [Column], rows: [[CellText]], selected: Int?, focused: Bool) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.focused = focused
    }

    /// The first row to show so that `selected` is visible in `visibleRows`, keeping it near the middle when scrolling.
    public static func scrollOffset(selected: Int, count: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0, count > visibleRows else { return 0 }
        return min(max(0, selected - visibleRows / 2), count - visibleRows)
    }

    /// "7-12/30" when not every row fits in `rect`, for the pane's border; "" when all do.
    public func position(in rect: Rect) -> String {
        let visible = rect.height - 1
        guard rows.count > visible, visible > 0 else { return "" }
        let offset = Table.scrollOffset(selected: selected ?? 0, count: rows.count, visibleRows: visible)
        return "\(offset + 1)-\(min(rows.count, offset + visible))/\(rows.count)"
    }

    public func draw(_ grid: inout CellGrid, _ rect: Rect, glyphs: Glyphs) {
        guard rect.height > 0, rect.width > 0 else { return }
        var x = rect.x
        for c in columns {
            grid.put(TextWidth.fit(c.title, c.width, alignRight: c.alignRight), x: x, y: rect.y, role: .header, clip: rect)
            x += c.width + 1
        }
        let visible = rect.height - 1
        let offset = Table.scrollOffset(selected: selected ?? 0, count: rows.count, visibleRows: visible)
        for (i, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
            let y = rect.y + 1 + i - offset
            var x = rect.x
            for (c, cell) in zip(columns, row) {
                let text = TextWidth.fit(TextWidth.truncate(cell.text, to: c.width, ellipsis: glyphs.ellipsis), c.width, alignRight: c.alignRight)
                grid.put(text, x: x, y: y, role: cell.role, clip: rect)
                x += c.width + 1
            }
            if i == selected { grid.paint(rect.row(y - rect.y), role: focused ? .selection : .selectionInactive) }
        }
    }
}
