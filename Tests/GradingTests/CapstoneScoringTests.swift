import Checking
import Conformance
import Curriculum
import Foundation
import Grading
import Testing

/// `check 10` and `grade` score the capstone from one plan (`CapstonePlan`): the manifest's points, the
/// same maximum, and a score that counts only the checks that passed.
@Suite("Capstone scoring plan")
struct CapstoneScoringTests {
  /// The capstone's manifest with points that differ per check, so a plan that ignored them would show.
  static func manifest() throws -> ExerciseManifest {
    var manifest = try TestSupport.content.exercise(TestSupport.step(10)).manifest
    manifest.points = [CapstoneChecks.ids[0]: 3, CapstoneChecks.ids[1]: 2]
    return manifest
  }

  static func result(_ id: String, _ status: CheckStatus) -> CheckResult {
    CheckResult(
      id: id, title: id, category: "chaos", step: 10, level: .must, status: status, message: "", motivation: "")
  }

  @Test("the plan reads the manifest's points and scores only the checks that passed")
  func planScores() throws {
    let plan = CapstonePlan(manifest: try Self.manifest())
    #expect(plan.ids == CapstoneChecks.ids)
    #expect(plan.maxScore == 3 + 2 + (CapstoneChecks.ids.count - 2))
    let checks = [
      Self.result(CapstoneChecks.ids[0], .pass), Self.result(CapstoneChecks.ids[1], .fail),
      Self.result(CapstoneChecks.ids[2], .pass), Self.result("not.a-capstone-check", .pass),
    ]
    #expect(plan.score(checks) == 3 + 1)
  }

  @Test("grading's scorer for step 10 is built from the same plan")
  func graderUsesThePlan() throws {
    let plan = CapstonePlan(manifest: try Self.manifest())
    let scorer = try GradeScorer(step: TestSupport.step(10), capstone: plan, rubric: Rubric(), seed: 1)
    #expect(scorer.points == plan.points)
    #expect(scorer.maxScore == plan.maxScore)
  }
}
