import Foundation
import REPL
import Testing

@Suite("Tab completion")
struct CompleterTests {
  let completer = Completer(
    commands: REPLCommand.names, steps: ["1", "3", "10", "basic-breaker", "cascade"], directory: "/")

  @Test("a unique command prefix completes with a space")
  func command() {
    #expect(completer.complete("les").insertion == "son ")
    #expect(completer.complete("unl").insertion == "ock-all ")
  }

  @Test("an ambiguous prefix lists the candidates")
  func ambiguous() {
    let completion = completer.complete("s")
    #expect(completion.insertion == "")
    #expect(completion.candidates == ["submit", "simulate"])
  }

  @Test("steps, states and tracks complete after their commands")
  func arguments() {
    #expect(completer.complete("goto ba").insertion == "sic-breaker ")
    #expect(completer.complete("lesson 1").candidates == ["1", "10"])
    #expect(completer.complete("diagram half").insertion == "-open ")
    #expect(completer.complete("track py").insertion == "thon ")
  }

  @Test("other arguments complete file paths")
  func paths() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("steps"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let local = Completer(commands: [], steps: [], directory: folder.path)
    #expect(local.complete("edit st").insertion == "eps/")
    #expect(local.complete("edit \(folder.path)/st").insertion == "eps/")
  }
}
