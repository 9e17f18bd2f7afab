import CredStackCore
import CredStackTOML
#if canImport(Glibc)
import Glibc
#endif

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

    /// Theme files are small: anything larger, or not a regular file (a device, a pipe), is refused unread.
    public static let sizeLimit = 64 * 1024

    public static func read(_ path: String) throws(StoreError) -> ThemeFile {
        guard let bytes = try POSIXFile.read(path, limit: sizeLimit, regularOnly: true) else { throw .io(path: path, action: "read", code: ENOENT) }
        do { return try parse(bytes, path: path) } catch {
            throw .malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    static func parse(_ bytes: [UInt8], path: String) throws(FieldError) -> ThemeFile {
        let doc = try TOMLDocument.reading(bytes)
        let r = FieldReader(doc.root, in: doc, name: "the theme")
        var theme = ThemeFile(path: path, palette: [:], roles: [])
        for entry in doc.root.entries {
            guard case .table(let table) = entry.value.kind else {
                throw r.error(at: entry.keySpan.lowerBound, "\(entry.key): a theme has [palette] and [roles] tables, not top-level keys")
            }
            switch entry.key {
            case "palette":
                for e in table.entries {
                    guard case .string(let s) = e.value.kind else { throw r.error(at: e.value.span.lowerBound, "\(e.key): expected a colour in quotes") }
                    theme.palette[e.key] = s
                }
            case "roles":
                for e in table.entries {
                    let (line, column) = doc.location(ofByte: e.keySpan.lowerBound)
                    var role = RoleEntry(role: e.key, modifiers: [], line: line, column: column)
                    switch e.value.kind {
                    case .string(let s): role.foreground = s
                    case .table(let fields):
                        for f in fields.entries {
                            switch (f.key, f.value.kind) {
                            case ("fg", .string(let s)): role.foreground = s
                            case ("bg", .string(let s)): role.background = s
                            case ("modifiers", .array(let items)):
                                for item in items {
                                    guard case .string(let m) = item.kind else {
                                        throw r.error(at: item.span.lowerBound, "modifiers: expected names like \"bold\"")
                                    }
                                    role.modifiers.append(m)
                                }
                            default:
                                throw r.error(at: f.keySpan.lowerBound, "\(e.key): expected fg = \"colour\", bg = \"colour\" or modifiers = [...], found \(f.key)")
                            }
                        }
                    default:
                        throw r.error(at: e.value.span.lowerBound, "\(e.key): expected { fg = \"...\", bg = \"...\", modifiers = [...] }")
                    }
                    theme.roles.append(role)
                }
            default:
                throw r.error(at: entry.keySpan.lowerBound, "unknown table [\(entry.key)]; a theme has [palette] and [roles]")
            }
        }
        return theme
    }
}
