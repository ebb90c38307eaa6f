import Checking
import Foundation

/// Runs a step's checks on a learner's file (the capstone's simulation for step 10); injected into the REPL
/// so tests can fake it. The real one runs `cblearn check`, which goes through `Checking.StepChecker`.
public protocol CheckService: Sendable {
  /// Runs the checks of `step` on `file`, with the score; throws `REPLError.cancelled` when interrupted.
  func check(step: Int, file: URL, seed: UInt64?) throws -> StepResult
}
