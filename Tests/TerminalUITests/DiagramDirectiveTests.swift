import Conformance
import Testing

@testable import TerminalUI

/// A directive's profile: assumed from its numbers, overridden by the knobs it names, checked like them.
@Suite struct DiagramDirectiveTests {
  /// The directive's state machine as plain text.
  static func machine(_ parameters: String) throws -> String {
    let directive = try DiagramDirective.parse("::: diagram state-machine " + parameters, line: 1)
    return try directive.diagram().lines(info: .plain).map(\.plain).joined(separator: "\n")
  }

  @Test func aTrialLimitIsEnforcedUnlessTheDirectiveSaysOtherwise() throws {
    let limited = try Self.machine("failure_threshold=3 recovery_timeout=30 half_open_max_calls=3")
    #expect(limited.contains("beyond 3 trials"))
    let unlimited = try Self.machine("failure_threshold=3 half_open_max_calls=3 half_open_admission=unlimited")
    #expect(unlimited.contains("admits every") && !unlimited.contains("beyond"))
    let none = try Self.machine("failure_threshold=3")
    #expect(none.contains("admits every"))
  }

  @Test func knobsChangeTheLabels() throws {
    let text = try Self.machine(
      "recovery_timeout=20 open_boundary=exclusive state_read=advances fallback_on=open window=count window_size=10 "
        + "minimum_calls=4 rate_comparison=gt")
    #expect(text.contains("once over 20s have passed"))
    #expect(text.contains("or state read"))
    #expect(text.contains("fallback or"))
    #expect(text.contains(">50% failures"))
    let directive = try DiagramDirective.parse("::: diagram state-machine hung_trial=repermit", line: 1)
    #expect(try directive.profile().hungTrial == .repermit)
  }

  @Test func slowCallsAndBulkheadAreConfigurable() throws {
    let text = try Self.machine(
      "window=count window_size=10 minimum_calls=5 slow_call_duration=2 slow_call_rate_threshold=60 max_concurrent_calls=4"
    )
    #expect(text.contains("≥60% slow calls (over 2s)"))
    #expect(text.contains("a trial fails"))
    #expect(text.contains("beyond 4 in flight"))
  }

  @Test func aTimeWindowSpansSeconds() throws {
    let text = try Self.machine("window=time window_size=0.5 minimum_calls=1 recovery_timeout=1")
    #expect(text.contains("of calls in 0.5s"))
    #expect(text.contains("(min 1 call)"))
    #expect(text.contains("once 1s has passed"))
    #expect(throws: TerminalUIError.self) { try Self.machine("window=count window_size=0.5") }
  }

  @Test(arguments: [
    ("half_open_admission=some", "half_open_admission must be one of unlimited, limited"),
    ("open_boundary=both", "open_boundary must be one of inclusive, exclusive"),
    ("slow_call_duration=0", "slow_call_duration must be a number of seconds from 0.001 to 86400"),
    ("slow_call_rate_threshold=101", "slow_call_rate_threshold must be a percentage from 0 to 100"),
    ("window=count window_size=5 failure_rate_threshold=0", "above 0 and at most 100"),
    ("max_concurrent_calls=0", "max_concurrent_calls must be a whole number from 1 to 10000"),
    ("recovery_timeout=-1", "recovery_timeout must be a number of seconds from 0.001 to 10000000"),
  ])
  func badValuesAreNamed(parameters: String, message: String) {
    #expect {
      try DiagramDirective.parse("::: diagram state-machine " + parameters, line: 4)
    } throws: { error in
      "\(error)".hasPrefix("line 4: ") && "\(error)".contains(message)
    }
  }
}
