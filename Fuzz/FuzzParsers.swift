// libFuzzer entry: every input goes through every parser that reads files or what a learner types.
// Built by scripts/fuzz, not by SwiftPM.
import CredStackCore
import CredStackInterop
@testable import CredStackStore
import CredStackTOML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let doc = try? TOMLDocument(bytes: bytes) {
        _ = try? CourseCodec.decode(doc, id: "fuzz")
        _ = try? ProfileCodec.decode(doc)
        _ = try? PathwayCodec.decode(doc, id: "fuzz")
        _ = try? TimerCodec.decode(doc)
        var copy = doc
        _ = try? copy.set("title", .string(text.prefix(20).description))
        _ = try? copy.remove("credential")
    }
    _ = try? StudyLogCodec.decode(bytes)
    _ = StudyLogCodec.tornTail(bytes)
    _ = try? ThemeFile.parse(bytes, path: "fuzz")
    let calendar = StudyCalendar(timeZone: .init(secondsFromGMT: 19_800)!)
    let now: Int64 = 1_796_000_000
    _ = StudyDuration.parse(text)
    _ = TimeInput.time(text, now: now, calendar: calendar)
    _ = TimeInput.date(text, today: LocalDate(daysSinceEpoch: 20_000))
    for field in CourseField.allCases { _ = field.parse(text, today: LocalDate(daysSinceEpoch: 20_000)) }
    _ = try? CSVHistory.parse(text, path: "fuzz", calendar: calendar, now: now)
    _ = try? TimewHistory.parse(bytes, path: "fuzz")
    _ = try? SessionTSV.parse(bytes, path: "fuzz")
    _ = try? OpenBadge.parse(bytes, path: "fuzz")
    return 0
}
