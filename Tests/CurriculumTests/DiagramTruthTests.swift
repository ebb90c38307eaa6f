import Conformance
import Curriculum
import Foundation
import TerminalUI
import Testing

/// The state diagram of every step (what `cblearn diagram` and the REPL's `diagram` draw) says what the
/// reference model does under that step's configuration and profile: the model is run, and the diagram's
/// words are compared with what it did.
@Suite("Diagrams say what the rules say")
struct DiagramTruthTests {
  let root = ContentRoot(url: FixturePaths.packageRoot)

  /// What the reference model does, found by running it.
  struct ModelFacts {
    /// Failures in a row that opened a fresh breaker (all calls failing, at one instant).
    var failuresToTrip = 0
    /// Whether a call exactly `recovery_timeout` after the trip is admitted.
    var admitsAtTimeout = false
    /// Whether a call just before the timeout is rejected.
    var rejectsBeforeTimeout = false
    /// Whether reading the state after the timeout, before any call, moves OPEN to HALF_OPEN.
    var readAdvances = false
    /// How many trials HALF_OPEN admits at once before it rejects a call (`nil`: none rejected of 50).
    var allowance: Int?
    /// Trial successes in a row that close it.
    var successesToClose = 0

    init(config: BreakerConfig, profile: Profile) {
      // The bulkhead rejects too; it is left out here so that only the breaker's own rules are probed.
      var breakerOnly = config
      breakerOnly.maxConcurrentCalls = nil
      var tripped = ReferenceBreaker(config: breakerOnly, profile: profile)
      while tripped.state != .open, failuresToTrip < 20_000, let ticket = tripped.admit(at: 0) {
        tripped.complete(ticket, .failure, at: 0)
        failuresToTrip += 1
      }
      let wait = config.recoveryTimeout
      var early = tripped
      rejectsBeforeTimeout = early.admit(at: wait - 0.001) == nil
      var boundary = tripped
      admitsAtTimeout = boundary.admit(at: wait) != nil
      var read = tripped
      readAdvances = read.read(at: wait + 1) == .halfOpen
      var trials = tripped
      var admitted = 0
      while admitted < 50, trials.admit(at: wait + 1) != nil { admitted += 1 }
      allowance = admitted < 50 ? admitted : nil
      var closing = tripped
      while closing.state != .closed, successesToClose < 20_000, let ticket = closing.admit(at: wait + 1) {
        closing.complete(ticket, .success, at: wait + 1)
        successesToClose += 1
      }
    }
  }

  /// Expects the diagram of `config` under `profile` to agree with the model at the four widths.
  static func expectAgreement(_ config: BreakerConfig, _ profile: Profile, _ what: String) {
    let facts = ModelFacts(config: config, profile: profile)
    #expect(facts.rejectsBeforeTimeout, "\(what): the model admits a call before the wait is over")
    let wait = formatSeconds(config.recoveryTimeout)
    for width in [40, 60, 80, 120] {
      let diagram = StateDiagram(config: config, profile: profile, info: TerminalInfo(width: width))
      let lines = diagram.render()
      let text = lines.joined(separator: "\n")
      let at = "\(what) at \(width) columns"
      // OPEN → HALF_OPEN happens on the next call (or read), from the boundary the model uses.
      // Under `open_boundary: any` either is right and the label does not commit: "once 30s have passed".
      let passed =
        facts.admitsAtTimeout || profile.openBoundary == .any
        ? "once \(wait) have passed" : "once over \(wait) have passed"
      #expect(text.contains("the next call"), "\(at)")
      #expect(text.contains(passed), "\(at): expected '\(passed)'")
      #expect(text.contains("or state read") == facts.readAdvances, "\(at): state reads")
      // HALF_OPEN's rejections, with the allowance the model enforces.
      if let k = facts.allowance {
        #expect(text.contains("beyond \(k) trial\(k == 1 ? "" : "s")"), "\(at): expected the allowance \(k)")
      } else {
        #expect(text.contains("admits every") && !text.contains("beyond"), "\(at): HALF_OPEN rejects nothing")
      }
      #expect(diagram.halfOpenRejects == (facts.allowance != nil), "\(at)")
      // The way in and the way back.
      if profile.tripRule == .consecutive {
        let n = facts.failuresToTrip
        #expect(text.contains(n == 1 ? "1 failure" : "\(n) consecutive failures"), "\(at): expected \(n) failures")
      } else if let w = config.window {
        #expect(text.contains("\(formatNumber(w.failureRateThreshold))% failures"), "\(at)")
        #expect(
          text.contains("(min \(facts.failuresToTrip) call"), "\(at): the model tripped after \(facts.failuresToTrip)"
        )
      }
      let k = facts.successesToClose
      #expect(text.contains(k == 1 ? "1 trial success" : "\(k) trial successes"), "\(at): expected \(k) to close")
      if let m = config.maxConcurrentCalls {
        #expect(text.contains("beyond \(m) in flight"), "\(at): the bulkhead of \(m)")
      }
      for line in lines {
        #expect(TextWidth.of(line) <= width && !line.hasSuffix("…"), "\(at): \(line)")
      }
    }
  }

  @Test("each step's diagram agrees with the model under the step's manifest", arguments: 2...10)
  func step(_ number: Int) throws {
    let step = try #require(LearningPath.standard.step(number))
    guard root.hasExercise(step) else { try Test.cancel("step \(number) has no exercise yet") }
    let manifest = try root.exercise(step).manifest
    Self.expectAgreement(manifest.config, manifest.profile, "step \(number)")
  }

  @Test("a changed knob or number changes the label the same way the model changes", arguments: [1, 3, 4])
  func variants(allowance: Int) {
    var profile = Profile.exercise(step: 5)
    var config = BreakerConfig.exercise(step: 5)
    config.halfOpenMaxCalls = allowance
    config.successThreshold = allowance + 1
    config.recoveryTimeout = 17.5
    Self.expectAgreement(config, profile, "allowance \(allowance)")
    profile.openBoundary = .exclusive
    profile.stateRead = .advances
    Self.expectAgreement(config, profile, "exclusive, advancing, allowance \(allowance)")
    profile.halfOpenAdmission = .unlimited
    Self.expectAgreement(config, profile, "unlimited")
    config.window = .init(kind: .count, size: 10, minimumCalls: 2 + allowance, failureRateThreshold: 40)
    profile.tripRule = .rate
    Self.expectAgreement(config, profile, "rate, minimum \(2 + allowance)")
  }
}
