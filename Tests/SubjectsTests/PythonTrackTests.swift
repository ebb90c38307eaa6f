import Checking
import Conformance
import Curriculum
import Foundation
import Testing

@Suite("Python track")
struct PythonTrackTests {
  @Test("the tutorial's basic breaker passes step 3 unmodified")
  func tutorialPassesStep3() throws {
    let result = try TestSupport.check(3, TestSupport.fixture("tutorial_breaker.py"))
    #expect(result.passed, "\(TestSupport.failures(result))")
    #expect(result.report.checks.count >= 15)
  }

  @Test("reference solutions pass their step", arguments: [2, 3, 4])
  func solutionsPass(step: Int) throws {
    let exercise = try TestSupport.checker.exercise(LearningPathHelper.step(step))
    let file = try #require(exercise.solutionURL(.python))
    let result = try TestSupport.check(step, file)
    #expect(result.passed, "\(TestSupport.failures(result))")
    #expect(result.report.checks.allSatisfy { $0.status == .pass }, "\(TestSupport.failures(result))")
  }

  @Test("starters fail their step", arguments: [2, 3, 4])
  func startersFail(step: Int) throws {
    let exercise = try TestSupport.checker.exercise(LearningPathHelper.step(step))
    let file = try #require(exercise.starterURL(.python))
    let result = try TestSupport.check(step, file)
    #expect(!result.passed)
  }
}
