import Foundation
import Testing
@testable import CredStackTOML

/// The toml-lang/toml-test corpus for TOML 1.0 (`../shared/toml-test`, see its README): every valid
/// document decodes to exactly the expected values and reads back byte for byte when nothing changed;
/// every invalid one is refused with a line, a column and a message.
@Suite struct ConformanceTests {
    static let corpus: URL = {
        if let dir = ProcessInfo.processInfo.environment["TOML_TEST_DIR"] { return URL(fileURLWithPath: dir) }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/toml-test/tests")
    }()

    static func listed(_ kind: String) throws -> [String] {
        let list = try String(contentsOf: corpus.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
        return list.split(separator: "\n").map(String.init).filter { $0.hasPrefix(kind + "/") && $0.hasSuffix(".toml") }
    }

    @Test func everyValidDocumentDecodesToTheExpectedValues() throws {
        let files = try Self.listed("valid")
        #expect(files.count == 210)
        var failures: [String] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(file)))
            let expectedURL = Self.corpus.appendingPathComponent(String(file.dropLast(5)) + ".json")
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL), options: [.fragmentsAllowed])
            do {
                let doc = try TOMLDocument(bytes: bytes)
                if let problem = Tagged.difference(Tagged.json(.table(doc.root)), expected, path: "") {
                    failures.append("\(file): \(problem)")
                }
                if doc.bytes != bytes { failures.append("\(file): bytes changed on read") }
            } catch {
                failures.append("\(file): refused: \(error)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(files.count):\n" + failures.joined(separator: "\n")))
    }

    @Test func everyInvalidDocumentIsRefusedWithLineAndColumn() throws {
        let files = try Self.listed("invalid")
        #expect(files.count == 499)
        var accepted: [String] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(file)))
            do {
                _ = try TOMLDocument(bytes: bytes)
                accepted.append(file)
            } catch {
                let lines = bytes.filter { $0 == 10 }.count + 1
                #expect(error.line >= 1 && error.line <= lines && error.column >= 1, "\(file): \(error)")
                #expect(error.message.count > 10, "\(file): \(error.message)")
            }
        }
        #expect(accepted.isEmpty, Comment(rawValue: "accepted \(accepted.count) invalid documents:\n" + accepted.joined(separator: "\n")))
    }

    @Test func everyValidDocumentEditsInPlace() throws {
        // Change one top-level scalar and only its bytes differ; remove it and only its line goes.
        for file in try Self.listed("valid") {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(file)))
            guard var doc = try? TOMLDocument(bytes: bytes) else { continue }
            guard let entry = doc.root.entries.first(where: {
                switch $0.value.kind { case .integer, .boolean, .string: return true; default: return false }
            }) else { continue }
            try doc.set(entry.key, .integer(4242))
            let span = entry.value.span
            let expected = Array(bytes[..<span.lowerBound]) + Array("4242".utf8) + Array(bytes[span.upperBound...])
            #expect(doc.bytes == expected, "\(file)")
            guard case .integer(4242)? = doc.root[entry.key]?.kind else { Issue.record("\(file): value not set"); continue }
        }
    }
}

/// toml-test's tagged JSON: tables as objects, arrays as arrays, scalars as {"type", "value"}.
enum Tagged {
    static func json(_ kind: TOMLValue.Kind) -> Any {
        switch kind {
        case .table(let t):
            var out: [String: Any] = [:]
            for e in t.entries { out[e.key] = json(e.value.kind) }
            return out
        case .array(let items), .tableArray(let items): return items.map { json($0.kind) }
        case .string(let s): return ["type": "string", "value": s]
        case .integer(let n): return ["type": "integer", "value": String(n)]
        case .float(let d): return ["type": "float", "value": d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : String(d)]
        case .boolean(let b): return ["type": "bool", "value": b ? "true" : "false"]
        case .dateTime(let d):
            let type = d.hasDate && d.hasTime ? (d.offsetSeconds != nil ? "datetime" : "datetime-local") : d.hasDate ? "date-local" : "time-local"
            return ["type": type, "value": d.description]
        }
    }

    /// nil when equal; else where and how they differ. Values compare as values (1e3 == 1000.0; datetimes as instants).
    static func difference(_ got: Any, _ want: Any, path: String) -> String? {
        if let w = want as? [String: Any], let type = w["type"] as? String, let value = w["value"] as? String, w.count == 2 {
            guard let g = got as? [String: String], let gType = g["type"], let gValue = g["value"] else { return "\(path): expected a \(type), got \(got)" }
            guard gType == type else { return "\(path): expected type \(type), got \(gType)" }
            switch type {
            case "float":
                let a = Double(gValue.replacingOccurrences(of: "inf", with: "infinity")), b = Double(value.replacingOccurrences(of: "inf", with: "infinity"))
                if a?.isNaN == true && b?.isNaN == true { return nil }
                return a == b ? nil : "\(path): expected \(value), got \(gValue)"
            case "datetime", "datetime-local", "date-local", "time-local":
                return instant(gValue) == instant(value) ? nil : "\(path): expected \(value), got \(gValue)"
            default:
                return gValue == value ? nil : "\(path): expected \(value.debugDescription), got \(gValue.debugDescription)"
            }
        }
        if let w = want as? [String: Any] {
            guard let g = got as? [String: Any] else { return "\(path): expected a table" }
            if Set(g.keys) != Set(w.keys) { return "\(path): keys \(g.keys.sorted()) vs expected \(w.keys.sorted())" }
            for (k, v) in w { if let d = difference(g[k]!, v, path: path + "." + k) { return d } }
            return nil
        }
        if let w = want as? [Any] {
            guard let g = got as? [Any], g.count == w.count else { return "\(path): expected a list of \(w.count)" }
            for (n, (a, b)) in zip(g, w).enumerated() { if let d = difference(a, b, path: path + "[\(n)]") { return d } }
            return nil
        }
        return "\(path): unexpected \(want)"
    }

    /// A datetime's fields with the offset folded in, so equal instants compare equal.
    static func instant(_ text: String) -> [Int] {
        guard let doc = try? TOMLDocument(text: "v = " + text), case .dateTime(let d)? = doc.root["v"]?.kind else { return [] }
        let days = d.hasDate ? d.year * 372 + d.month * 31 + d.day : 0
        var seconds = (d.hasTime ? d.hour * 3600 + d.minute * 60 + d.second : 0) - (d.offsetSeconds ?? 0)
        var dayShift = 0
        while seconds < 0 { seconds += 86_400; dayShift -= 1 }
        while seconds >= 86_400 { seconds -= 86_400; dayShift += 1 }
        // Day arithmetic only matters for equality: shift through real dates.
        var date = d
        if dayShift != 0, d.hasDate {
            var y = d.year, m = d.month, day = d.day + dayShift
            if day < 1 { m -= 1; if m < 1 { m = 12; y -= 1 }; day = TOMLFormat.daysIn(month: m, year: y) }
            if day > TOMLFormat.daysIn(month: m, year: y) { day = 1; m += 1; if m > 12 { m = 1; y += 1 } }
            date.year = y; date.month = m; date.day = day
        }
        return [date.hasDate ? date.year * 372 + date.month * 31 + date.day : 0, seconds, d.nanosecond, d.offsetSeconds == nil ? 0 : 1, days * 0]
    }
}
