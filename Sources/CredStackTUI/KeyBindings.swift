public enum Action: Hashable, Sendable {
    // The dashboard's panes.
    case quit, help, nextPane, previousPane, focusCourses, focusWeek, focusCredits
    case up, down, pageUp, pageDown, top, bottom, previousWeek, nextWeek
    case filter, open, openBreakdown, addCourse, editCourse, logTime, recordCredential, deleteCourse, toggleTimer, reload, cycleTheme
    case followPathway, openSessions, openPlan
    // The plan window.
    case nextObjective, addPlannedCourse
    // A course's sessions.
    case editSession, deleteSession
    // Windows that scroll (help, a course's details, a pathway's breakdown).
    case close, scrollUp, scrollDown, scrollPageUp, scrollPageDown, scrollTop, scrollBottom
    // A yes/no question.
    case confirmYes, confirmNo
    // A form.
    case save, cancel, nextField, previousField, choosePrevious, chooseNext, clearField
    // The filter line.
    case acceptFilter, clearFilter
}

/// What has the keyboard: the panes, or a window over them.
public enum KeyMode: Hashable, Sendable {
    case dashboard, scrolling, sessionList, plan, confirm, form, filter

    public var title: String {
        switch self {
        case .dashboard: return "Anywhere"
        case .scrolling: return "In help, details and breakdowns"
        case .sessionList: return "In a course's sessions"
        case .plan: return "In a plan"
        case .confirm: return "When asked yes or no"
        case .form: return "In forms"
        case .filter: return "While filtering"
        }
    }
}

/// One entry of the key table. The same table drives input, the help screen and the key bar, for the panes
/// and for every window, so what the help says, what the bar shows and what a key does cannot disagree.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    public var mode: KeyMode
    /// Panes where it applies (dashboard mode); empty means everywhere.
    public var panes: Set<Focus>
    /// Short label for the bottom key bar; nil keeps it out of the bar.
    public var bar: String?
    /// How the bar writes the keys, when not the first key's label (`←/→`).
    public var barKeys: String?

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    public func applies(in mode: KeyMode, _ focus: Focus) -> Bool {
        self.mode == mode && (panes.isEmpty || panes.contains(focus))
    }
}

public enum KeyBindings {
    static func pane(_ keys: [Key], _ action: Action, _ help: String, _ panes: Set<Focus> = [], bar: String? = nil) -> KeyBinding {
        KeyBinding(keys: keys, action: action, help: help, mode: .dashboard, panes: panes, bar: bar, barKeys: nil)
    }

    static func window(_ mode: KeyMode, _ keys: [Key], _ action: Action, _ help: String, bar: String? = nil, barKeys: String? = nil) -> KeyBinding {
        KeyBinding(keys: keys, action: action, help: help, mode: mode, panes: [], bar: bar, barKeys: barKeys)
    }

