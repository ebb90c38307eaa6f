import Foundation
import REPL
import Testing

/// `next --from-mine`: a learner starts the next step from their own breaker, not the repository's starter.
@Suite("Carrying a file forward")
struct CarryForwardTests {
  /// Adds a second breaker exercise (step 4) to the session's content.
  func addStepFour(_ s: CapturedSession) throws {
    try s.temp.write(
      "exercises/04-stuck-open/exercise.yaml",
      """
      step: 4
      slug: stuck-open
      title: Stuck open
      kind: breaker
      summary: Repair it.
      starters: {swift: swift/Breaker.swift, python: python/breaker.py}
      config: {failure_threshold: 5, recovery_timeout: 30}
      """)
    try s.temp.write("exercises/04-stuck-open/swift/Breaker.swift", "// starter of step 4\n")
    try s.temp.write("exercises/04-stuck-open/python/breaker.py", "# starter of step 4\n")
  }

  var stepFour: String { "steps/04-stuck-open/swift/Breaker.swift" }

  @Test("next --from-mine copies the learner's file and keeps the file it replaces")
  func fromMine() throws {
    let s = try CapturedSession()
    try addStepFour(s)
    s.run("goto 4")
    s.run("goto 3")
    try Data("// mine\n".utf8).write(to: s.temp.learnerFile())
    let out = s.run("next --from-mine")
    #expect(out.contains("Copied your step-3 file to \(stepFour)"), "\(out)")
    let four = s.temp.workspace.appendingPathComponent(stepFour)
    #expect(try String(contentsOf: four, encoding: .utf8) == "// mine\n")
    #expect(s.session.prompt.hasPrefix("cblearn 4/10"))
    s.type("y")
    s.run("reset")
    #expect(try String(contentsOf: four, encoding: .utf8) == "// starter of step 4\n")
  }

  @Test("a scripted next never asks and never copies")
  func plainNext() throws {
    let s = try CapturedSession()
    try addStepFour(s)
    s.run("goto 3")
    try Data("// mine\n".utf8).write(to: s.temp.learnerFile())
    let out = s.run("next")
    #expect(!out.contains("Copied"))
    #expect(!out.contains("[y/N]"))
  }

  @Test("next --from-mine says so when the step before has no breaker file")
  func nothingToCarry() throws {
    let s = try CapturedSession()
    s.run("goto 2")
    #expect(s.run("next --from-mine").contains("There is no breaker file of step 2"))
  }
}
