import ArgumentParser
import CredStackCore
import CredStackStore
import Foundation

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Open the dashboard on your store (the default).")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try guarded {
            let store = storeOptions.resolved
            let snap = try store.load()
            for w in snap.warnings { Output.warn(w) }
            print(Report.status(snap, context: Context(profile: snap.learner.profile)))
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the dashboard on a fresh copy of built-in demo data (never your own store).",
        discussion: "The demo store is a private temporary folder, removed when the demo ends unless --keep is given.")
    @Flag(help: "Print the plain-text dashboard instead of opening it.") var print = false
    @Flag(help: "Keep the demo store folder and print where it is.") var keep = false

    func run() throws {
        try guarded {
            let dir = NSTemporaryDirectory() + "credstack-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let store = Store(directory: dir)
            defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
            let clock = Context.clock
            let calendar = StudyCalendar(profile: Profile())
            let demo = DemoData.make(now: clock.now, calendar: calendar)
            try store.initialize(profile: demo.learner.profile)
            try store.updateLearner { $0 = demo.learner }
            try store.append(demo.sessions)
            let snap = try store.load()
            Swift.print(Report.status(snap, context: Context(profile: snap.learner.profile)))
            if keep { Swift.print("\nDemo store kept at \(dir)") }
        }
    }
}