    public static let all: [KeyBinding] = [
        pane([.char("q")], .quit, "quit (the timer keeps running)", bar: "quit"),
        pane([.char("?")], .help, "this help", bar: "help"),
        pane([.tab], .nextPane, "next pane", bar: "pane"),
        pane([.backTab], .previousPane, "previous pane"),
        pane([.char("1")], .focusCourses, "go to Courses"),
        pane([.char("2")], .focusWeek, "go to This week"),
        pane([.char("3")], .focusCredits, "go to Credits"),
        pane([.char("a")], .addCourse, "add a course", bar: "add"),
        pane([.char("l")], .logTime, "log study time", bar: "log"),
        pane([.char("t")], .toggleTimer, "timer: start on the course, stop and log it, or switch to this course", bar: "timer"),
        pane([.char("p")], .followPathway, "follow a pathway (a certificate, diploma, degree) from a template"),
        pane([.char("[")], .previousWeek, "previous week"),
        pane([.char("]")], .nextWeek, "next week"),
        pane([.left], .previousWeek, "previous week", [.week], bar: "prev week"),
        pane([.right], .nextWeek, "next week", [.week], bar: "next week"),
        pane([.char("j"), .down], .down, "move down", [.courses, .credits]),
        pane([.char("k"), .up], .up, "move up", [.courses, .credits]),
        pane([.pageDown], .pageDown, "page down", [.courses]),
        pane([.pageUp], .pageUp, "page up", [.courses]),
        pane([.home, .char("g")], .top, "first course", [.courses]),
        pane([.end, .char("G")], .bottom, "last course", [.courses]),
        pane([.enter], .open, "open the course's details", [.courses], bar: "open"),
        pane([.enter], .openBreakdown, "the pathway's breakdown: rules, allocation, reasons", [.credits], bar: "breakdown"),
        pane([.char("P")], .openPlan, "plan the route to the pathway's award from the catalogs", [.credits], bar: "plan"),
        pane([.char("/")], .filter, "filter courses by text", [.courses], bar: "filter"),
        pane([.char("e")], .editCourse, "edit the course", [.courses], bar: "edit"),
        pane([.char("c")], .recordCredential, "record or change the credential it earned", [.courses]),
        pane([.char("s")], .openSessions, "the course's sessions: edit or delete one", [.courses], bar: "sessions"),
        pane([.char("d"), .delete], .deleteCourse, "delete the course (asks first)", [.courses]),
        pane([.char("r")], .reload, "reload the store from disk"),
        pane([.char("T")], .cycleTheme, "next colour theme"),

        window(.scrolling, [.escape, .char("q"), .enter], .close, "close", bar: "close"),
        window(.scrolling, [.char("j"), .down], .scrollDown, "scroll down", bar: "scroll", barKeys: "j/k"),
        window(.scrolling, [.char("k"), .up], .scrollUp, "scroll up"),
        window(.scrolling, [.pageDown, .char(" ")], .scrollPageDown, "page down", bar: "page"),
        window(.scrolling, [.pageUp, .char("b")], .scrollPageUp, "page up"),
        window(.scrolling, [.home, .char("g")], .scrollTop, "top"),
        window(.scrolling, [.end, .char("G")], .scrollBottom, "bottom"),

        window(.sessionList, [.escape, .char("q")], .close, "close", bar: "close"),
        window(.sessionList, [.char("j"), .down], .down, "next session", bar: "move", barKeys: "j/k"),
        window(.sessionList, [.char("k"), .up], .up, "previous session"),
        window(.sessionList, [.pageDown, .char(" ")], .pageDown, "page down"),
        window(.sessionList, [.pageUp, .char("b")], .pageUp, "page up"),
        window(.sessionList, [.home, .char("g")], .top, "newest"),
        window(.sessionList, [.end, .char("G")], .bottom, "oldest"),
        window(.sessionList, [.char("e"), .enter], .editSession, "edit the session", bar: "edit"),
        window(.sessionList, [.char("d"), .delete], .deleteSession, "delete the session (asks first)", bar: "delete"),

        window(.scrolling, [.char("P"), .char("p")], .openPlan, "in a breakdown: plan the route to the award"),

        window(.plan, [.escape, .char("q")], .close, "close", bar: "close"),
        window(.plan, [.char("j"), .down], .down, "next course", bar: "move", barKeys: "j/k"),
        window(.plan, [.char("k"), .up], .up, "previous course"),
        window(.plan, [.char("o")], .nextObjective, "next objective: cheapest, soonest, fewest courses", bar: "objective"),
        window(.plan, [.enter, .char("a")], .addPlannedCourse, "add the course to your courses as planned", bar: "add"),

        window(.confirm, [.char("y"), .char("Y")], .confirmYes, "yes", bar: "yes"),
        window(.confirm, [.char("n"), .char("N"), .escape, .char("q")], .confirmNo, "no, leave it as it is", bar: "no"),

        window(.form, [.enter], .save, "save (errors show beside the field)", bar: "save"),
        window(.form, [.escape], .cancel, "cancel without saving", bar: "cancel"),
        window(.form, [.tab, .down], .nextField, "next field", bar: "next field"),
        window(.form, [.backTab, .up], .previousField, "previous field"),
        window(.form, [.left], .choosePrevious, "previous choice", bar: "choose", barKeys: "←/→"),
        window(.form, [.right], .chooseNext, "next choice"),
        window(.form, [.ctrl("u")], .clearField, "clear the field"),

        window(.filter, [.enter], .acceptFilter, "keep the filter", bar: "keep"),
        window(.filter, [.escape], .clearFilter, "clear the filter", bar: "clear"),
        window(.filter, [.ctrl("u")], .clearField, "clear what was typed"),
        window(.filter, [.down], .down, "stop typing, next course"),
        window(.filter, [.up], .up, "stop typing, previous course"),
    ]

    public static func action(for key: Key, in mode: KeyMode, focus: Focus = .courses) -> Action? {
        all.first { $0.applies(in: mode, focus) && $0.keys.contains(key) }?.action
    }

    /// The bottom bar's entries: the bar keys of what has the keyboard.
    public static func bar(for mode: KeyMode, focus: Focus = .courses) -> [(keys: String, label: String)] {
        all.filter { $0.bar != nil && $0.applies(in: mode, focus) }.map { ($0.barKeys ?? $0.keys[0].label, $0.bar!) }
    }
}
