import Curriculum
import Foundation
import Progress
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Two sessions on one workspace, damaged progress files and workspaces that cannot be written.
@Suite("Progress is never lost")
struct ConcurrentProgressTests {
  func open(_ temp: TemporaryContent, track: Track = .swift) throws -> Workspace {
    var notices: [String] = []
    return try Workspace.open(
      at: temp.workspace, content: temp.content, create: LearnerProgress(track: track), notices: &notices)
  }

  @Test("two sessions writing at once: every attempt counts, a done step stays done, the newest step wins")
  func twoSessions() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    let first = try open(temp)
    let second = try open(temp)
    try second.update { $0.unlockAll = true }
    // The first session still holds its old picture; what it writes now must not undo the second's.
    try second.update {
      $0.recordAttempt(3, score: 21, maxScore: 21, suiteVersion: "1", completed: true)
    }
    try first.update { $0.recordHint(4, level: 2) }
    #expect(first.progress.status(3) == .done)
    #expect(first.progress.unlockAll)

    // Many writes from two workspace objects (each opens the lock file itself) on two threads.
    let rounds = 40
    let group = DispatchGroup()
    let failures = Failures()
    for workspace in [first, second] {
      group.enter()
      Thread {
        defer { group.leave() }
        for _ in 0..<rounds {
          do {
            try workspace.update {
              $0.recordAttempt(5, score: 1, maxScore: 9, suiteVersion: "1", completed: false)
            }
          } catch { failures.add("\(error)") }
        }
      }.start()
    }
    group.wait()
    #expect(failures.list.isEmpty)
    let stored = try #require(try ProgressStore(url: first.progressURL).load())
    #expect(stored.record(5).attempts == 2 * rounds)
    #expect(stored.status(3) == .done)
    #expect(stored.record(4).hintsUsed == 2)
    try first.update { $0.currentStep = 7 }
    try second.update { $0.currentStep = 6 }
    #expect(try ProgressStore(url: first.progressURL).load()?.currentStep == 6)
  }

  @Test("a corrupt file: kept, reported, the track recovered from the kept file")
  func corruptKeepsTrack() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    _ = try open(temp, track: .python)
    let file = temp.workspace.appendingPathComponent("progress.json")
    let text = try String(contentsOf: file, encoding: .utf8)
    try Data(text.dropLast(20).utf8).write(to: file)
    var notices: [String] = []
    let workspace = try Workspace.open(at: temp.workspace, content: temp.content, notices: &notices)
    #expect(workspace.progress.track == .python)
    #expect(workspace.progress.unlockAll)
    #expect(notices.first?.contains("progress.corrupt-") == true)
    #expect(notices.last?.contains("Python track (named in the kept file)") == true, "\(notices)")
    // The next start finds a workspace again, with the recovered track.
    #expect(Workspace.exists(at: temp.workspace))
    #expect(try ProgressStore(url: file).load()?.track == .python)
  }

  @Test("a file that names no track: the track of the edited files wins")
  func trackFromEditedFiles() throws {
    let temp = try TemporaryContent()
    defer { temp.remove() }
    _ = try open(temp, track: .swift)
    let python = temp.workspace.appendingPathComponent("steps/03-basic-breaker/python")
    try FileManager.default.createDirectory(at: python, withIntermediateDirectories: true)
    try Data("# my own breaker\n".utf8).write(to: python.appendingPathComponent("breaker.py"))
    try Data([0xFF, 0xFE, 0x00]).write(to: temp.workspace.appendingPathComponent("progress.json"))
    var notices: [String] = []
    let workspace = try Workspace.open(at: temp.workspace, content: temp.content, notices: &notices)
    #expect(workspace.progress.track == .python)
    #expect(notices.last?.contains("steps/03-basic-breaker/python/breaker.py") == true, "\(notices)")
  }

  @Test("a workspace that cannot be written is an error, and the change is not reported as saved")
  func readOnly() throws {
    guard geteuid() != 0 else {
      // Root writes through any mode bits: make the write fail another way (a folder where the file goes).
      let temp = try TemporaryContent()
      defer { temp.remove() }
      let workspace = try open(temp)
      let file = workspace.progressURL
      try FileManager.default.removeItem(at: file)
      try FileManager.default.createDirectory(at: file.appendingPathComponent("x"), withIntermediateDirectories: true)
      #expect(throws: ProgressError.self) { try workspace.update { $0.currentStep = 3 } }
      #expect(workspace.saveError != nil)
      #expect(workspace.progress.currentStep == 3)
      return
    }
    let temp = try TemporaryContent()
    defer {
      chmod(temp.workspace.path, 0o755)
      temp.remove()
    }
    let workspace = try open(temp)
    chmod(temp.workspace.path, 0o555)
    #expect(throws: ProgressError.self) { try workspace.update { $0.currentStep = 3 } }
    #expect(workspace.saveError != nil)
  }
}

/// Errors gathered from threads.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ item: String) { lock.withLock { items.append(item) } }
  var list: [String] { lock.withLock { items } }
}
