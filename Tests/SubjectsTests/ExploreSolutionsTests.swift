import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import Testing

/// Explore mode is never wrong: the reference solutions of steps 2 to 9 in both tracks, the tutorial's own
/// breaker and correct breakers written in other styles (`Fixtures/variants`) agree with the model on every
/// sequence, through the real adapters (80 sequences each, a seed per subject, about 1,800 sequences in all).
/// In-process subjects run many more sequences in `ExplorerTests`.
@Suite struct ExploreSolutionsTests {
  /// Every subject with the step it is correct for.
  static let subjects: [(Int, String)] = {
    var list: [(Int, String)] = []
    for step in 2...9 {
      let folder = TestSupport.root.appendingPathComponent("exercises")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      guard let name = names.first(where: { $0.hasPrefix(String(format: "%02d-", step)) }) else { continue }
      list.append((step, "exercises/\(name)/solution/breaker.py"))
      list.append((step, "exercises/\(name)/solution/Breaker.swift"))
    }
    let fixtures = "Tests/SubjectsTests/Fixtures"
    list += [
      (3, "\(fixtures)/tutorial_breaker.py"), (3, "\(fixtures)/variants/locked_call_03.py"),
      // Step 2 leaves the boundary and uncounted errors open: the tutorial's rules (step 3) pass it too.
      (2, "\(fixtures)/tutorial_breaker.py"), (2, "exercises/03-basic-breaker/solution/Breaker.swift"),
      (5, "\(fixtures)/variants/state_objects_05.py"),
      (7, "\(fixtures)/variants/token_set_07.py"), (7, "\(fixtures)/variants/trial_tokens_only_07.py"),
      (8, "\(fixtures)/variants/ring_buffer_09.py"),
      (9, "\(fixtures)/variants/ring_buffer_09.py"), (5, "\(fixtures)/variants/EnumStates05.swift"),
      (6, "\(fixtures)/variants/SerialQueue06.swift"),
    ]
    return list
  }()

  @Test(arguments: Self.subjects.indices)
  func agreesWithTheModel(index: Int) throws {
    let (step, path) = Self.subjects[index]
    let source = try SubjectSource.detect(path: TestSupport.root.appendingPathComponent(path).path, exec: nil)
    for seed in [UInt64(5 + index)] {
      let report = try TestSupport.checker.explore(
        step: LearningPath.standard.step(step)!, source: source, seed: seed, runs: 80, length: 40)
      #expect(
        report.passed,
        "\(path) at step \(step), seed \(seed): \(report.divergence?.message ?? "")\n\(report.divergence?.script ?? "")"
      )
    }
  }

  /// The plain `check` includes the exploration as a must check of its own, and it passes.
  @Test func checkIncludesTheExploration() throws {
    let result = try TestSupport.check(
      3, TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"))
    let explored = try #require(result.report.checks.first { $0.id == ExploreCheck.id })
    #expect(explored.status == .pass && explored.level == .must, "\(explored.message)")
    #expect(result.points[ExploreCheck.id] == 1)
  }
}
