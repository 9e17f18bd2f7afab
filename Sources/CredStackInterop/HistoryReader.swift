import CredStackCore

/// An importer that takes its file in blocks cut anywhere, then says what it read: one way for every
/// streaming format to be read from bytes in memory or from a file.
public protocol HistoryReader {
    mutating func read(_ block: UnsafeBufferPointer<UInt8>) throws(InteropError)
    mutating func finish() throws(InteropError) -> ImportedHistory
}

extension HistoryReader {
    /// The history in `bytes`, read as one block.
    public mutating func history(of bytes: [UInt8]) throws(InteropError) -> ImportedHistory {
        try bytes.withUnsafeBufferPointer { (b) throws(InteropError) in try read(b) }
        return try finish()
    }

    /// The history in the file at `path` (`-`: standard input), read a mebibyte at a time.
    public mutating func history(ofFile path: String) throws(InteropError) -> ImportedHistory {
        try InteropFiles.forEachBlock(path) { (block) throws(InteropError) in try read(block) }
        return try finish()
    }
}
