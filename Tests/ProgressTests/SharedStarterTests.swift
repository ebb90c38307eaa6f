import Curriculum
import Foundation
import Progress
import Testing

/// Track-independent starters (step 10's `breakers.yaml`) land in the step's folder on either track and are
/// kept up to date like the track's own starters.
@Suite("Shared starters")
struct SharedStarterTests {
  @Test("a shared starter is copied into the step folder, and an edited one is kept on update")
  func sharedStarter() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    try temp.write(
      "exercises/03-basic-breaker/exercise.yaml",
      """
      step: 3
      slug: basic-breaker
      title: The basic breaker
      kind: breaker
      starters: {swift: swift/Breaker.swift, python: python/breaker.py}
      shared_starters: [breakers.yaml]
      """)
    try temp.write("exercises/03-basic-breaker/breakers.yaml", "default: {failure_threshold: 5}\n")
    var notices: [String] = []
    let workspace = try Workspace.open(
      at: temp.workspace, content: temp.content, create: LearnerProgress(track: .python), notices: &notices)
    let plan = "steps/03-basic-breaker/breakers.yaml"
    #expect(temp.read(plan) == "default: {failure_threshold: 5}\n")
    #expect(temp.read("steps/03-basic-breaker/python/breaker.py") == "# starter v1\n")
    try Data("default: {failure_threshold: 9}\n".utf8).write(to: temp.workspace.appendingPathComponent(plan))
    try temp.write("exercises/03-basic-breaker/breakers.yaml", "default: {failure_threshold: 6}\n")
    let news = try workspace.syncStarters()
    #expect(temp.read(plan) == "default: {failure_threshold: 9}\n")
    #expect(temp.read(plan + ".starter") == "default: {failure_threshold: 6}\n")
    #expect(news.count == 1 && news[0].contains("breakers.yaml"), "\(news)")
    // `reset` restores the shared starter too, keeping the learner's copy.
    let (restored, backups) = try workspace.reset(try #require(LearningPath.standard.step(3)))
    #expect(restored.map(\.lastPathComponent) == ["breaker.py", "breakers.yaml"])
    #expect(temp.read(plan) == "default: {failure_threshold: 6}\n")
    #expect(backups.count == 1, "the unedited breaker.py needs no backup: \(backups)")
    let kept = try backups.first.map { try Data(contentsOf: $0) }
    #expect(kept.map { String(decoding: $0, as: UTF8.self) } == "default: {failure_threshold: 9}\n")
  }

  @Test("`shared_starters` must name files of the exercise folder")
  func rejectsPaths() {
    let text = """
      step: 3
      slug: basic-breaker
      title: T
      kind: breaker
      starters: {python: python/breaker.py}
      shared_starters: [../x.yaml]
      """
    #expect(throws: (any Error).self) { try ExerciseManifest.parse(text, file: "exercise.yaml") }
  }
}
