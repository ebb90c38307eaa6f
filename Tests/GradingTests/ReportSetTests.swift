import Foundation
import Grading
import Testing

/// One run, one set of reports: fewer formats remove the others, a manifest lists every file, and every file
/// but `timing.json` is byte-identical run to run (issue 16.4).
@Suite("One run, one set of reports")
struct ReportSetTests {
  /// Every file under `out` except the results cache, relative path → bytes.
  static func snapshot(_ out: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: out.path)
    while let path = walker?.nextObject() as? String {
      guard !path.hasPrefix("results"),
        let data = FileManager.default.contents(atPath: out.appendingPathComponent(path).path)
      else { continue }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files[path] = data
      }
    }
    return files
  }

  @Test("a rerun with fewer formats leaves only its own files; reruns are byte-identical but for timing.json")
  func oneSet() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-reports-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("submissions/ann")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"),
      to: folder.appendingPathComponent("breaker.py"))
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("submissions/ben"), withIntermediateDirectories: true)
    let out = root.appendingPathComponent("out")
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)], out: out)
    options.variants = 0
    options.force = true
    options.buildCache = TestSupport.buildCache
    func grade(_ formats: [ReportFormat]) throws -> [String: Data] {
      let book = Gradebook(grades: try Grader(content: TestSupport.content, options: options).run(), seed: 1)
      try ReportWriter(out: out, formats: formats).write(book)
      return Self.snapshot(out)
    }
    let first = try grade(ReportFormat.allCases)
    let second = try grade(ReportFormat.allCases)
    #expect(Set(first.keys) == Set(second.keys))
    let differing = first.keys.filter { first[$0] != second[$0] }.sorted()
    #expect(differing.allSatisfy { $0 == "timing.json" }, "\(differing)")
    #expect(first.keys.contains("students/ann.html") && first.keys.contains("gradescope/ben/results.json"))

    let manifestData = try #require(first["manifest.json"])
    let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
    let listed = Set((manifest["files"] as? [String: String] ?? [:]).keys)
    #expect(listed == Set(first.keys).subtracting(["manifest.json", "grading.json"]))

    let csvOnly = try grade([.csv])
    #expect(Set(csvOnly.keys) == ["gradebook.csv", "checks.csv", "timing.json", "manifest.json", "grading.json"])
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("students").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("results").path))
  }
}
