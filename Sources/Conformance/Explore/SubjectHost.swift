/// Keeps one subject alive across replays and replaces it when a replay spoilt it.
final class SubjectHost {
  let factory: any SubjectFactory
  var subject: any Subject

  init(factory: any SubjectFactory) throws(SubjectFault) {
    self.factory = factory
    subject = try factory.launch()
  }

  func replay(_ script: ExploreScript, compareMetrics: Bool) throws(SubjectFault) -> Lockstep.Outcome {
    let outcome = Lockstep(script: script, compareMetrics: compareMetrics).run(on: subject)
    if outcome.subjectSpoilt {
      subject.terminate()
      subject = try factory.launch()
    }
    return outcome
  }
}
