import Foundation
import Testing

@testable import Conformance

/// Profiles and configurations decode from partial objects, so old profile files keep working.
@Suite struct ProfileDecodingTests {
  @Test func emptyProfileIsTheTutorial() throws {
    let profile = try JSONDecoder().decode(Profile.self, from: Data("{}".utf8))
    #expect(profile == .tutorial)
  }

  @Test func newKnobsDecode() throws {
    let json = """
      {"serializes_calls": true, "hung_trial": "repermit", "trip_evaluation": "on_failure",
       "window_kinds": "time", "time_window": "bucketed", "stale_results": "count"}
      """
    let p = try JSONDecoder().decode(Profile.self, from: Data(json.utf8))
    #expect(p.serializesCalls && p.hungTrial == .repermit && p.tripEvaluation == .onFailure)
    #expect(p.windowKinds == .time && p.timeWindow == .bucketed && p.staleResults == .count)
    #expect(p.tripRule == .consecutive)
    let back = try JSONDecoder().decode(Profile.self, from: JSONEncoder().encode(p))
    #expect(back == p)
  }

  @Test func listenerKeyRoundTrips() throws {
    var c = BreakerConfig.exercise(step: 9)
    c.listener = .reenter
    let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
    #expect(json.contains("\"listener\":\"reenter\""))
    #expect(try JSONDecoder().decode(BreakerConfig.self, from: Data(json.utf8)) == c)
    #expect(!String(decoding: try JSONEncoder().encode(BreakerConfig()), as: UTF8.self).contains("listener"))
  }

  @Test func fixedStateReadIsJudged() throws {
    var lazy = Profile.exercise(step: 5)
    lazy.stateRead = .lazy
    var advancing = lazy
    advancing.stateRead = .advances
    let report = try Explorer(profile: lazy, config: .exercise(step: 5), seed: 2)
      .run(factory: ExplorerTests.Variant(profile: advancing))
    #expect(!report.passed, "a breaker whose reads advance it must diverge from a lazy profile")
  }
}
