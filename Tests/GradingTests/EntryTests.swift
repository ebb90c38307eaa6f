import Foundation
import Grading
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Every entry of the submissions folder gets a row or is listed as skipped with the reason (issue 14.2).
@Suite("Every entry gets a row")
struct EntryTests {
  static let solution = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
  static let starter = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/python/breaker.py")

  /// Makes `folder/name` (a name given as bytes, possibly not UTF-8) holding a copy of `file` as breaker.py.
  static func rawFolder(_ folder: URL, _ name: [UInt8], with file: URL) throws {
    let staging = folder.appendingPathComponent("staging-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: file, to: staging.appendingPathComponent("breaker.py"))
    let target = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
    let status = target.withUnsafeBufferPointer { pointer in
      pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { rename(staging.path, $0) }
    }
    #expect(status == 0)
  }

  /// Copies `file` to `folder/name`, a name given as bytes.
  static func rawFile(_ folder: URL, _ name: [UInt8], from file: URL) throws {
    let staging = folder.appendingPathComponent("staging-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: file, to: staging)
    let target = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
    let status = target.withUnsafeBufferPointer { pointer in
      pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { rename(staging.path, $0) }
    }
    #expect(status == 0)
  }

  @Test("symlinked, non-UTF-8, look-alike, empty-checkout and non-submission entries: one row or one skip each")
  func everyEntry() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-entries-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let submissions = root.appendingPathComponent("submissions")
    let fm = FileManager.default
    func put(_ file: URL, _ path: String) throws {
      let url = submissions.appendingPathComponent(path)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try fm.copyItem(at: file, to: url)
    }
    // A student's folder kept elsewhere and linked in, as the Gradescope recipe does.
    let elsewhere = root.appendingPathComponent("elsewhere/real")
    try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try fm.copyItem(at: Self.solution, to: elsewhere.appendingPathComponent("breaker.py"))
    try fm.createDirectory(at: submissions, withIntermediateDirectories: true)
    try fm.createSymbolicLink(at: submissions.appendingPathComponent("linked"), withDestinationURL: elsewhere)
    try fm.createSymbolicLink(
      at: submissions.appendingPathComponent("broken"), withDestinationURL: root.appendingPathComponent("nowhere"))
    try Self.rawFolder(submissions, Array("caf".utf8) + [0xE9], with: Self.solution)
    try put(Self.solution, "x y/breaker.py")
    // `dup/` and `dup.py`: two entries, two rows.
    try put(Self.solution, "dup/breaker.py")
    try FileManager.default.copyItem(at: Self.solution, to: submissions.appendingPathComponent("dup.py"))
    // A solution file whose name is not UTF-8, in a folder and at the top.
    let odd = submissions.appendingPathComponent("odd")
    try fm.createDirectory(at: odd, withIntermediateDirectories: true)
    try Self.rawFile(odd, Array("br".utf8) + [0xE9] + Array("aker.py".utf8), from: Self.solution)
    try Self.rawFile(submissions, Array("na".utf8) + [0xEF] + Array("ve.py".utf8), from: Self.solution)
    try put(Self.starter, "x?y/breaker.py")
    try fm.createDirectory(at: submissions.appendingPathComponent("x_y"), withIntermediateDirectories: true)
    try fm.createDirectory(at: submissions.appendingPathComponent("submodule"), withIntermediateDirectories: true)
    try Data("gitdir: ../.git/modules/submodule\n".utf8).write(
      to: submissions.appendingPathComponent("submodule/.git"))
    try Data("# the class\n".utf8).write(to: submissions.appendingPathComponent("README.md"))

    var options = GradingOptions(
      submissions: submissions, steps: [TestSupport.step(3)], out: root.appendingPathComponent("out"))
    options.jobs = 2
    options.variants = 0
    options.buildCache = TestSupport.buildCache
    let grader = try Grader(content: TestSupport.content, options: options)
    let grades = try grader.run()
    let outcome = Dictionary(uniqueKeysWithValues: grades.map { ($0.student, $0.outcome) })
    #expect(
      outcome == [
        "linked": "passed", "caf\\xE9": "passed", "x y": "passed", "x?y": "missing", "x_y": "missing",
        "submodule": "missing", "odd": "passed", "na\\xEFve": "passed", "dup": "passed", "dup.py": "passed",
      ])
    #expect(grades.first { $0.student == "submodule" }?.message?.contains("empty git submodule") == true)
    #expect(grades.first { $0.student == "x_y" }?.message?.contains("gh classroom clone") == true)
    #expect(grader.skipped.map(\.entry) == ["README.md", "broken"])
    let entries = try fm.contentsOfDirectory(atPath: submissions.path).count
    #expect(grades.count + grader.skipped.count == entries)
    #expect(grades.allSatisfy { $0.sandbox != nil })

    // Every student has their own files; look-alike names differ by a hash suffix.
    var book = Gradebook(grades: grades, seed: 1)
    book.skipped = grader.skipped
    let out = root.appendingPathComponent("out")
    try ReportWriter(out: out, formats: [.html, .gradescope, .csv]).write(book)
    let pages = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("students").path)
    #expect(pages.count == grades.count)
    for grade in grades {
      let page = try String(
        contentsOf: out.appendingPathComponent("students/\(ResultStore.safeName(grade.student)).html"),
        encoding: .utf8)
      #expect(page.contains("<h1>\(HTML.escape(grade.student))</h1>"))
      #expect(page.contains(grade.outcome))
    }
    #expect(Set(["x y", "x?y", "x_y"].map(ResultStore.safeName)).count == 3)
    #expect(ResultStore.safeName("x_y") == "x_y")
    let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
    #expect(csv.contains("caf\\xE9,"))
    #expect(HTMLReport.index(book).contains("README.md"))
  }

  @Test("--single: the folder is one student's repository; their tests and test folders are not solutions")
  func single() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-single-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("tests"), withIntermediateDirectories: true)
    try fm.copyItem(at: Self.solution, to: root.appendingPathComponent("breaker.py"))
    try Data("import breaker\n".utf8).write(to: root.appendingPathComponent("test_breaker.py"))
    try Data("import breaker\n".utf8).write(to: root.appendingPathComponent("tests/test_more.py"))
    let finder = SubmissionFinder(content: TestSupport.content, steps: [TestSupport.step(3)], single: "ann")
    let found = try finder.find(in: root)
    #expect(found.count == 1)
    #expect(found.first?.student == "ann")
    #expect(found.first?.relativePath == "breaker.py")
  }
}
