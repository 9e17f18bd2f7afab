import CredStackCore
import CredStackStore

public struct FormField: Equatable, Sendable {
    public var key: String
    public var label: String
    public var value: String
    /// The expected form, shown beside the field (and in the error when the value does not fit it).
    public var hint: String
    /// When not empty, the only values allowed; ←/→ cycle through them, typing finds one.
    public var choices: [String]
    /// What the form shows for each choice (a course's title for its id); empty: the choices themselves.
    public var choiceLabels: [String]
    /// What was typed to find a choice.
    public var search = ""
    public var error: String?
    /// The value the form opened with: a field whose value is still this was not touched, and an edit
    /// writes nothing for it (a rounded or reformatted value never goes back to the file).
    public var original: String

    public init(_ key: String, _ label: String, value: String = "", hint: String = "", choices: [String] = [], choiceLabels: [String] = []) {
        self.key = key
        self.label = label
        self.value = value
        self.hint = hint
        self.choices = choices
        self.choiceLabels = choiceLabels.count == choices.count ? choiceLabels : []
        original = value
    }

    public var touched: Bool { value.trimmed != original.trimmed }

    func choiceLabel(_ i: Int) -> String { choiceLabels.isEmpty ? choices[i] : choiceLabels[i] }

    /// The value as the form shows it: a choice by its label.
    public var shownValue: String {
        guard let i = choices.firstIndex(of: value) else { return value }
        return choiceLabel(i)
    }

    /// The choices that match what was typed, in order: anywhere in the label, or the start of the value
    /// (an id), any case. Compared scalar by scalar, so a Hindi word matches while its last letter is being
    /// typed (प is the start of प्).
    var matchingChoices: [Int] {
        let needle = Array(search.lowercased().unicodeScalars)
        guard !needle.isEmpty else { return Array(choices.indices) }
        return choices.indices.filter {
            FormField.contains(Array(choiceLabel($0).lowercased().unicodeScalars), needle) || choices[$0].lowercased().unicodeScalars.starts(with: needle)
        }
    }

    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The hint beside the field; for a choice being searched, what was typed and how many match.
    public var currentHint: String {
        guard !choices.isEmpty, !search.isEmpty else { return hint }
        let n = matchingChoices.count
        if n == 0 { return "nothing matches \"\(search)\"" }
        return "find \"\(search)\": \(n) match\(n == 1 ? "" : "es")" + (n > 1 ? ", ←/→ for the others" : "")
    }

    /// Text typed to find a choice that matches none: saving would not know what was meant.
    public var unmatchedSearch: Bool { !choices.isEmpty && !search.isEmpty && matchingChoices.isEmpty }
}

public struct FormState: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case addCourse
        /// The course as shown and the version of its file.
        case editCourse(original: Course, version: RecordVersion)
        case logSession
        case credential(course: Course, version: RecordVersion)
        case followPathway
        /// A session as the list showed it.
        case editSession(StudySession)
        /// The timer, stopped at a time the learner gives (it ran longer than their limit).
        case stopTimer(RunningTimer)
    }

    public var kind: Kind
    public var title: String
    public var fields: [FormField]
    public var focused = 0

    public init(kind: Kind, title: String, fields: [FormField], focused: Int = 0) {
        self.kind = kind
        self.title = title
        self.fields = fields
        self.focused = focused
    }

    public func value(_ key: String) -> String {
        (fields.first { $0.key == key }?.value ?? "").trimmed
    }

    public func field(_ key: String) -> FormField? { fields.first { $0.key == key } }

    public mutating func setError(_ key: String, _ message: String?) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }

    public var hasErrors: Bool { fields.contains { $0.error != nil } }

    public mutating func focusNext() { move(1) }
    public mutating func focusPrevious() { move(-1) }

    private mutating func move(_ step: Int) {
        guard !fields.isEmpty else { return }
        if fields.indices.contains(focused) { fields[focused].search = "" }
        focused = (focused + step + fields.count) % fields.count
    }

    /// The next (or previous) of the focused field's choices: of those matching what was typed, if anything was.
    public mutating func choose(_ step: Int) {
        guard fields.indices.contains(focused), !fields[focused].choices.isEmpty else { return }
        let f = fields[focused]
        let pool = f.matchingChoices
        guard !pool.isEmpty else { return }
        let i = pool.firstIndex { f.choices[$0] == f.value } ?? (step > 0 ? -1 : 0)
        fields[focused].value = f.choices[pool[((i + step) % pool.count + pool.count) % pool.count]]
        fields[focused].error = nil
    }

    public mutating func clearFocused() {
        guard fields.indices.contains(focused) else { return }
        if fields[focused].choices.isEmpty { fields[focused].value = "" }
        fields[focused].search = ""
        fields[focused].error = nil
    }

    /// Typing and deleting in the focused field; in a field of choices, typing finds one by its label.
    /// Returns false for keys that are not text (or letters that find nothing).
    public mutating func type(_ key: Key) -> Bool {
        guard fields.indices.contains(focused) else { return false }
        if !fields[focused].choices.isEmpty { return search(key) }
        switch key {
        case .backspace:
            if !fields[focused].value.isEmpty { fields[focused].value.removeLast() }
        case .char(let c):
            guard fields[focused].choices.isEmpty else { return false }
            fields[focused].value.append(c)
        default:
            return false
        }
        fields[focused].error = nil
        return true
    }

    private mutating func search(_ key: Key) -> Bool {
        var f = fields[focused]
        switch key {
        case .backspace:
            // Back one scalar, so a vowel sign or virama typed last goes alone.
            if !f.search.isEmpty { f.search = String(String.UnicodeScalarView(f.search.unicodeScalars.dropLast())) }
        case .char(let c): f.search.append(c)
        default: return false
        }
        // Every key is kept: with no match the choice stays as it was and the hint says nothing matches.
        if let first = f.matchingChoices.first, !f.matchingChoices.contains(where: { f.choices[$0] == f.value }) { f.value = f.choices[first] }
        f.error = nil
        fields[focused] = f
        return true
    }
}
