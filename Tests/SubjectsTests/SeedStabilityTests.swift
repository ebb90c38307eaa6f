import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import Testing

/// The reference solutions pass every check of their step under 20 seeds (other thresholds, timeouts and
/// start times each time), through the real adapters. `scripts/soak.sh` repeats whole runs to find flakes.
@Suite("Reference solutions under 20 seeds")
struct SeedStabilityTests {
  @Test("the step 9 solutions (every check up to step 9) pass under seeds 1 to 20", arguments: [Track.python, .swift])
  func stepNineSolutions(track: Track) throws {
    let step = LearningPathHelper.step(9)
    let exercise = try TestSupport.checker.exercise(step)
    let file = try #require(exercise.solutionURL(track))
    var failures: [String] = []
    for seed in UInt64(1)...20 {
      let result = try TestSupport.check(9, file, seed: seed)
      if !result.report.checks.allSatisfy({ $0.status == .pass }) {
        failures.append("seed \(seed):\n\(TestSupport.failures(result))")
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
