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
        // Pathway templates are compiled in, so the one-file static binary carries them.
        .target(name: "CredStackStore", dependencies: ["CredStackCore"],
                resources: [.embedInCode("PathwayTemplates")]),
        .target(name: "CredStackTUI", dependencies: ["CredStackCore", "CredStackStore"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CredStackTerminal", dependencies: ["CNcursesw", "CredStackTUI"]),
        .executableTarget(
            name: "credstack",
            dependencies: [
                "CredStackCore", "CredStackStore", "CredStackTUI", "CredStackTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CredStackCoreTests", dependencies: ["CredStackCore"]),
        .testTarget(name: "CredStackTOMLTests", dependencies: ["CredStackTOML"]),
        .testTarget(name: "CredStackStoreTests", dependencies: ["CredStackStore"]),
        .testTarget(name: "CredStackTUITests", dependencies: ["CredStackTUI", "CredStackStore"], exclude: ["Snapshots"]),
        // Drives the built binary; depending on it makes `swift test` build it first.
        .testTarget(name: "CLITests", dependencies: ["credstack", "CredStackCore"], exclude: ["MalformedCorpus", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
