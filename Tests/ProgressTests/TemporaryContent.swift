import Curriculum
import Foundation

/// A throwaway content root and workspace folder under the temporary directory.
struct TemporaryContent {
  let base: URL
  var content: ContentRoot { ContentRoot(url: base.appendingPathComponent("content")) }
  var workspace: URL { base.appendingPathComponent("ws") }

  init() throws {
    base = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-progress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: base.appendingPathComponent("content/lessons"), withIntermediateDirectories: true)
    try write(
      "exercises/03-basic-breaker/exercise.yaml",
      """
      step: 3
      slug: basic-breaker
      title: The basic breaker
      kind: breaker
      starters: {swift: swift/Breaker.swift, python: python/breaker.py}
      """)
    try write("exercises/03-basic-breaker/swift/Breaker.swift", "// starter v1\n")
    try write("exercises/03-basic-breaker/python/breaker.py", "# starter v1\n")
  }

  /// Writes a file of the content.
  func write(_ relative: String, _ text: String) throws {
    let url = base.appendingPathComponent("content").appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Reads a file of the workspace.
  func read(_ relative: String) -> String? {
    FileManager.default.contents(atPath: workspace.appendingPathComponent(relative).path).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  func remove() { try? FileManager.default.removeItem(at: base) }
}
