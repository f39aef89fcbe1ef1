// swift-tools-version:6.0
// The benchmark harness of issue 5: `goalspec-bench`, an evaluator with the contract of
// ../../shared/bench/run_peers.sh (`OURS=`), built on the root package's Goalspec library.
// Run everything with `bash Benchmarks/run.sh` from the repository root.
import Foundation
import PackageDescription

// A path dependency's identity is the last component of its folder (`main` for /work/main),
// so it is computed here rather than spelled out: the repository may be cloned under any name.
let rootIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "GoalspecBench",
    products: [
        .executable(name: "goalspec-bench", targets: ["GoalspecBench"]),
    ],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "GoalspecBench",
            dependencies: [.product(name: "Goalspec", package: rootIdentity)],
            path: "Sources/GoalspecBench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
