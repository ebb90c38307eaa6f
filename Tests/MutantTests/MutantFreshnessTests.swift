import Foundation
import Processes
import Testing

/// The committed mutants are exactly what `mutants/make_mutants.py` writes from today's reference solutions,
/// so a changed solution can never leave a mutant that no longer carries its bug (or carries two).
struct MutantFreshnessTests {
  @Test func theCommittedMutantsMatchTheirGenerator() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let python = try #require(Spawn.findExecutable("python3"), "python3 is needed to run the generator")
    let run = try Spawn([python, root.appendingPathComponent("mutants/make_mutants.py").path, "--check"], group: .own)
      .capture(timeout: 120)
    #expect(run.termination == .exited(0), "\(run.text)")
    #expect(run.text.contains("up to date"))
  }
}
