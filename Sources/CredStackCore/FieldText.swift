import Foundation

/// Why a value a learner typed does not fit its field: the expected form, said once for every front.
public struct FieldProblem: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Text <-> typed values for fields, shared by command-line flags and dashboard forms.
public enum FieldText {
    /// A decimal number within `range`, checked before conversion so no input overflows.
    public static func number(_ text: String, in range: ClosedRange<Double>) -> Result<Double, FieldProblem> {
        let t = text.trimmed
        let ok = !t.isEmpty && t.count <= 24 && t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && t.filter { $0 == "." }.count <= 1 && t != "."
        guard ok, let v = Double(t), v.isFinite, range.contains(v) else {
            return .failure(FieldProblem("expected a number from \(exact(range.lowerBound)) to \(exact(range.upperBound))"))
        }
        return .success(v)
    }

    /// A whole number within `range`.
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Result<Int, FieldProblem> {
        let t = text.trimmed
        guard !t.isEmpty, t.count <= 18, t.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(t), range.contains(v) else {
            return .failure(FieldProblem("expected a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        return .success(v)
    }

    /// The number exactly as stored, for a form to show: `2.25` stays `2.25`, `3.0` shows `3`.
    public static func exact(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// `sql, "C, C++", iam`: items split at commas; an item in double quotes may hold commas (`""` is a quote).
    public static func list(_ text: String) -> [String] {
        var items: [String] = []
        var item = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { item.append("\""); chars.removeFirst() } else { quoted = false }
                } else { item.append(c) }
            } else if c == "\"" && item.trimmed.isEmpty {
                item = ""
                quoted = true
            } else if c == "," {
                items.append(item.trimmed)
                item = ""
            } else {
                item.append(c)
            }
        }
        items.append(item.trimmed)
        return items.filter { !$0.isEmpty }
    }

    /// The list as `list` reads it back: commas between, quotes around items that hold a comma or quote.
    public static func listText(_ items: [String]) -> String {
        items.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ", ")
    }
}
