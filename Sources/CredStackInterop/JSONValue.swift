import CredStackCore
import Foundation

/// A JSON document decoded with `Codable`, so numbers stay numbers (Foundation's `JSONSerialization` on
/// Linux hands 0 and 1 back as booleans) and every value has one exact type.
public enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// Valid JSON that Swift cannot hold: a number beyond a Double (`1e400`), a string with a lone
    /// surrogate escape (`"\ud800"`). Only an error where the value is used, not in a field nobody reads.
    case unreadable

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        self = .unreadable
    }

    /// Parsed JSON, or an error naming the file and what was expected.
    public static func parse(_ bytes: [UInt8], path: String, expected: String) throws(InteropError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            let detail: String
            if case DecodingError.dataCorrupted(let context) = error {
                detail = context.underlyingError.map { "\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0)" } ?? context.debugDescription
            } else { detail = "\(error)" }
            throw InteropError(.malformed, "\(path): not valid JSON (\(detail)); expected \(expected); nothing was imported")
        }
    }

    public subscript(key: String) -> JSONValue? { if case .object(let o) = self { return o[key] }; return nil }
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let n) = self { return n }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    /// A string, or the strings of a list (JSON-LD writes either).
    public var strings: [String] {
        if let s = string { return [s] }
        return array?.compactMap(\.string) ?? []
    }

    /// How a message shows the value.
    public var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return FieldText.exact(n)
        case .string(let s): return "\"\(s)\""
        case .array: return "a list"
        case .object: return "an object"
        case .unreadable: return "a value credstack cannot read (a number too large, or a broken \\u escape)"
        }
    }
}

/// A file an import cannot use: unreadable (66) or not what it should be (65).
public struct InteropError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable { case unreadable, malformed }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

/// Reading the files imports take.
public enum InteropFiles {
    /// A file's bytes; `-` reads standard input.
    /// The size of a regular file; nil for standard input, a pipe, or what cannot be looked at.
    public static func size(of path: String) -> Int? {
        var st = stat()
        guard path != "-", stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    public static func read(_ path: String) throws(InteropError) -> [UInt8] {
        var bytes: [UInt8] = []
        if let size = size(of: path) { bytes.reserveCapacity(size + 1) }
        try forEachBlock(path) { bytes += $0 }
        return bytes
    }

    /// A file a mebibyte at a time (`-` reads standard input): what a parser of long files takes, so that
    /// the file is never held whole beside what is read from it.
    public static func forEachBlock(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(InteropError) -> Void) throws(InteropError) {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InteropError(.unreadable, "cannot read \(path); nothing was imported") }
        defer { if fd != 0 { close(fd) } }
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { block.deallocate() }
        while true {
            let n = Foundation.read(fd, block.baseAddress, block.count)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw InteropError(.unreadable, "cannot read \(path); nothing was imported") }
            if n == 0 { return }
            try body(UnsafeBufferPointer(rebasing: block[..<n]))
        }
    }
}
