/// Keeps one subject alive across replays and replaces it when a replay spoilt it.
final class SubjectHost {
  let factory: any SubjectFactory
  var subject: any Subject

  init(factory: any SubjectFactory) throws(SubjectFault) {
    self.factory = factory
    subject = try factory.launch()
  }

  /// Runs `script` on the subject; `traced: false` skips both timelines (only a divergence's replay shows them).
  func replay(
    _ script: ExploreScript, compareMetrics: Bool, traced: Bool = true
  ) throws(SubjectFault)
    -> Lockstep.Outcome
  {
    var lockstep = Lockstep(script: script, compareMetrics: compareMetrics)
    lockstep.traced = traced
    let outcome = lockstep.run(on: subject)
    if outcome.subjectSpoilt {
      subject.terminate()
      subject = try factory.launch()
    }
    return outcome
  }
}
