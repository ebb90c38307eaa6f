import Curriculum
import Foundation

/// A class of students generated in a temporary folder from the real exercises: reference solutions and
/// starters of steps 2–4 in both tracks, the file-based mutants under `mutants/`, and hand-written bad
/// submissions (compile error, crash on import, hang, fork bomb, flood of output, protocol liar, missing,
/// ambiguous, workspace layouts, a snooping breaker, a link out of the submission).
struct FixtureClass {
  let root: URL
  let submissions: URL
  let out: URL
  /// Expected outcome word per student for step 3 (`passed`, `failed`, `error`, `missing`).
  private(set) var expected: [String: String] = [:]

  init(forkBomb: Bool) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-grading-\(UUID().uuidString)")
    submissions = root.appendingPathComponent("submissions")
    out = root.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
    let exercises = TestSupport.root.appendingPathComponent("exercises")
    func exercise(_ folder: String, _ path: String) -> URL { exercises.appendingPathComponent("\(folder)/\(path)") }

    // Reference solutions and starters (the paths are cumulative: step 4's solution passes step 3).
    try copy(exercise("03-basic-breaker", "solution/breaker.py"), "py-solution-3/breaker.py", expect: "passed")
    try copy(exercise("03-basic-breaker", "solution/Breaker.swift"), "swift-solution-3/Breaker.swift", expect: "passed")
    try copy(exercise("04-stuck-open", "solution/breaker.py"), "py-solution-4/breaker.py", expect: "passed")
    try copy(exercise("04-stuck-open", "solution/Breaker.swift"), "swift-solution-4/Breaker.swift", expect: "passed")
    try copy(exercise("03-basic-breaker", "python/breaker.py"), "py-starter-3/breaker.py", expect: "missing")
    try copy(exercise("03-basic-breaker", "swift/Breaker.swift"), "swift-starter-3/Breaker.swift", expect: "missing")
    try copy(exercise("02-state-machine", "python/breaker.py"), "py-starter-2/breaker.py", expect: nil)
    try copy(exercise("04-stuck-open", "python/breaker.py"), "py-starter-4/breaker.py", expect: "failed")
    // Other layouts of the same solution.
    try copy(exercise("03-basic-breaker", "solution/breaker.py"), "named-by-number/03.py", expect: "passed")
    try copy(
      exercise("03-basic-breaker", "solution/breaker.py"), "named-by-slug/basic-breaker/breaker.py", expect: "passed")
    try copy(
      exercise("03-basic-breaker", "solution/breaker.py"), "single-file-student.py", expect: "passed",
      student: "single-file-student")
    try copy(
      exercise("03-basic-breaker", "solution/breaker.py"), "workspace/steps/03-basic-breaker/python/breaker.py",
      expect: "passed")
    try copy(
      exercise("03-basic-breaker", "swift/Breaker.swift"), "workspace/steps/03-basic-breaker/swift/Breaker.swift",
      expect: nil)
    try write("{\"version\": 1, \"track\": \"python\"}", "workspace/progress.json")
    try copy(exercise("03-basic-breaker", "python/breaker.py"), "ambiguous/a.py", expect: "error")
    try copy(exercise("03-basic-breaker", "solution/breaker.py"), "ambiguous/b.py", expect: nil)
    try FileManager.default.createDirectory(
      at: submissions.appendingPathComponent("missing"), withIntermediateDirectories: true)
    expected["missing"] = "missing"

    // Mutants of steps 2–3 shipped with the repository, two per track (each must fail, never pass step 3).
    let mutants = TestSupport.root.appendingPathComponent("mutants")
    for track in ["python", "swift"] {
      let folder = mutants.appendingPathComponent(track)
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
      let early = names.filter { Self.mutantStep(folder.appendingPathComponent($0)).map { $0 <= 3 } ?? false }
      for name in early.prefix(2) {
        let student = "mutant-" + name.replacingOccurrences(of: ".", with: "-")
        try copy(folder.appendingPathComponent(name), "\(student)/\(name)", expect: nil)
      }
    }

    // Hand-written bad submissions.
    try write("struct CircuitOpenError: Error {}\nthis is not Swift\n", "compile-error/Breaker.swift", expect: "error")
    try write("raise RuntimeError('boom at import')\n", "import-crash/breaker.py", expect: "error")
    try write(BadSubmissions.hang, "hang/breaker.py", expect: "error")
    try write(BadSubmissions.flood, "flood/breaker.py", expect: "error")
    try write(BadSubmissions.liar, "liar/run", expect: "error", executable: true)
    if forkBomb { try write(BadSubmissions.forkBomb, "fork-bomb/breaker.py", expect: "error") }
    // Hostile ones (SecretsTests checks what they could read): secrets in the exception, a link out.
    try write(SnoopingSubmissions.inException, "snoop/breaker.py", expect: "failed")
    let link = submissions.appendingPathComponent("link-out/breaker.py")
    try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
    expected["link-out"] = "error"
  }

  /// The step of a generated mutant, from its first line (`# MUTANT name (step 3): …`).
  static func mutantStep(_ file: URL) -> Int? {
    guard let text = try? String(contentsOf: file, encoding: .utf8), let first = text.split(separator: "\n").first,
      first.contains("MUTANT"), let open = first.range(of: "(step ")
    else { return nil }
    return Int(first[open.upperBound...].prefix { $0.isNumber })
  }

  /// Removes the class.
  func remove() { try? FileManager.default.removeItem(at: root) }

  private mutating func copy(_ source: URL, _ path: String, expect: String?, student: String? = nil) throws {
    let target = submissions.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: source, to: target)
    if let expect { expected[student ?? String(path.split(separator: "/")[0])] = expect }
  }

  private mutating func write(_ text: String, _ path: String, expect: String? = nil, executable: Bool = false) throws {
    let target = submissions.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: target)
    if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path) }
    if let expect { expected[String(path.split(separator: "/")[0])] = expect }
  }
}
