import Curriculum
import Foundation
import Progress
import Testing

@Suite("Workspace")
struct WorkspaceTests {
  let steps = "steps/03-basic-breaker"

  func open(_ temp: TemporaryContent, notices: inout [String]) throws -> Workspace {
    try Workspace.open(
      at: temp.workspace, content: temp.content, create: LearnerProgress(track: .swift), notices: &notices)
  }

  @Test("a new workspace gets its track's starters only, a starter manifest and progress")
  func create() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    let workspace = try open(temp, notices: &notices)
    #expect(notices.isEmpty)
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// starter v1\n")
    #expect(temp.read("\(steps)/python/breaker.py") == nil)
    #expect(!FileManager.default.fileExists(atPath: temp.workspace.appendingPathComponent("\(steps)/python").path))
    #expect(temp.read(".cblearn/starters.json")?.contains(SHA256.hex(Array("// starter v1\n".utf8))) == true)
    #expect(Workspace.exists(at: temp.workspace))
    #expect(Workspace.find(explicit: nil, currentDirectory: temp.workspace.path)?.path == temp.workspace.path)
    let step = try #require(LearningPath.standard.step(3))
    #expect(workspace.learnerFile(step)?.path.hasSuffix("\(steps)/swift/Breaker.swift") == true)
    #expect(workspace.learnerFile(step, track: .python)?.lastPathComponent == "breaker.py")
    #expect(!workspace.isEdited(try #require(workspace.learnerFile(step))))
  }

  @Test("switching track copies the new track's starters and keeps every file of the old one")
  func switchTrack() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    let workspace = try open(temp, notices: &notices)
    let mine = temp.workspace.appendingPathComponent("\(steps)/swift/Breaker.swift")
    try Data("// my breaker\n".utf8).write(to: mine)
    try workspace.update { $0.track = .python }
    #expect(try workspace.syncStarters().isEmpty)
    #expect(temp.read("\(steps)/python/breaker.py") == "# starter v1\n")
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// my breaker\n")
    try Data("# mine too\n".utf8).write(to: temp.workspace.appendingPathComponent("\(steps)/python/breaker.py"))
    try workspace.update { $0.track = .swift }
    _ = try workspace.syncStarters()
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// my breaker\n")
    #expect(temp.read("\(steps)/python/breaker.py") == "# mine too\n")
    #expect(workspace.isEdited(mine))
  }

  @Test("a starter update replaces pristine files and keeps edited ones, saying so")
  func starterUpdate() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    _ = try Workspace.open(
      at: temp.workspace, content: temp.content, create: LearnerProgress(track: .swift), notices: &notices)
    // A workspace made before starters were copied by track holds both; both stay up to date.
    let python = temp.workspace.appendingPathComponent("\(steps)/python")
    try FileManager.default.createDirectory(at: python, withIntermediateDirectories: true)
    try Data("# starter v1\n".utf8).write(to: python.appendingPathComponent("breaker.py"))
    _ = try open(temp, notices: &notices)
    let edited = temp.workspace.appendingPathComponent("\(steps)/swift/Breaker.swift")
    try Data("// my breaker\n".utf8).write(to: edited)
    _ = try open(temp, notices: &notices)
    #expect(notices.isEmpty, "an edited file with an unchanged starter is not news: \(notices)")
    try temp.write("exercises/03-basic-breaker/swift/Breaker.swift", "// starter v2\n")
    try temp.write("exercises/03-basic-breaker/python/breaker.py", "# starter v2\n")
    notices = []
    let workspace = try open(temp, notices: &notices)
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// my breaker\n")
    #expect(temp.read("\(steps)/swift/Breaker.swift.starter") == "// starter v2\n")
    #expect(temp.read("\(steps)/python/breaker.py") == "# starter v2\n")
    #expect(notices.count == 2)
    #expect(notices.contains { $0.contains("your edited file was kept") && $0.contains("Breaker.swift.starter") })
    #expect(notices.contains { $0.contains("updated the starter") && $0.contains("breaker.py") })
    #expect(workspace.isEdited(edited))
    notices = []
    _ = try open(temp, notices: &notices)
    #expect(notices.isEmpty, "the kept file is reported once per starter version")
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// my breaker\n")
  }

  @Test("reset restores the starter and keeps a backup of the learner's file")
  func reset() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    let workspace = try open(temp, notices: &notices)
    let file = temp.workspace.appendingPathComponent("\(steps)/swift/Breaker.swift")
    try Data("// my work\n".utf8).write(to: file)
    let step = try #require(LearningPath.standard.step(3))
    let backup = try #require(try workspace.reset(step).backups.first)
    #expect(temp.read("\(steps)/swift/Breaker.swift") == "// starter v1\n")
    #expect(String(decoding: try Data(contentsOf: backup), as: UTF8.self) == "// my work\n")
    #expect(backup.path.contains(".cblearn/backups/03-basic-breaker/"))
    #expect(!workspace.isEdited(file))
  }

  @Test("a corrupt progress file is backed up and reported when the workspace opens")
  func corruptOnOpen() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    _ = try open(temp, notices: &notices)
    try Data("not json".utf8).write(to: temp.workspace.appendingPathComponent("progress.json"))
    notices = []
    let workspace = try open(temp, notices: &notices)
    #expect(notices.count == 2)
    #expect(notices[0].hasPrefix("warning: "))
    #expect(notices[0].contains("progress.corrupt-"))
    #expect(notices[1].contains("submit N"))
    #expect(workspace.progress.currentStep == 1)
    let names = try FileManager.default.contentsOfDirectory(atPath: temp.workspace.path)
    #expect(names.contains { $0.hasPrefix("progress.corrupt-") })
  }

  @Test("opening without progress and without a way to create it says to run start")
  func noWorkspace() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    let error = #expect(throws: ProgressError.self) {
      try Workspace.open(at: temp.workspace, content: temp.content, notices: &notices)
    }
    #expect("\(error!)".contains("cblearn start"))
  }

  @Test("updates are saved")
  func update() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    var notices: [String] = []
    let workspace = try open(temp, notices: &notices)
    try workspace.update {
      $0.unlockAll = true; $0.currentStep = 3
    }
    let reloaded = try ProgressStore(url: workspace.progressURL).load()
    #expect(reloaded?.unlockAll == true)
    #expect(reloaded?.currentStep == 3)
    #expect(reloaded?.status(9) == .available)
  }
}
