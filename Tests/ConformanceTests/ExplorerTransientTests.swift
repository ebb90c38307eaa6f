import Foundation
import Synchronization
import Testing

@testable import Conformance

/// A divergence is reported only when it happens again: one wrong reply (a thread the operating system did
/// not run in time on a loaded machine) is not a bug of the breaker, and explore must never call a correct
/// breaker wrong.
@Suite struct ExplorerTransientTests {
  /// Reference subjects that, across all of them, answer one `call` wrongly `glitches` times in total.
  final class GlitchingFactory: SubjectFactory {
    let profile: Profile
    let glitches: Mutex<Int>
    let callsBeforeGlitch: Int

    init(profile: Profile, glitches: Int, callsBeforeGlitch: Int = 5) {
      self.profile = profile
      self.glitches = Mutex(glitches)
      self.callsBeforeGlitch = callsBeforeGlitch
    }

    func launch() throws(SubjectFault) -> any Subject { Glitching(ReferenceSubject(profile: profile), factory: self) }

    /// Takes one glitch, if any is left.
    func takeGlitch() -> Bool {
      glitches.withLock { left in
        guard left > 0 else { return false }
        left -= 1
        return true
      }
    }
  }

  /// A reference subject whose `callsBeforeGlitch`-th call of a run reports `rejected`, while the factory has
  /// glitches left.
  final class Glitching: Subject {
    let inner: ReferenceSubject
    let factory: GlitchingFactory
    var calls = 0

    init(_ inner: ReferenceSubject, factory: GlitchingFactory) {
      self.inner = inner
      self.factory = factory
    }

    var info: SubjectInfo { inner.info }
    func terminate() { inner.terminate() }

    func perform(_ request: Request) throws(SubjectFault) -> Reply {
      var reply = try inner.perform(request)
      if case .create = request { calls = 0 }  // each run and each replay starts with a create
      guard case .call = request else { return reply }
      calls += 1
      if calls == factory.callsBeforeGlitch, reply.result != .rejected, factory.takeGlitch() {
        reply.result = .rejected
        reply.invoked = false
      }
      return reply
    }
  }

  @Test("one wrong reply that does not happen again is not reported; the same reply every time is")
  func transientIsNotADivergence() throws {
    let profile = Profile.exercise(step: 5)
    let config = BreakerConfig.exercise(step: 5)
    let oneGlitch = GlitchingFactory(profile: profile, glitches: 1)
    let once = try Explorer(profile: profile, config: config, seed: 3, runs: 40, length: 40).run(factory: oneGlitch)
    #expect(oneGlitch.glitches.withLock { $0 } == 0, "the glitch happened")
    #expect(once.passed, "a one-off glitch was reported: \(once.divergence?.message ?? "")")
    #expect(once.runsCompleted == 40)
    let always = try Explorer(profile: profile, config: config, seed: 3, runs: 40, length: 40)
      .run(factory: GlitchingFactory(profile: profile, glitches: Int.max))
    #expect(!always.passed, "a wrong reply on every replay is a divergence")
  }
}
