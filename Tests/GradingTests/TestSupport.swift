import Checking
import Curriculum
import Foundation
import Grading

/// Shared helpers: the repository root, the content and a Swift build cache inside .build.
enum TestSupport {
  /// The repository root (the folder holding Package.swift).
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  static let content = ContentRoot(url: root)

  /// One compile cache for every grading test, so Swift files compile once per machine.
  static let buildCache = root.appendingPathComponent(".build/grading-test-cache")

  static func step(_ number: Int) -> PathStep { LearningPath.standard.step(number)! }

  /// The points a step is worth under its manifest alone (no rubric), the exploration's point included.
  static func manifestMaximum(_ number: Int) throws -> Int {
    let checker = StepChecker(content: content, cacheDirectory: buildCache)
    return try checker.plan(for: checker.exercise(step(number)), seed: 1).1.maxScore
  }

  /// Options for a fast, safe test run: no variants, a short exploration, short deadlines, a tiny process cap.
  static func options(_ fixture: FixtureClass, steps: [Int] = [3]) -> GradingOptions {
    var options = GradingOptions(submissions: fixture.submissions, steps: steps.map(step), out: fixture.out)
    options.jobs = 2
    options.variants = 0
    options.seedCount = 1
    options.exploreRuns = 20
    options.replyTimeout = 1
    options.timeout = 30
    options.maxProcesses = 48
    options.maxOutputBytes = 1 << 20
    options.buildCache = buildCache
    return options
  }
}
