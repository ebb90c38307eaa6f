import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// The capstone (step 10): `cblearn simulate --scenario chaos --breaker FILE --checks`, which exits 0 when
  /// every capstone check passes; its report is shown as it is. `nil` when cancelled with Ctrl-C.
  func runCapstone(_ step: PathStep) throws -> Grade? {
    let (_, file) = try fileToCheck(step)
    let executable = ProcessCheckService.current(contentRoot: workspace.content.url).executable
    let arguments = [executable, "simulate", "--scenario", "chaos", "--breaker", file.path, "--checks"]
    console.line("Running the chaos scenario with \(workspace.relativePath(file))… (Ctrl-C cancels)")
    let result: ChildProcess.Result
    do {
      result = try ChildProcess.capture(arguments)
    } catch REPLError.cancelled {
      console.line("")
      console.line("Simulation cancelled.")
      return nil
    }
    let output = String(decoding: result.stdout, as: UTF8.self) + String(decoding: result.stderr, as: UTF8.self)
    console.line(output.trimmingCharacters(in: .whitespacesAndNewlines))
    console.line("")
    let passed = result.status == 0
    console.line(
      passed
        ? console.style("Every capstone check passes: the shop stays up.", .bold, color: .green)
        : "Some capstone checks fail (exit status \(result.status)); read the report above, or type `hint`.")
    return Grade(passed: passed, score: passed ? 1 : 0, max: 1, suiteVersion: nil)
  }
}
