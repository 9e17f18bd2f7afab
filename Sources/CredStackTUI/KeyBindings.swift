public enum Action: Hashable, Sendable {
    case quit, help, nextPane, previousPane, focusCourses, focusWeek, focusCredits
    case up, down, pageUp, pageDown, top, bottom, previousWeek, nextWeek
    case filter, open, openBreakdown, addCourse, editCourse, logTime, recordCredential, deleteCourse, toggleTimer, reload, cycleTheme
}

/// One entry of the key table. The same table drives input, the help screen and the key bar.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    /// Panes where it applies; empty means everywhere.
    public var panes: Set<Focus>
    /// Short label for the bottom key bar; nil keeps it out of the bar.
    public var bar: String?

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    public func applies(in focus: Focus) -> Bool { panes.isEmpty || panes.contains(focus) }
}

public enum KeyBindings {
    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.char("q")], action: .quit, help: "quit (the timer keeps running)", panes: [], bar: "quit"),
        KeyBinding(keys: [.char("?")], action: .help, help: "this help", panes: [], bar: "help"),
        KeyBinding(keys: [.tab], action: .nextPane, help: "next pane", panes: [], bar: "pane"),
        KeyBinding(keys: [.backTab], action: .previousPane, help: "previous pane", panes: [], bar: nil),
        KeyBinding(keys: [.char("1")], action: .focusCourses, help: "go to Courses", panes: [], bar: nil),
        KeyBinding(keys: [.char("2")], action: .focusWeek, help: "go to This week", panes: [], bar: nil),
        KeyBinding(keys: [.char("3")], action: .focusCredits, help: "go to Credits", panes: [], bar: nil),
        KeyBinding(keys: [.char("a")], action: .addCourse, help: "add a course", panes: [], bar: "add"),
        KeyBinding(keys: [.char("l")], action: .logTime, help: "log study time", panes: [], bar: "log"),
        KeyBinding(keys: [.char("t")], action: .toggleTimer, help: "start a timer on the course / stop and log it", panes: [], bar: "timer"),
        KeyBinding(keys: [.char("[")], action: .previousWeek, help: "previous week", panes: [], bar: nil),
        KeyBinding(keys: [.char("]")], action: .nextWeek, help: "next week", panes: [], bar: nil),
        KeyBinding(keys: [.left, .char("h")], action: .previousWeek, help: "previous week", panes: [.week], bar: "prev week"),
        KeyBinding(keys: [.right], action: .nextWeek, help: "next week", panes: [.week], bar: "next week"),
        KeyBinding(keys: [.char("j"), .down], action: .down, help: "move down", panes: [.courses, .credits], bar: nil),
        KeyBinding(keys: [.char("k"), .up], action: .up, help: "move up", panes: [.courses, .credits], bar: nil),
        KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down", panes: [.courses], bar: nil),
        KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up", panes: [.courses], bar: nil),
        KeyBinding(keys: [.home, .char("g")], action: .top, help: "first course", panes: [.courses], bar: nil),
        KeyBinding(keys: [.end, .char("G")], action: .bottom, help: "last course", panes: [.courses], bar: nil),
        KeyBinding(keys: [.enter], action: .open, help: "open the course's details", panes: [.courses], bar: "open"),
        KeyBinding(keys: [.enter], action: .openBreakdown, help: "the pathway's breakdown: rules, allocation, reasons", panes: [.credits], bar: "breakdown"),
        KeyBinding(keys: [.char("/")], action: .filter, help: "filter courses by text", panes: [.courses], bar: "filter"),
        KeyBinding(keys: [.char("e")], action: .editCourse, help: "edit the course", panes: [.courses], bar: "edit"),
        KeyBinding(keys: [.char("c")], action: .recordCredential, help: "record the credential it earned", panes: [.courses], bar: nil),
        KeyBinding(keys: [.char("d"), .delete], action: .deleteCourse, help: "delete the course (asks first)", panes: [.courses], bar: nil),
        KeyBinding(keys: [.char("r")], action: .reload, help: "reload the store from disk", panes: [], bar: nil),
        KeyBinding(keys: [.char("T")], action: .cycleTheme, help: "next colour theme", panes: [], bar: nil),
    ]

    public static func action(for key: Key, in focus: Focus) -> Action? {
        return all.first { $0.applies(in: focus) && $0.keys.contains(key) }?.action
    }

    public static func bar(for focus: Focus) -> [(keys: String, label: String)] {
        all.filter { $0.bar != nil && $0.applies(in: focus) }.map { ($0.keys[0].label, $0.bar!) }
    }
}
