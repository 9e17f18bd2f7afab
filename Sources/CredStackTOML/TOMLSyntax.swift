/// The line structure of a document, kept beside its values so an edit can change exactly the bytes of one
/// value, or add a line in the right section, and leave every other byte (comments, blank lines, order,
/// quoting, number formats) as it was.
struct TOMLSyntax: Sendable {
    /// The part of the document a header starts (section 0: before the first header).
    struct Section: Sendable {
        var table: Int
        var path: [String]
        var isArray: Bool
        /// The header's line, line break included; nil for the top of the document.
        var headerLine: Range<Int>?
        /// Its `key = value` lines, as indices into `keyValues`.
        var keyValues: [Int]
    }

    /// One `key = value` line (a value may run over several lines).
    struct KeyValue: Sendable {
        var section: Int
        /// The key as written, dotted parts split.
        var path: [String]
        /// From the start of the line to after its line break.
        var line: Range<Int>
        var key: Range<Int>
        var value: Range<Int>
        /// The table that holds the last key part.
        var target: Int
        /// Tables a dotted key made or went through on the way to `target`.
        var viaTables: [Int]
    }

    struct Table: Sendable {
        var origin: TOMLTable.Origin
        /// The section it was defined in.
        var section: Int
        var parent: Int?
        /// `{ ... }` of an inline table.
        var braces: Range<Int>?
        /// `key = value` spans inside the braces.
        var inlineEntries: [(path: [String], span: Range<Int>)]
    }

    var sections: [Section] = []
    var keyValues: [KeyValue] = []
    var tables: [Int: Table] = [:]

    /// Whether `table` is `ancestor` or lies inside it.
    func table(_ table: Int, isWithin ancestor: Int) -> Bool {
        var t: Int? = table
        while let current = t {
            if current == ancestor { return true }
            t = tables[current]?.parent
        }
        return false
    }
}
