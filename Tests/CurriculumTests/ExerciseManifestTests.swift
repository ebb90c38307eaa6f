import Conformance
import Curriculum
import Foundation
import Testing

@Suite("Exercise manifests and plans")
struct ExerciseManifestTests {
  @Test("the fixture manifest maps config and profile into the engine's types")
  func loadsFixture() throws {
    let root = ContentRoot(url: FixturePaths.content)
    let exercise = try root.exercise(try #require(LearningPath.standard.step(3)))
    try exercise.validate()
    let manifest = exercise.manifest
    #expect(manifest.kind == .breaker)
    #expect(manifest.starters[.swift] == "swift/Breaker.swift")
    #expect(manifest.solutions[.python] == "solution/breaker.py")
    #expect(manifest.config == BreakerConfig(failureThreshold: 5, recoveryTimeout: 60))
    #expect(manifest.profile.openBoundary == .inclusive)
    #expect(manifest.profile.halfOpenAdmission == .unlimited)
    #expect(manifest.points == ["basic.trip-at-threshold": 2])
    #expect(exercise.starterURL(.swift)?.lastPathComponent == "Breaker.swift")
  }

  @Test("a plan gives every applicable check 1 point unless the manifest says otherwise")
  func planPoints() throws {
    let manifest = try ExerciseManifest.load(
      from: FixturePaths.content.appendingPathComponent("exercises/03-basic-breaker/exercise.yaml"))
    let plan = try ExercisePlan(manifest: manifest)
    let expected = Catalogue.checks(upTo: 3, profile: manifest.profile, config: manifest.config)
    #expect(plan.checks.map(\.id) == expected.map(\.id))
    #expect(plan.points(for: "basic.trip-at-threshold") == 2)
    #expect(plan.maxScore == expected.count + 1)
  }

  @Test("points naming a check that does not exist is an error on its line")
  func pointsUnknownCheck() throws {
    let text = """
      step: 3
      slug: basic-breaker
      title: T
      kind: breaker
      starters: {swift: swift/Breaker.swift}
      points:
        basic.trip-at-treshold: 2
      """
    let manifest = try ExerciseManifest.parse(text, file: "exercise.yaml")
    let error = #expect(throws: CurriculumError.self) { try ExercisePlan(manifest: manifest) }
    #expect("\(error!)".contains("exercise.yaml:7"))
    #expect("\(error!)".contains("did you mean `basic.trip-at-threshold`"))
  }

  @Test("points naming a later step's check is an error")
  func pointsLaterCheck() throws {
    guard let later = Catalogue.all.first(where: { $0.step > 2 }) else { return }
    let text =
      "step: 2\nslug: state-machine\ntitle: T\nkind: breaker\nstarters: {swift: a.swift}\npoints: {\(later.id): 3}\n"
    let manifest = try ExerciseManifest.parse(text, file: "m.yaml")
    let error = #expect(throws: CurriculumError.self) { try ExercisePlan(manifest: manifest) }
    #expect("\(error!)".contains("does not apply to step 2"))
  }

  @Test(
    "malformed manifests are located",
    arguments: [
      ("step: 3\nslug: s\ntitle: T\nkind: brekaer\nstarters: {swift: a.swift}\n", 4, "breaker, quiz or simulation"),
      ("step: 3\nslug: s\ntitle: T\nkind: breaker\n", 1, "missing `starters`"),
      (
        "step: 3\nslug: s\ntitle: T\nkind: breaker\nstarters: {swift: a.swift}\nprofile: {open_boundary: both}\n", 6,
        "inclusive, exclusive"
      ),
      (
        "step: 3\nslug: s\ntitle: T\nkind: breaker\nstarters: {swift: a.swift}\nconfig:\n  failure_treshold: 3\n", 7,
        "did you mean `failure_threshold`"
      ),
      ("step: 3\nslug: s\ntitle: T\nkind: breaker\nstarters: {swift: ../a.swift}\n", 5, "inside the exercise folder"),
      ("step: x\nslug: s\ntitle: T\nkind: breaker\nstarters: {swift: a.swift}\n", 1, "whole number"),
      ("step: 3\nslug: s\n  title: T\n", 3, "invalid YAML"),
    ])
  func malformed(text: String, line: Int, fragment: String) {
    let error = #expect(throws: CurriculumError.self) { try ExerciseManifest.parse(text, file: "ex.yaml") }
    guard case .malformed(let file, let found, _, _)? = error else { Issue.record("not malformed"); return }
    #expect(file == "ex.yaml")
    #expect(found == line)
    #expect("\(error!)".contains(fragment), "\(error!)")
  }

  @Test("the window of a config is read")
  func window() throws {
    let text = """
      step: 8
      slug: sliding-windows
      title: T
      kind: breaker
      starters: {python: python/breaker.py}
      config:
        failure_threshold: 5
        recovery_timeout: 30
        window: {kind: time, size: 60, minimum_calls: 10, failure_rate_threshold: 50}
      profile: {trip_rule: rate, reports_events: true}
      """
    let manifest = try ExerciseManifest.parse(text, file: "m.yaml")
    #expect(manifest.config.window == .init(kind: .time, size: 60, minimumCalls: 10, failureRateThreshold: 50))
    #expect(manifest.profile.tripRule == .rate)
    #expect(manifest.profile.reportsEvents)
  }
}
