import Curriculum
import Foundation

/// A throwaway content root (steps 1 and 3) and a workspace folder under the temporary directory.
struct TestContent {
  let base: URL
  var content: ContentRoot { ContentRoot(url: base.appendingPathComponent("content")) }
  var workspace: URL { base.appendingPathComponent("ws") }

  init() throws {
    base = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-repl-\(UUID().uuidString)")
    try write(
      "lessons/03-basic-breaker.md",
      """
      ---
      step: 3
      slug: basic-breaker
      title: The basic breaker
      level: beginner
      minutes: 20
      ---
      # The basic breaker
      Count consecutive failures.

      ::: diagram state-machine failure_threshold=5 recovery_timeout=60 highlight=open
      """)
    try write("exercises/01-cascade/exercise.yaml", "step: 1\nslug: cascade\ntitle: Why cascades happen\nkind: quiz\n")
    try write(
      "exercises/01-cascade/quiz.yaml",
      """
      questions:
        - {id: threads, prompt: How many threads are busy?, kind: number, answer: 200, tolerance: 5%, explanation: All of them.}
        - {id: first, prompt: Which fails first?, kind: choice, choices: [web, inventory], answer: b, explanation: Inventory is slow.}
      """)
    try write(
      "exercises/03-basic-breaker/exercise.yaml",
      """
      step: 3
      slug: basic-breaker
      title: The basic breaker
      kind: breaker
      summary: Build the tutorial's breaker.
      starters: {swift: swift/Breaker.swift, python: python/breaker.py}
      config: {failure_threshold: 5, recovery_timeout: 60}
      points: {basic.trip-at-threshold: 2}
      """)
    try write("exercises/03-basic-breaker/README.md", "# Task\nWrite the breaker.\n")
    try write(
      "exercises/03-basic-breaker/hints.md",
      "## Nudge\nCount.\n## Idea\nReset on success.\n## Nearly the code\ncount += 1\n")
    try write("exercises/03-basic-breaker/swift/Breaker.swift", "// TODO\n")
    try write("exercises/03-basic-breaker/python/breaker.py", "# TODO\n")
  }

  /// Writes a file of the content.
  func write(_ relative: String, _ text: String) throws {
    let url = base.appendingPathComponent("content").appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// The learner's file of step 3 on a track.
  func learnerFile(_ track: Track = .swift) -> URL {
    workspace.appendingPathComponent(
      "steps/03-basic-breaker/" + (track == .swift ? "swift/Breaker.swift" : "python/breaker.py"))
  }

  func remove() { try? FileManager.default.removeItem(at: base) }
}
