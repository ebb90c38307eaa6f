import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

/// Shared helpers for tests that run real subjects.
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

  static func fixture(_ name: String) -> URL {
    root.appendingPathComponent("Tests/SubjectsTests/Fixtures/\(name)")
  }

  /// A checker whose Swift builds go to a cache inside .build, so tests never touch the user's home.
  static var checker: StepChecker {
    StepChecker(content: content, cacheDirectory: root.appendingPathComponent(".build/test-cache"))
  }

  /// Checks `file` against `step`; `plan` is the capstone's breaker plan (`--plan`).
  static func check(_ step: Int, _ file: URL, seed: UInt64 = 1, plan: URL? = nil) throws -> StepResult {
    let source = try SubjectSource.detect(path: file.path, exec: nil)
    var checker = checker
    checker.planFile = plan
    return try checker.check(step: LearningPath.standard.step(step)!, source: source, seed: seed)
  }

  static func check(
    _ step: Int, exec: String, seed: UInt64 = 1, limits: SubjectLimits = SubjectLimits()
  ) throws -> StepResult {
    var checker = checker
    checker.limits = limits
    return try checker.check(step: LearningPath.standard.step(step)!, source: .exec(exec), seed: seed)
  }

  /// A readable list of the checks that did not pass.
  static func failures(_ result: StepResult) -> String {
    result.report.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.status.rawValue): \($0.message)" }
      .joined(separator: "\n")
  }

  static func status(_ result: StepResult, _ id: String) -> CheckStatus? {
    result.report.checks.first { $0.id == id }?.status
  }
}
