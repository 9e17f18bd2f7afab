/// Line and column (both from 1, columns in characters) of byte offsets in a file, for error messages.
struct TextPosition {
    let bytes: [UInt8]

    func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
        let end = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where bytes[i] == 10 {
            line += 1
            lineStart = i + 1
        }
        // Count characters, not bytes, so a column matches what an editor shows after Devanagari or CJK text.
        let prefix = bytes[lineStart..<end]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return (line, column)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
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
            var minScalar: UInt32
            if c & 0xE0 == 0xC0 { need = 1; minScalar = 0x80 } else if c & 0xF0 == 0xE0 { need = 2; minScalar = 0x800 } else if c & 0xF8 == 0xF0 { need = 3; minScalar = 0x10000 } else { return i }
            guard i + need < n else { return i }
            var scalar = UInt32(c) & (0x3F >> UInt32(need))
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(cc & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            minScalar = 0
            i += need + 1
        }
        return nil
    }
}
