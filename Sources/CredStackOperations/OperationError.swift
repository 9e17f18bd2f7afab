import CredStackCore
import CredStackStore

/// Why an operation was refused, in words a learner can act on, and the kind of problem (which the
/// command line turns into its exit code in one place).
public struct OperationError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A value that does not fit its field (a duration, a date...), or an id that names nothing.
        case invalid
        /// A request that conflicts with what is in the store (a timer already running...).
        case conflict
        /// What the dashboard showed changed on disk before the action ran.
        case changedElsewhere
        /// The timer ran longer than the learner's limit: stopping it needs the time it really ended.
        case timerOverLimit
        case store(StoreError)
    }

    public var kind: Kind
    public var message: String
    /// The form field the problem belongs to, when there is one.
    public var field: String?
    /// What to type instead, for the command line (flags and commands mean nothing in the dashboard).
    public var hint: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.hint = hint
    }

    public static func invalid(_ message: String, field: String? = nil, hint: String? = nil) -> OperationError {
        OperationError(.invalid, message, field: field, hint: hint)
    }
    public static func conflict(_ message: String) -> OperationError { OperationError(.conflict, message) }

    public init(_ error: StoreError) {
        switch error {
        case .changedElsewhere(let m): self.init(.changedElsewhere, m)
        case .rejected(let m): self.init(.conflict, m)
        default: self.init(.store(error), error.description)
        }
    }

    public var description: String { message }

    /// Another process holds the store's lock: worth trying again in a moment.
    public var isBusy: Bool {
        if case .store(.busy) = kind { return true }
        return false
    }
}
