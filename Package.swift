// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "cblearn",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "cblearn", targets: ["cblearn"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
  ],
  targets: [
    .executableTarget(
      name: "cblearn",
      dependencies: ["CBLearnCommands"],
      swiftSettings: strict),
    .target(
      name: "CBLearnCommands",
      dependencies: [
        "Conformance", "Subjects", "Curriculum", "Checking", "TerminalUI", "Progress", "Grading",
        "Simulation", "SimulationResults", "REPL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    /// The conformance engine: checks, profiles, sessions, results. No terminal, no files.
    .target(name: "Conformance", swiftSettings: strict),
    /// Subjects under test: the wire-protocol client, child processes with limits, per-track builders.
    .target(name: "Subjects", dependencies: ["Conformance", "Processes"], swiftSettings: strict),
    /// Runs a step's checks (or the whole suite) on a solution: the one path for check, REPL and grading.
    .target(
      name: "Checking", dependencies: ["Conformance", "Subjects", "Curriculum", "Simulation", "SimulationResults"],
      swiftSettings: strict),
    /// Lessons, exercises, manifests and the path, loaded from `lessons/` and `exercises/`; lesson diagrams
    /// resolved (timeline scripts run) for TerminalUI to draw.
    .target(
      name: "Curriculum",
      dependencies: ["Conformance", "TerminalUI", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    /// Terminal rendering: styles, Markdown lessons, diagrams, timelines, tables, progress bars.
    .target(
      name: "TerminalUI", dependencies: ["Conformance", "Processes", "SimulationResults"], swiftSettings: strict),
    /// Starting child processes (posix_spawn): process groups, sessions on pseudo-terminals, descriptors, signals.
    /// Depends on nothing.
    .target(name: "Processes", swiftSettings: strict),
    /// The learner's workspace and progress file.
    .target(name: "Progress", dependencies: ["Curriculum"], swiftSettings: strict),
    /// Batch grading of submissions and gradebook exports.
    .target(
      name: "Grading",
      dependencies: [
        "Conformance", "Subjects", "Curriculum", "Checking", "TerminalUI",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    /// The cascade simulator (steps 1 and 10).
    .target(
      name: "Simulation",
      dependencies: [
        "Conformance", "SimulationResults",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      swiftSettings: strict),
    /// What a simulation run produced (`SimulationResult`) and how durations read: the simulator writes
    /// these, TerminalUI renders them, the capstone checks judge them.
    .target(name: "SimulationResults", swiftSettings: strict),
    .systemLibrary(
      name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    /// The interactive REPL over libedit.
    .target(
      name: "REPL",
      dependencies: [
        "CLibEdit", "CLineEditor", "Conformance", "Curriculum", "Checking", "Subjects", "TerminalUI", "Progress",
        "Processes",
      ],
      swiftSettings: strict),
    /// Non-variadic C wrappers over libedit's `el_set` and `history` for the REPL.
    .target(name: "CLineEditor", dependencies: ["CLibEdit"], path: "Sources/CLineEditor"),
    .testTarget(name: "ProcessesTests", dependencies: ["Processes"], swiftSettings: strict),
    .testTarget(name: "ProgressTests", dependencies: ["Progress", "Curriculum"], swiftSettings: strict),
    .testTarget(
      name: "REPLTests", dependencies: ["REPL", "Progress", "Curriculum", "Conformance", "Checking", "Processes"],
      swiftSettings: strict),
    .testTarget(name: "ConformanceTests", dependencies: ["Conformance"], swiftSettings: strict),
    .testTarget(
      name: "SubjectsTests", dependencies: ["Subjects", "Conformance", "Curriculum", "Checking"],
      exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(
      name: "CurriculumTests",
      dependencies: ["Curriculum", "TerminalUI", "Simulation", "SimulationResults", "Checking", "Processes"],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "TerminalUITests",
      dependencies: ["TerminalUI", "Conformance", "Curriculum", "Simulation", "SimulationResults"],
      exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "EndToEndTests", dependencies: ["cblearn", "Processes"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(
      name: "MutantTests",
      dependencies: [
        "Checking", "Conformance", "Curriculum", "Processes", "Subjects", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "SimulationTests", dependencies: ["Simulation", "SimulationResults", "Checking", "Conformance"],
      swiftSettings: strict),
    .testTarget(
      name: "GradingTests",
      dependencies: [
        "Grading", "Checking", "Conformance", "Curriculum", "Processes", "Subjects",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
  ]
)
