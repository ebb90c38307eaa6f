import Checking
import Conformance
import Curriculum
import Foundation
import Simulation
import TerminalUI
import Testing

/// Loads every real lesson and exercise of the repository: skipped for steps not written yet, failing on any
/// malformed file.
@Suite("Real content")
struct ContentTests {
  let root = ContentRoot(url: FixturePaths.packageRoot)

  @Test("every lesson and exercise of a step loads", arguments: 1...10)
  func step(_ number: Int) throws {
    let step = try #require(LearningPath.standard.step(number))
    let hasLesson = FileManager.default.fileExists(atPath: root.lessonURL(step).path)
    let hasExercise = root.hasExercise(step)
    if !hasLesson && !hasExercise {
      try Test.cancel("step \(number) (\(step.slug)) has no lesson or exercise yet")
    }
    if hasLesson {
      let lesson = try root.lesson(step)
      #expect(lesson.step == number)
      #expect(lesson.slug == step.slug)
      try MarkdownRenderer.validate(lesson.body, firstLine: lesson.bodyLine, diagrams: try lesson.diagrams())
      let known = Set(Catalogue.all.map(\.id)).union(CapstoneChecks.ids)
      for id in lesson.checks {
        #expect(known.contains(id), "\(root.lessonURL(step).path) names check `\(id)`, which no suite has")
      }
    }
    guard hasExercise else { return }
    let exercise = try root.exercise(step)
    try exercise.validate()
    #expect(exercise.manifest.slug == step.slug)
    if FileManager.default.fileExists(atPath: exercise.hintsURL.path) {
      #expect(try exercise.hints().levels.count == 3)
    }
    switch exercise.manifest.kind {
    case .quiz: #expect(!(try exercise.quiz().questions.isEmpty))
    case .breaker:
      let plan = try ExercisePlan(manifest: exercise.manifest)
      #expect(!plan.checks.isEmpty, "step \(number) has no applicable checks")
    case .simulation:
      // The capstone is graded by the simulator's own checks; only catalogue checks can be scored here.
      let known = Set(Catalogue.all.map(\.id))
      if exercise.manifest.points.keys.allSatisfy(known.contains) {
        _ = try ExercisePlan(manifest: exercise.manifest)
      }
    }
  }

  @Test("no stray files: every lesson file is a step of the path")
  func lessonNames() throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.lessonsDirectory.path)) ?? []
    let expected = Set(LearningPath.standard.steps.map { $0.folderName + ".md" })
    for name in names where name.hasSuffix(".md") {
      #expect(expected.contains(name), "lessons/\(name) is not named after a step of the path")
    }
  }
}
