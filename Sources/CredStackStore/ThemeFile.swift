import CredStackCore

/// The contents of a theme file, still as written: names checked by the dashboard's `Theme`.
///
/// ```toml
/// [palette]                 # optional names for colours used below
/// accent = "#5fafd7"
///
/// [roles]
/// border_focused = { fg = "accent", modifiers = ["bold"] }
/// selection = { fg = "black", bg = "cyan" }
/// ```
public struct ThemeFile: Sendable {
    public struct RoleEntry: Sendable {
        public var role: String
        public var foreground: String?
        public var background: String?
        public var modifiers: [String]
        public var line: Int
        public var column: Int
    }

    public var path: String
    public var palette: [String: String]
    public var roles: [RoleEntry]

    public static func read(_ path: String) throws(StoreError) -> ThemeFile {
        guard let bytes = try POSIXFile.read(path) else { throw .io(path: path, action: "read", code: 2) }
        do { return try parse(bytes, path: path) } catch {
            throw .malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    static func parse(_ bytes: [UInt8], path: String) throws(FieldError) -> ThemeFile {
        let doc = try TOMLParser.document(bytes)
        var theme = ThemeFile(path: path, palette: [:], roles: [])
        for table in doc.tables {
            switch table.path {
            case ["palette"]:
                for e in table.entries {
                    guard case .string(let s) = e.value.kind else {
                        throw FieldError(line: e.value.line, column: e.value.column, message: "\(e.key): expected a colour in quotes, found \(e.value.raw)")
                    }
                    theme.palette[e.key] = s
                }
            case ["roles"]:
                for e in table.entries {
                    var entry = RoleEntry(role: e.key, modifiers: [], line: e.line, column: e.column)
                    switch e.value.kind {
                    case .string(let s): entry.foreground = s
                    case .table(let fields):
                        for f in fields {
                            switch (f.key, f.value.kind) {
                            case ("fg", .string(let s)): entry.foreground = s
                            case ("bg", .string(let s)): entry.background = s
                            case ("modifiers", .array(let items)):
                                for item in items {
                                    guard case .string(let m) = item.kind else {
                                        throw FieldError(line: item.line, column: item.column, message: "modifiers: expected names like \"bold\", found \(item.raw)")
                                    }
                                    entry.modifiers.append(m)
                                }
                            default:
                                throw FieldError(line: f.line, column: f.column,
                                                 message: "\(e.key): expected fg = \"colour\", bg = \"colour\" or modifiers = [...], found \(f.key) = \(f.value.raw)")
                            }
                        }
                    default:
                        throw FieldError(line: e.value.line, column: e.value.column,
                                         message: "\(e.key): expected { fg = \"...\", bg = \"...\", modifiers = [...] }, found \(e.value.raw)")
                    }
                    theme.roles.append(entry)
                }
            default:
                throw FieldError(line: table.line, column: 1, message: "unknown table \(table.header); a theme has [palette] and [roles]")
            }
        }
        return theme
    }
}
