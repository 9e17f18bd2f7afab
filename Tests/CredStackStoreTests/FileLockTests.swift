import Foundation
import Testing
@testable import CredStackStore
import CredStackTestSupport

/// The store's lock is an `flock` on `.lock`. A command that waited on a lock file that was then replaced
/// (git, a sync tool) must lock the file that is there now, or it would share "the" lock with the next one.
@Suite struct FileLockTests {
    @Test func aLockFileReplacedWhileWaitedForIsLockedAnew() throws {
        let t = try TempStore()
        let path = t.dir + "/.lock"
        let first = try FileLock(path: path, exclusive: true)
        let acquired = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var waiterError: Error?
        Thread.detachNewThread {
            do {
                let waiter = try FileLock(path: path, exclusive: true)
                acquired.signal()
                release.wait()
                withExtendedLifetime(waiter) {}
            } catch {
                waiterError = error
                acquired.signal()
            }
        }
        usleep(200_000)
        // The file the waiter opened is moved away and a new one put in its place; then the first holder lets go.
        #expect(rename(path, path + ".old") == 0)
        FileManager.default.createFile(atPath: path, contents: Data())
        withExtendedLifetime(first) {}
        _ = consume first
        #expect(acquired.wait(timeout: .now() + 10) == .success)
        #expect(waiterError == nil)
        // The waiter holds the file at `.lock` now: a third comer finds the store busy.
        #expect(throws: StoreError.self) { _ = try FileLock(path: path, exclusive: true, wait: false) }
        release.signal()
    }
}
