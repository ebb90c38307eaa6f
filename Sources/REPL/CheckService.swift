import Conformance
import Foundation

/// Runs a step's conformance checks on a learner's file; injected into the REPL so tests can fake it.
public protocol CheckService: Sendable {
  /// Runs the checks of `step` on `file`; throws `REPLError.cancelled` when interrupted.
  func check(step: Int, file: URL, seed: UInt64?) throws -> SuiteReport
}
