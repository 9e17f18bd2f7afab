// swift-tools-version:6.0
import PackageDescription

// Layers, each importing only downward:
// CredStackCore <- CredStackStore <- CredStackTUI <- CredStackTerminal (the only ncurses user) <- credstack
// (CredStackTUI uses the store only to read theme files; its update and view do no I/O.)
let package = Package(
    name: "credstack",
    products: [
        .executable(name: "credstack", targets: ["credstack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "CredStackCore"),
        // TOML 1.0 with format-preserving edits; knows nothing of courses.
        .target(name: "CredStackTOML"),
        // Text for terminals: display width, glyphs, bars; shared by the dashboard and the text reports.
        .target(name: "CredStackText"),
        // Pathway templates and the demo catalog are compiled in, so the one-file static binary carries them.
        .target(name: "CredStackStore", dependencies: ["CredStackCore", "CredStackTOML"],
                resources: [.embedInCode("PathwayTemplates"), .embedInCode("Catalogs")]),
        // Every change a learner can make, as a typed value; the only code that writes the store.
        .target(name: "CredStackOperations", dependencies: ["CredStackCore", "CredStackStore"]),
        // Importers, exporters and reports: files in and out, beside the operations.
        .target(name: "CredStackInterop", dependencies: ["CredStackCore", "CredStackText", "CredStackStore", "CredStackTOML"]),
        .target(name: "CredStackTUI", dependencies: ["CredStackCore", "CredStackText", "CredStackStore", "CredStackOperations"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CredStackTerminal", dependencies: ["CNcursesw", "CredStackTUI"]),
        .executableTarget(
            name: "credstack",
            dependencies: [
                "CredStackCore", "CredStackStore", "CredStackOperations", "CredStackInterop", "CredStackTUI", "CredStackTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CredStackCoreTests", dependencies: ["CredStackCore"]),
        .testTarget(name: "CredStackTOMLTests", dependencies: ["CredStackTOML"]),
        // Helpers the test targets share (a temporary store, a format 1 writer).
        .target(name: "CredStackTestSupport", dependencies: ["CredStackCore", "CredStackStore", "CredStackTOML"], path: "Tests/Support"),
        .testTarget(name: "CredStackStoreTests", dependencies: ["CredStackStore", "CredStackTOML", "CredStackTestSupport"]),
        .testTarget(name: "CredStackInteropTests", dependencies: ["CredStackInterop"]),
        .testTarget(name: "CredStackOperationsTests", dependencies: ["CredStackOperations", "CredStackStore", "CredStackInterop", "CredStackTestSupport"]),
        .testTarget(name: "CredStackTUITests", dependencies: ["CredStackTUI", "CredStackStore", "CredStackOperations", "CredStackTestSupport"], exclude: ["Snapshots"]),
        // Drives the built binary; depending on it makes `swift test` build it first.
        .testTarget(name: "CLITests", dependencies: ["credstack", "CredStackCore", "CredStackStore", "CredStackTUI"], exclude: ["MalformedCorpus", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
