import Conformance
import Testing

@testable import TerminalUI

/// The diagram's labels follow the profile: the wait's boundary, what moves OPEN to HALF_OPEN, the trial
/// allowance and its rejections, the trip rule; the goldens of a limited HALF_OPEN and of step 9's rules.
@Suite struct StateDiagramProfileTests {
  /// Step 5's configuration: 5 failures, 45 s, two trials at once, two successes to close.
  static let limited = BreakerConfig(failureThreshold: 5, recoveryTimeout: 45, halfOpenMaxCalls: 2, successThreshold: 2)

  /// A profile that limits HALF_OPEN.
  static var limiting: Profile {
    var p = Profile.tutorial
    p.halfOpenAdmission = .limited
    return p
  }

  @Test func waitIsTheNextCallAndFollowsTheBoundary() {
    var profile = Profile.tutorial
    let config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30)
    #expect(StateDiagram(config: config, profile: profile).waitLabel == "the next call once 30s have passed")
    profile.openBoundary = .exclusive
    #expect(StateDiagram(config: config, profile: profile).waitLabel == "the next call once over 30s have passed")
    profile.stateRead = .advances
    #expect(
      StateDiagram(config: config, profile: profile).waitLabel
        == "the next call or state read once over 30s have passed")
  }

  @Test(arguments: [1, 2, 3, 7])
  func allowanceIsTheConfiguredOne(k: Int) {
    let config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30, halfOpenMaxCalls: k)
    let diagram = StateDiagram(config: config, profile: Self.limiting)
    #expect(diagram.halfOpenNote == "rejects calls beyond \(k) trial\(k == 1 ? "" : "s") in flight")
    for width in [40, 60, 80, 120] {
      let text = StateDiagram(config: config, profile: Self.limiting, info: TerminalInfo(width: width)).render()
        .joined(separator: "\n")
      #expect(text.contains("beyond \(k) trial"), "width \(width)")
    }
  }

  @Test func anUnlimitedHalfOpenRejectsNothingWhateverTheConfiguredLimit() {
    let config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30, halfOpenMaxCalls: 2)
    let diagram = StateDiagram(config: config, profile: .tutorial)
    #expect(!diagram.halfOpenRejects)
    #expect(diagram.halfOpenNote == "admits every call as a trial")
    #expect(!diagram.render().joined(separator: "\n").contains("beyond"))
    // Without a profile, a configured limit is taken as enforced.
    #expect(StateDiagram(config: config).halfOpenRejects)
  }

  @Test func halfOpenGetsItsLoopOnlyWhenItRejects() {
    let loop = "╰─────╯"
    let wide = StateDiagram(config: Self.limited, profile: Self.limiting).render().joined(separator: "\n")
    #expect(wide.ranges(of: loop).count == 2)
    let open = StateDiagram(config: Self.limited, profile: .tutorial).render().joined(separator: "\n")
    #expect(open.ranges(of: loop).count == 1)
    let narrow = StateDiagram(config: Self.limited, profile: Self.limiting, info: TerminalInfo(width: 50)).render()
    #expect(narrow.contains { $0.contains("stays HALF_OPEN:") })
  }

  @Test func rateSlowCallsAndBulkheadAreNamed() {
    var profile = Self.limiting
    profile.tripRule = .rate
    profile.rateComparison = .gt
    var config = Self.limited
    config.window = .init(kind: .count, size: 10, minimumCalls: 5, failureRateThreshold: 50)
    config.slowCallDuration = 2
    config.slowCallRateThreshold = 60
    config.maxConcurrentCalls = 4
    let d = StateDiagram(config: config, profile: profile)
    #expect(d.tripLabel == ">50% failures of the last 10 calls (min 5 calls) or >60% slow calls (over 2s)")
    #expect(d.reopenLabel == "a trial fails or is slow")
    #expect(d.closeLabel == "2 trial successes in a row")
    #expect(d.bulkheadNote == "In every state, a bulkhead rejects calls beyond 4 in flight.")
    // The consecutive rule ignores a window the configuration happens to have.
    profile.tripRule = .consecutive
    #expect(StateDiagram(config: config, profile: profile).tripLabel == "5 consecutive failures")
  }

  @Test func fallbackAndRepermitAreNamed() {
    var profile = Self.limiting
    profile.fallbackOn = .open
    profile.hungTrial = .repermit
    let d = StateDiagram(config: Self.limited, profile: profile)
    #expect(d.openNote == "rejects calls (fallback or CircuitOpenError)")
    #expect(d.halfOpenNote == "rejects calls beyond 2 trials in flight (new permits every 45s)")
  }

  /// Every profile variant fits every width from 40 to 120 columns, never cut off.
  @Test func everyVariantFitsEveryWidth() {
    var profiles: [Profile] = [.tutorial, Self.limiting]
    var wordy = Self.limiting
    (wordy.openBoundary, wordy.stateRead, wordy.hungTrial, wordy.fallbackOn) = (.exclusive, .advances, .repermit, .open)
    wordy.tripRule = .rate
    profiles.append(wordy)
    var config = BreakerConfig(failureThreshold: 10_000, recoveryTimeout: 9_999_999.5, halfOpenMaxCalls: 10_000)
    config.successThreshold = 10_000
    config.window = .init(kind: .time, size: 86_400, minimumCalls: 10_000, failureRateThreshold: 33.333)
    (config.slowCallDuration, config.slowCallRateThreshold, config.maxConcurrentCalls) = (86_400, 99.5, 10_000)
    for profile in profiles {
      for cfg in [Self.limited, config] {
        for width in 40...120 {
          for ascii in [false, true] {
            let info = TerminalInfo(width: width)
            let lines = StateDiagram(config: cfg, profile: profile, highlight: .halfOpen, info: info, ascii: ascii)
              .render()
            for line in lines {
              #expect(TextWidth.of(line) <= min(width, 80), "width \(width): \(line)")
              #expect(!line.hasSuffix("…") && !line.hasSuffix("~"), "width \(width): \(line)")
            }
          }
        }
      }
    }
  }

  @Test(arguments: [false, true])
  func goldenLimited(ascii: Bool) throws {
    let name = ascii ? "ascii" : "unicode"
    for width in [44, 80] {
      let info = TerminalInfo(width: width)
      let lines = StateDiagram(
        config: Self.limited, profile: Self.limiting, highlight: .halfOpen, info: info, ascii: ascii
      )
      .render()
      try Golden.check(lines, "state-diagram-limited-\(width)-\(name).txt")
    }
  }

  @Test func goldenSlowCallsAndBulkhead() throws {
    var profile = Profile.exercise(step: 9)
    profile.openBoundary = .inclusive
    let config = BreakerConfig.exercise(step: 9)
    for width in [40, 60, 80] {
      let lines = StateDiagram(config: config, profile: profile, info: TerminalInfo(width: width)).render()
      try Golden.check(lines, "state-diagram-step9-\(width).txt")
    }
  }
}
