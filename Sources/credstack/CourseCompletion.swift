import ArgumentParser
import CredStackStore
import Foundation

/// Shell completion of course ids from the learner's own store (bash, zsh and fish ask the program itself),
/// honouring a `--store DIR` already on the line. A store that cannot be read completes nothing.
enum CourseCompletion {
    static let kind = CompletionKind.custom { words, _, prefix in ids(words).filter { $0.hasPrefix(prefix) } }

    static func ids(_ words: [String]) -> [String] {
        let flag = words.firstIndex(of: "--store").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        let dir = StoreLocation.resolve(flag: flag, environment: ProcessInfo.processInfo.environment)
        guard let snap = try? Store(directory: dir).load(wait: false) else { return [] }
        return snap.learner.courses.map(\.id).sorted()
    }
}
