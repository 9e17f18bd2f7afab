// libFuzzer entry: every input goes through the three store parsers. Built by scripts/fuzz, not by SwiftPM.
@testable import CredStackStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? LearnerCodec.decode(bytes)
    _ = try? StudyLogCodec.decode(bytes)
    _ = try? TimerCodec.decode(bytes)
    _ = try? ThemeFile.parse(bytes, path: "fuzz")
    return 0
}
