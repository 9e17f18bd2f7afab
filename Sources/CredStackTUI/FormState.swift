import CredStackCore
import CredStackStore

public struct FormField: Equatable, Sendable {
    public var key: String
    public var label: String
    public var value: String
    /// The expected form, shown beside the field (and in the error when the value does not fit it).
    public var hint: String
    /// When not empty, the only values allowed; ←/→ cycle through them.
    public var choices: [String]
    public var error: String?
    /// The value the form opened with: a field whose value is still this was not touched, and an edit
    /// writes nothing for it (a rounded or reformatted value never goes back to the file).
    public var original: String

    public init(_ key: String, _ label: String, value: String = "", hint: String = "", choices: [String] = []) {
        self.key = key
        self.label = label
        self.value = value
        self.hint = hint
        self.choices = choices
        original = value
    }

    public var touched: Bool { value.trimmed != original.trimmed }
}

public struct FormState: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case addCourse
        /// The course as shown and the version of its file.
        case editCourse(original: Course, version: RecordVersion)
        case logSession
        case credential(course: Course, version: RecordVersion)
    }

    public var kind: Kind
    public var title: String
    public var fields: [FormField]
    public var focused = 0

    public init(kind: Kind, title: String, fields: [FormField]) {
        self.kind = kind
        self.title = title
        self.fields = fields
    }

    public func value(_ key: String) -> String {
        (fields.first { $0.key == key }?.value ?? "").trimmed
    }

    public func field(_ key: String) -> FormField? { fields.first { $0.key == key } }

    public mutating func setError(_ key: String, _ message: String?) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }

    public var hasErrors: Bool { fields.contains { $0.error != nil } }

    public mutating func focusNext() { if !fields.isEmpty { focused = (focused + 1) % fields.count } }
    public mutating func focusPrevious() { if !fields.isEmpty { focused = (focused + fields.count - 1) % fields.count } }

    /// The next (or previous) of the focused field's choices.
    public mutating func choose(_ step: Int) {
        guard fields.indices.contains(focused), !fields[focused].choices.isEmpty else { return }
        let f = fields[focused]
        let i = f.choices.firstIndex(of: f.value) ?? -1
        fields[focused].value = f.choices[((i + step) % f.choices.count + f.choices.count) % f.choices.count]
        fields[focused].error = nil
    }

    public mutating func clearFocused() {
        guard fields.indices.contains(focused) else { return }
        fields[focused].value = ""
        fields[focused].error = nil
    }

    /// Typing and deleting in the focused field. Returns false for keys that are not text.
    public mutating func type(_ key: Key) -> Bool {
        guard fields.indices.contains(focused) else { return false }
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
}
