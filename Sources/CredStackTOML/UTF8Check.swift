/// Byte-level UTF-8 validation, shared by the TOML reader and the study log scanner.
public enum UTF8Check {
    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    public static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidByte($0) }
    }

    public static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            // Eight ASCII bytes at a time: the common case for a study log.
            if i + 8 <= n, UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            let minScalar: UInt32
            if c & 0xE0 == 0xC0 { need = 1; minScalar = 0x80 } else if c & 0xF0 == 0xE0 { need = 2; minScalar = 0x800 } else if c & 0xF8 == 0xF0 { need = 3; minScalar = 0x10000 } else { return i }
            guard i + need < n else { return i }
            var scalar = UInt32(c) & (0x3F >> UInt32(need))
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(cc & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += need + 1
        }
        return nil
    }
}

/// Line and column (both from 1; columns in characters, as an editor shows them) of byte offsets.
public struct LineIndex: Sendable {
    /// Offset of the first byte of each line.
    private let starts: [Int]
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        self.starts = starts
    }

    public func location(ofByte offset: Int) -> (line: Int, column: Int) {
        let end = min(max(0, offset), bytes.count)
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= end { lo = mid } else { hi = mid - 1 }
        }
        var from = starts[lo]
        // A byte-order mark is not a column an editor shows.
        if lo == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF, end >= 3 { from = 3 }
        var column = 1
        var i = from
        while i < end {
            // Count characters: lead bytes only (continuation bytes are 10xxxxxx).
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The byte range of line `n` (from 1), without its line break.
    public func lineRange(_ n: Int) -> Range<Int>? {
        guard n >= 1, n <= starts.count else { return nil }
        let start = starts[n - 1]
        var end = n < starts.count ? starts[n] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return start..<max(start, end)
    }
}
