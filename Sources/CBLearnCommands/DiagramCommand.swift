import ArgumentParser
import Conformance
import Curriculum
import TerminalUI

/// `cblearn diagram`: the state machine drawn with your thresholds, the current state highlighted.
struct DiagramCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagram",
    abstract: "Draw the breaker's state machine with your thresholds and timeout.",
    discussion: """
      Box-drawing characters by default; pure 7-bit ASCII with --ascii or when the locale is not UTF-8.
      Colour only on a terminal, and never when NO_COLOR is set.
      """)

  /// A state as typed on the command line: `closed`, `open`, `half-open` (or `half_open`).
  struct StateChoice: ExpressibleByArgument {
    var state: BreakerState

    init?(argument: String) {
      guard let state = BreakerState(lenient: argument) else { return nil }
      self.state = state
    }

    static var allValueStrings: [String] { ["closed", "open", "half-open"] }
  }

  @Option(help: "The state to highlight: closed, open or half-open.")
  var state: StateChoice?

  @Flag(help: "Use only 7-bit ASCII characters.")
  var ascii = false

  @Option(help: "Consecutive failures that open the breaker.")
  var failureThreshold = 5

  @Option(help: ArgumentHelp("Seconds the breaker stays OPEN before a trial call.", valueName: "seconds"))
  var recoveryTimeout = 30.0

  @Option(help: "Trial calls admitted at once in HALF_OPEN.")
  var halfOpenMaxCalls: Int?

  func validate() throws {
    try FlagLimits.check(Double(failureThreshold), NumericLimits.config("failure_threshold"))
    try FlagLimits.check(recoveryTimeout, NumericLimits.config("recovery_timeout"))
    try FlagLimits.check(halfOpenMaxCalls, NumericLimits.config("half_open_max_calls"))
  }

  func run() throws {
    let config = BreakerConfig(
      failureThreshold: failureThreshold, recoveryTimeout: recoveryTimeout, halfOpenMaxCalls: halfOpenMaxCalls)
    let diagram = StateDiagram(config: config, highlight: state?.state, info: TerminalInfo.detect(), ascii: ascii)
    for line in diagram.render() { print(line) }
  }
}
