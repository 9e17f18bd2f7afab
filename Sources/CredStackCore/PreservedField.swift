/// A key this version does not know, kept verbatim so saving never drops what a newer version wrote.
public struct PreservedField: Hashable, Sendable {
    public var key: String
    /// The value exactly as it appeared in the file (already valid in the file's syntax).
    public var rawValue: String
    public init(key: String, rawValue: String) {
        self.key = key
        self.rawValue = rawValue
    }
}
