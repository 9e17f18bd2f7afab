import CredStackCore

/// One terminal cell: one spacing character with the zero-width marks that follow it (how ncurses stores a
/// cell, so Devanagari vowel signs and accents draw right), the columns it takes (2 for wide, 0 for the cell
/// a wide one covers) and its role.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: Role

    public init(_ text: String, width: UInt8 = 1, role: Role = .text) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(" ")
}

/// What `view` returns: a width x height grid of cells, drawn by the terminal backend and compared as text in tests.
public struct CellGrid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, role: Role = .text) {
        self.size = size
        cells = Array(repeating: Cell(" ", role: role), count: size.width * size.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell { cells[y * size.width + x] }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * size.width + x
        // Never leave half of a wide character behind.
        if cells[i].width == 0, x > 0 { cells[i - 1] = Cell(" ", role: cells[i - 1].role) }
        if cells[i].width == 2, x + 1 < size.width { cells[i + 1] = Cell(" ", role: cells[i + 1].role) }
        cells[i] = cell
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole grid). Control characters are shown
    /// escaped (never raw), wide graphemes take two cells, and one that would straddle the edge becomes a space.
    /// Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY, y >= 0, y < size.height else { return 0 }
        let right = min(area.maxX, size.width)
        var cx = x
        for (unit, w) in TextWidth.cells(DisplaySafe.text(text)) {
            if cx + w > right { if cx < right, cx >= area.x { set(cx, y, Cell(" ", role: role)) }; break }
            if cx >= max(area.x, 0) {
                set(cx, y, Cell(unit, width: UInt8(w), role: role))
                if w == 2 { set(cx + 1, y, Cell(" ", width: 0, role: role)) }
            }
            cx += w
        }
        return max(0, cx - x)
    }

    public mutating func fill(_ rect: Rect, role: Role) {
        let r = clipped(rect)
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { set(x, y, Cell(" ", role: role)) } }
    }

    /// Changes the role of every cell in `rect`, keeping the characters (selection highlight).
    public mutating func paint(_ rect: Rect, role: Role) {
        let r = clipped(rect)
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * size.width + x].role = role } }
    }

    /// For a terminal that shows only ASCII: punctuation becomes its ASCII look-alike and any other
    /// character a `?` in each column it took, so every border stays where it was.
    public mutating func restrictToASCII() {
        let lookalikes: [String: String] = ["–": "-", "—": "-", "·": ".", "…": "~", "✓": "*", "✗": "x", "▏": "|",
                                            "←": "<", "→": ">", "↑": "^", "↓": "v", "⏱": "T", "“": "\"", "”": "\"", "’": "'"]
        for i in cells.indices where !cells[i].text.allSatisfy(\.isASCII) {
            // A wide character becomes one `?` per column; the cell it covered is the second.
            if cells[i].width == 2, i + 1 < cells.count { cells[i + 1] = Cell("?", role: cells[i + 1].role) }
            cells[i] = Cell(lookalikes[cells[i].text] ?? "?", role: cells[i].role)
        }
    }

    public func clipped(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        let x1 = min(size.width, r.maxX), y1 = min(size.height, r.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Each row as text (covered cells of wide characters skipped), trailing spaces kept.
    public var lines: [String] {
        (0..<size.height).map { y in
            var s = ""
            for x in 0..<size.width where self[x, y].width != 0 { s += self[x, y].text }
            return s
        }
    }

    /// Rows joined with newlines, trailing spaces trimmed: the form snapshot tests compare.
    public var text: String {
        lines.map { line in
            var l = line
            while l.last == " " { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }

    /// The role at the first cell of `needle` on any row, for tests that check colours by meaning.
    public func role(of needle: String) -> Role? {
        for y in 0..<size.height {
            var columnOfScalar: [Int] = []
            var s = ""
            for x in 0..<size.width where self[x, y].width != 0 {
                s += self[x, y].text
                columnOfScalar += Array(repeating: x, count: self[x, y].text.unicodeScalars.count)
            }
            if let r = s.range(of: needle) {
                let idx = s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: r.lowerBound)
                return self[columnOfScalar[idx], y].role
            }
        }
        return nil
    }
}
