import Foundation
@testable import CredStackCore
@testable import CredStackStore

/// A fresh store folder under the system temp dir, removed when the test ends.
final class TempStore {
    let store: Store
    var dir: String { store.directory }

    init(initialized: Bool = true) throws {
        let base = NSTemporaryDirectory() + "credstack-test-\(UUID().uuidString)"
        store = Store(directory: base + "/store")
        if initialized { try store.initialize(profile: Profile(name: "Test", weeklyGoalMinutes: 300)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + name) }

    func files() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
}
