/// What a cell means, not how it looks: a theme turns each role into colours and attributes.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case text
    case muted
    case border
    case borderFocused = "border_focused"
    case title
    case titleFocused = "title_focused"
    case header
    case selection
    case selectionInactive = "selection_inactive"
    case bar
    case barToday = "bar_today"
    case goalLine = "goal_line"
    case gaugeDone = "gauge_done"
    case gaugeProgress = "gauge_progress"
    case gaugeMissing = "gauge_missing"
    case warning
    case error
    case success
    case statusBar = "status_bar"
    case keyHint = "key_hint"
    case input
}
