import Conformance
import Foundation
import Grading
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A class of snooping, link-smuggling and shouting submissions: no secret reaches any output file.
@Suite("Secrets stay out of the grades", .serialized)
struct SecretsTests {
  @Test("no secret of the grader, the machine or another student appears in any output")
  func noSecretInAnyOutput() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-secrets-\(UUID().uuidString)")
    let submissions = root.appendingPathComponent("submissions")
    let out = root.appendingPathComponent("out")
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    func write(_ text: String, _ path: String, executable: Bool = false) throws {
      let url = submissions.appendingPathComponent(path)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      try fm.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
    }
    // The secrets: a variable of the grader, a file in the grader's home, another student's file.
    let token = UUID().uuidString
    let environmentSecret = "env-secret-\(token)"
    setenv("CBLEARN_TEST_SECRET", environmentSecret, 1)
    defer { unsetenv("CBLEARN_TEST_SECRET") }
    let homeSecret = "home-secret-\(token)"
    let homeFile = fm.homeDirectoryForCurrentUser.appendingPathComponent(".\(homeSecret)")
    try Data(homeSecret.utf8).write(to: homeFile)
    defer { try? fm.removeItem(at: homeFile) }
    let studentSecret = "student-secret-\(token)"
    let solution = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
    try write(try String(contentsOf: solution, encoding: .utf8), "honest/breaker.py")
    try write(studentSecret, "honest/notes.txt")
    let shadow = (try? String(contentsOfFile: "/etc/shadow", encoding: .utf8))?.split(separator: "\n").first
      .map(String.init)

    try write(SnoopingSubmissions.inException, "snoop-call/breaker.py")
    try write(SnoopingSubmissions.atImport, "snoop-import/breaker.py")
    try write(SnoopingSubmissions.shell, "snoop-shell/run", executable: true)
    try fm.createDirectory(at: submissions.appendingPathComponent("link-file"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(
      atPath: submissions.appendingPathComponent("link-file/breaker.py").path, withDestinationPath: "/etc/shadow")
    try write(try String(contentsOf: solution, encoding: .utf8), "link-beside/breaker.py")
    try fm.createSymbolicLink(
      atPath: submissions.appendingPathComponent("link-beside/notes.txt").path,
      withDestinationPath: homeFile.path)
    try fm.createDirectory(at: submissions.appendingPathComponent("link-other"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(
      atPath: submissions.appendingPathComponent("link-other/breaker.py").path,
      withDestinationPath: submissions.appendingPathComponent("honest/breaker.py").path)

    // A student folder that is a link to a folder elsewhere (the Gradescope recipe): graded, not refused.
    let elsewhere = root.appendingPathComponent("elsewhere/linked")
    try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try fm.copyItem(at: solution, to: elsewhere.appendingPathComponent("breaker.py"))
    try fm.createSymbolicLink(
      atPath: submissions.appendingPathComponent("linked").path, withDestinationPath: elsewhere.path)
    // As root, submissions run as nobody: a file only its owner can read is refused with the fix.
    try write(try String(contentsOf: solution, encoding: .utf8), "private/breaker.py")
    try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: submissions.path + "/private/breaker.py")

    var options = GradingOptions(submissions: submissions, steps: [TestSupport.step(3)], out: out)
    options.jobs = 2
    options.variants = 0
    options.replyTimeout = 1
    options.timeout = 30
    options.maxProcesses = 48
    options.maxOutputBytes = 4 << 20
    options.buildCache = TestSupport.buildCache
    let grader = try Grader(content: TestSupport.content, options: options)
    let grades = try grader.run()
    let book = Gradebook(grades: grades, seed: options.seed)
    _ = try ReportWriter(out: out, formats: ReportFormat.allCases).write(book)

    let byStudent = Dictionary(grades.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byStudent["honest"]?.outcome == "passed", "\(byStudent["honest"]?.message ?? "")")
    #expect(byStudent["linked"]?.outcome == "passed", "\(byStudent["linked"]?.message ?? "")")
    for student in ["link-file", "link-beside", "link-other"] {
      let grade = try #require(byStudent[student], "no grade for \(student)")
      #expect(grade.status == .error)
      #expect(grade.message?.contains("is a link that leads out of the submission") == true, "\(grade.message ?? "")")
    }
    if geteuid() == 0 {
      #expect(
        byStudent["private"]?.message?.contains("chmod -R a+rX") == true, "\(byStudent["private"]?.message ?? "")")
    } else {
      #expect(byStudent["private"]?.outcome == "passed")
    }
    for student in ["snoop-call", "snoop-import", "snoop-shell"] {
      #expect(byStudent[student]?.passed == false, "\(student) passed")
    }
    // Submission text is capped and escaped wherever it lands.
    for grade in grades {
      #expect((grade.message ?? "").count <= FeedbackText.limit + 100)
      for check in grade.checks { #expect(check.message.count <= FeedbackText.limit + 100) }
    }
    let call = try #require(byStudent["snoop-call"])
    #expect(call.checks.contains { $0.message.contains("\\u{1B}[2J") }, "the escape was not shown escaped")

    var secrets = [environmentSecret, homeSecret, studentSecret]
    if let shadow { secrets.append(shadow) }
    var scanned = 0
    let files = fm.enumerator(at: out, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard let data = fm.contents(atPath: url.path), !data.isEmpty else { continue }
      scanned += 1
      let text = String(decoding: data, as: UTF8.self)
      for secret in secrets { #expect(!text.contains(secret), "\(url.path) holds the secret \(secret)") }
      #expect(!data.contains(0x1B), "\(url.path) holds a raw escape character")
      #expect(!data.contains(0x00), "\(url.path) holds a NUL character")
    }
    #expect(scanned > 10)
    #expect(NoLeftovers.processes(under: root).isEmpty, "processes left behind")
  }

  @Test("feedback text: control characters escaped, length capped, newlines kept")
  func feedbackText() {
    #expect(FeedbackText.clean("a\u{1B}[31mb\u{0}c\nd\te\u{7F}") == "a\\u{1B}[31mb\\u{0}c\nd\te\\u{7F}")
    #expect(FeedbackText.clean("\u{202E}evil") == "\\u{202E}evil")
    let long = FeedbackText.clean(String(repeating: "x", count: 10_000))
    #expect(long.hasPrefix(String(repeating: "x", count: FeedbackText.limit * 3 / 4)))
    #expect(long.contains("[… \(10_000 - FeedbackText.limit) characters cut …]"))
    #expect(long.count < FeedbackText.limit + 50)
    let ends = FeedbackText.clean(String(repeating: "x", count: 5000) + "the last line")
    #expect(ends.hasSuffix("the last line"))
  }
}

/// What the run's first line and the HTML report say about odd input.
@Suite("Sandbox and report wording")
struct SandboxWordingTests {
  @Test("--sandbox none says so, not that bwrap is missing")
  func sandboxNone() throws {
    let sandbox = try Sandbox.detect(mode: .none, maxProcesses: 48)
    defer { sandbox.cgroups?.remove() }
    #expect(sandbox.summary.contains("no sandbox (--sandbox none)"))
    #expect(!sandbox.summary.contains("bwrap"))
  }

  @Test("the HTML escaping shows NUL and control characters as text")
  func htmlControls() {
    #expect(HTML.escape("a\u{0}b\u{1B}[31m<c>\n") == "a\\u{0}b\\u{1B}[31m&lt;c&gt;\n")
  }
}
