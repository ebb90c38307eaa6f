import ArgumentParser
import Conformance
import Curriculum
import Foundation
import Progress
import TerminalUI

/// `cblearn diagram`: the state machine drawn with your thresholds, the current state highlighted.
struct DiagramCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagram",
    abstract: "Draw the breaker's state machine with your thresholds and timeout.",
    discussion: """
      In a workspace (the current directory, an ancestor of it, ./cblearn-workspace, or --workspace DIR) the
      diagram uses the configuration and rules of your current step (the wait's boundary, whether HALF_OPEN
      rejects calls beyond its trials); outside one, a threshold of 5 and 30 seconds. The options override
      either. Box-drawing characters by default; pure 7-bit ASCII with --ascii or when
      the locale is not UTF-8. Colour only on a terminal, and never when NO_COLOR is set.
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

  @Option(help: "Consecutive failures that open the breaker (default: your step's, else 5).")
  var failureThreshold: Int?

  @Option(
    help: ArgumentHelp(
      "Seconds the breaker stays OPEN before a trial call (default: your step's, else 30).", valueName: "seconds"))
  var recoveryTimeout: Double?

  @Option(help: "The workspace whose current step's configuration is drawn.")
  var workspace: String?

  @Option(help: "Trial calls admitted at once in HALF_OPEN.")
  var halfOpenMaxCalls: Int?

  func validate() throws {
    try FlagLimits.check(failureThreshold, NumericLimits.config("failure_threshold"))
    if let recoveryTimeout { try FlagLimits.check(recoveryTimeout, NumericLimits.config("recovery_timeout")) }
    try FlagLimits.check(halfOpenMaxCalls, NumericLimits.config("half_open_max_calls"))
  }

  func run() throws {
    var config: BreakerConfig
    var profile: Profile?
    do {
      let step = try stepConfiguration()
      config = step?.config ?? BreakerConfig(failureThreshold: 5, recoveryTimeout: 30)
      profile = step?.profile
    } catch {
      Output.error(error)
      throw ExitCode(1)
    }
    if let failureThreshold { config.failureThreshold = failureThreshold }
    if let recoveryTimeout { config.recoveryTimeout = recoveryTimeout }
    if let halfOpenMaxCalls {
      // A trial limit asked for is drawn as enforced, even at a step that has none.
      config.halfOpenMaxCalls = halfOpenMaxCalls
      profile?.halfOpenAdmission = .limited
    }
    let diagram = StateDiagram(
      config: config, profile: profile, highlight: state?.state, info: TerminalInfo.detect(), ascii: ascii)
    for line in diagram.render() { print(line) }
  }

  /// The configuration and profile of the workspace's current step; `nil` outside a workspace (an error
  /// when `--workspace` names a folder that is not one).
  func stepConfiguration() throws -> (config: BreakerConfig, profile: Profile)? {
    guard let root = Workspace.find(explicit: workspace), Workspace.exists(at: root) else {
      if let workspace { throw ProgressError.noWorkspace(searched: workspace) }
      return nil
    }
    let content = try ContentRoot.locate()
    var notices: [String] = []
    let opened = try Workspace.open(at: root, content: content, notices: &notices)
    let step = opened.path.step(opened.progress.currentStep) ?? opened.path.steps[0]
    guard let manifest = try? content.exercise(step).manifest else { return nil }
    return (manifest.config, manifest.profile)
  }
}
