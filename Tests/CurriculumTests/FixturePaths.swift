import Foundation

/// Where the fixtures and the real content live, found from this file's path.
enum FixturePaths {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  /// `Tests/CurriculumTests/Fixtures/content`.
  static let content = testsDirectory.appendingPathComponent("Fixtures/content")
  /// The package root (holding the real `lessons/` and `exercises/`).
  static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
}
