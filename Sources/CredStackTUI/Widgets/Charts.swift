/// Vertical bars with a horizontal goal line and a label under each bar.
public struct BarChart {
    public var values: [Int]
    public var labels: [String]
    /// Values the goal line marks (e.g. the daily share of the weekly goal); 0 for none.
    public var goal: Int
    public var highlighted: Int?

    public init(values: [Int], labels: [String], goal: Int, highlighted: Int?) {
        self.values = values
        self.labels = labels
        self.goal = goal
        self.highlighted = highlighted
    }

    /// Draws bars in `rect`, with the last row for labels.
    public func draw(_ grid: inout CellGrid, _ rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 2, rect.width >= values.count, !values.isEmpty else { return }
        let chartHeight = rect.height - 1
        let slot = rect.width / values.count
        let barWidth = max(1, min(slot - 1, 5))
        let top = max(values.max() ?? 0, goal, 1)
        let goalRow = goal > 0 ? chartHeight - Int((Double(goal) / Double(top) * Double(chartHeight)).rounded()) : -1
        for (i, value) in values.enumerated() {
            let x = rect.x + i * slot + max(0, (slot - barWidth) / 2)
            let eighths = Int((Double(value) / Double(top) * Double(chartHeight * 8)).rounded())
            let role: Role = i == highlighted ? .barToday : .bar
            for r in 0..<chartHeight {
                let fromBottom = chartHeight - 1 - r
                let filled = eighths - fromBottom * 8
                let y = rect.y + r
                let ch: Character?
                if filled >= 8 { ch = glyphs.fullBlock } else if filled > 0 { ch = glyphs.verticalEighths[filled - 1] } else { ch = nil }
                if let ch { grid.put(String(repeating: ch, count: barWidth), x: x, y: y, role: role, clip: rect) }
                else if r == goalRow { grid.put(String(repeating: glyphs.goalLine, count: barWidth), x: x, y: y, role: .goalLine, clip: rect) }
            }
            if goalRow >= 0, goalRow < chartHeight, slot > barWidth {
                // The goal line runs through the gaps too, so it reads as one line across the week.
                let gapX = rect.x + i * slot
                for gx in gapX..<(gapX + slot) where gx < x || gx >= x + barWidth {
                    grid.put(String(glyphs.goalLine), x: gx, y: rect.y + goalRow, role: .goalLine, clip: rect)
                }
            }
            let label = TextWidth.truncate(i < labels.count ? labels[i] : "", to: slot, ellipsis: glyphs.ellipsis)
            grid.put(label, x: rect.x + i * slot + max(0, (slot - TextWidth.of(label)) / 2), y: rect.maxY - 1,
                     role: i == highlighted ? .barToday : .muted, clip: rect)
        }
    }
}

/// A horizontal bar split into done / in progress / missing segments.
public struct Gauge {
    public var done: Double
    public var inProgress: Double
    public var total: Double

    public init(done: Double, inProgress: Double, total: Double) {
        self.done = done
        self.inProgress = inProgress
        self.total = total
    }

    /// Column counts of the three segments for a bar `width` wide; they always add up to `width`.
    public func segments(width: Int) -> (done: Int, progress: Int, missing: Int) {
        guard total > 0, width > 0 else { return (0, 0, max(0, width)) }
        let d = min(width, Int((done / total * Double(width)).rounded()))
        let p = min(width - d, Int(((done + inProgress) / total * Double(width)).rounded()) - d)
        return (d, max(0, p), width - d - max(0, p))
    }

    public func draw(_ grid: inout CellGrid, x: Int, y: Int, width: Int, glyphs: Glyphs, clip: Rect) {
        let s = segments(width: width)
        var cx = x
        cx += grid.put(String(repeating: glyphs.gaugeDone, count: s.done), x: cx, y: y, role: .gaugeDone, clip: clip)
        cx += grid.put(String(repeating: glyphs.gaugeProgress, count: s.progress), x: cx, y: y, role: .gaugeProgress, clip: clip)
        grid.put(String(repeating: glyphs.gaugeMissing, count: s.missing), x: cx, y: y, role: .gaugeMissing, clip: clip)
    }
}
