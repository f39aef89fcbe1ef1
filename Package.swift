// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Goalspec",
    products: [
        .library(name: "Goalspec", targets: ["Goalspec"]),
        .executable(name: "goalspec", targets: ["GoalspecCLI"]),
    ],
    targets: [
        .target(
            name: "Goalspec",
            path: "Sources/Goalspec",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "GoalspecCLI",
            dependencies: ["Goalspec"],
            path: "Sources/GoalspecCLI",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "GoalspecTests",
            dependencies: ["Goalspec"],
            path: "Tests/GoalspecTests",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
