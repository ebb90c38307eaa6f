import Foundation
import Testing

/// Messages that tell the truth about what went wrong.
@Suite("Messages that tell the truth")
struct HonestMessagesTests {
  @Test("a hello without `protocol` is reported as such")
  func helloWithoutProtocol() throws {
    let run = try CLI.run(["check", "3", "--exec", #"read l; echo '{"id":1,"ok":true,"name":"x"}'; read l"#])
    #expect(run.status == 2)
    #expect(run.stderr.contains("answered the hello without a `protocol` field"), "\(run.stderr)")
  }

  @Test("a module that loops while it loads gets a hint about top-level code, not about locks")
  func loopAtImport() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-loop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("breaker.py")
    try Data("while True:\n    pass\n".utf8).write(to: file)
    let run = try CLI.run(["check", "3", file.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("code that runs when the file is loaded"), "\(run.stderr)")
    #expect(!run.stderr.contains("lock"), "\(run.stderr)")
  }

  @Test("grading step 1 names commands that exist")
  func stepOneGrade() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-step1-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("class/alice"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLI.run([
      "grade", folder.appendingPathComponent("class").path, "--step", "1", "--out", folder.path + "/out",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("`cblearn start`, then `quiz`"), "\(run.stderr)")
    #expect(!run.stderr.contains("cblearn quiz"))
    let help = try CLI.run(["--help"])
    for command in ["start", "grade"] { #expect(help.stdout.contains("  \(command)")) }
  }
}
