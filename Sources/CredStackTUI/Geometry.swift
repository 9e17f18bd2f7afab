public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle inside a one-cell border.
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }

    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

    public func inset(dx: Int, dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy) }

    /// The row `i` of this rectangle, one cell high.
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i < height ? 1 : 0) }

    /// A `w` x `h` rectangle centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

/// How much of a split a part takes, as in ratatui's layout.
public enum Constraint: Hashable, Sendable {
    case fixed(Int)
    case min(Int)
    case percentage(Int)
    case fill
}

public enum Axis: Sendable { case horizontal, vertical }

public enum Layout {
    /// Splits `rect` along `axis`. Fixed and percentage parts get their size first (shrunk in order if
    /// there is not room), `min` parts at least their minimum, and what is left goes to `min` and `fill`
    /// parts evenly. Sizes always add up to the rectangle's length; none is negative.
    public static func split(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        let total = axis == .horizontal ? rect.width : rect.height
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n): return n
            case .min(let n): return n
            case .percentage(let p): return total * p / 100
            case .fill: return 0
            }
        }
        var over = sizes.reduce(0, +) - total
        // Not enough room: take it back from the last parts first.
        var i = sizes.count - 1
        while over > 0, i >= 0 {
            let cut = Swift.min(over, sizes[i])
            sizes[i] -= cut
            over -= cut
            i -= 1
        }
        let growable = constraints.indices.filter {
            if case .fill = constraints[$0] { return true }
            if case .min = constraints[$0] { return true }
            return false
        }
        var spare = total - sizes.reduce(0, +)
        if spare > 0 {
            let targets = growable.isEmpty ? [constraints.count - 1] : growable
            for (k, idx) in targets.enumerated() {
                let share = spare / (targets.count - k)
                sizes[idx] += share
                spare -= share
            }
        }
        var out: [Rect] = []
        var pos = axis == .horizontal ? rect.x : rect.y
        for s in sizes {
            out.append(axis == .horizontal ? Rect(x: pos, y: rect.y, width: s, height: rect.height)
                                           : Rect(x: rect.x, y: pos, width: rect.width, height: s))
            pos += s
        }
        return out
    }
}
