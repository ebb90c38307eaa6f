import Checking
import Conformance
import Foundation
import Testing

/// Correct breakers written in other styles than the reference solutions pass every check of their step:
/// a correct breaker failing is as bad as a bug passing.
@Suite("Correct breakers in other styles")
struct CorrectVariants {
  /// A state-pattern class whose `_state` is an object, float deadlines with token sets and a list window,
  /// and a Swift breaker whose `state` is its own enum with associated values behind a serial queue.
  static let files: [(String, Int)] = [
    ("mutants/correct/state_pattern_step6.py", 6),
    ("mutants/correct/float_deadline_step9.py", 9),
    ("mutants/correct/EnumStateStep6.swift", 6),
  ]

  @Test("passes every check of its step", arguments: files.indices)
  func passes(index: Int) throws {
    let (path, step) = Self.files[index]
    let file = MutantSupport.root.appendingPathComponent(path)
    let outcome = MutantSupport.run(Subject(role: .solution, step: step, file: file))
    let result = try #require(outcome.result, "\(path) could not run: \(outcome)")
    #expect(result.report.checks.allSatisfy { $0.status == .pass }, "\(path):\n\(MutantSupport.failures(result))")
  }
}
