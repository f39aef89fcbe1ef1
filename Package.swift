// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Goalspec",
    products: [
        .library(name: "Goalspec", targets: ["Goalspec"]),
        .executable(name: "goalspec", targets: ["GoalspecMain"]),
    ],
    targets: [
        .target(
            name: "Goalspec",
            path: "Sources/Goalspec",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "GoalspecCLI",
            dependencies: ["Goalspec"],
            path: "Sources/GoalspecCLI",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "GoalspecMain",
            dependencies: ["GoalspecCLI"],
            path: "Sources/GoalspecMain",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "GoalspecTests",
            dependencies: ["Goalspec", "GoalspecCLI"],
            path: "Tests/GoalspecTests",
            exclude: ["Golden", "Fixtures", "Fuzz/spec", "Fuzz/csv"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
