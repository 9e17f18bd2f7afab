import Foundation
import Testing
@testable import CredStackTUI

/// Compares a rendered screen with `Snapshots/NAME.txt`. With CREDSTACK_RECORD=1 the file is (re)written
/// instead, to be reviewed in the diff before committing.
func expectSnapshot(_ grid: CellGrid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation, file: String = #filePath) {
    expectSnapshot(text: grid.text + "\n", name, sourceLocation: sourceLocation, file: file)
}

func expectSnapshot(text actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation, file: String = #filePath) {
    let dir = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["CREDSTACK_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name).txt; run with CREDSTACK_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "\(name) differs from its snapshot:\n\(actual)", sourceLocation: sourceLocation)
}

/// Every row of a grid adds up to its width in display columns, and pane borders sit in their columns.
func expectAligned(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
    for (y, line) in grid.lines.enumerated() {
        #expect(TextWidth.of(line) == grid.size.width, "row \(y) is \(TextWidth.of(line)) columns: \(line)", sourceLocation: sourceLocation)
    }
}
