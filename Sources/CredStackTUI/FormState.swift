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

    /// Typing, deleting and moving between fields. Returns false for keys a form does not handle.
    public mutating func handle(_ key: Key) -> Bool {
        guard !fields.isEmpty else { return false }
        switch key {
        case .tab, .down: focused = (focused + 1) % fields.count
        case .backTab, .up: focused = (focused + fields.count - 1) % fields.count
        case .left, .right:
            let f = fields[focused]
            guard !f.choices.isEmpty else { return true }
            let i = f.choices.firstIndex(of: f.value) ?? -1
            let step = key == .right ? 1 : -1
            fields[focused].value = f.choices[((i + step) % f.choices.count + f.choices.count) % f.choices.count]
            fields[focused].error = nil
        case .backspace:
            if !fields[focused].value.isEmpty { fields[focused].value.removeLast() }
            fields[focused].error = nil
        case .ctrl("u"):
            fields[focused].value = ""
            fields[focused].error = nil
        case .char(let c):
            fields[focused].value.append(c)
            fields[focused].error = nil
        default:
            return false
        }
        return true
    }
}

