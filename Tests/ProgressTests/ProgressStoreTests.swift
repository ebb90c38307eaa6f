import Curriculum
import Foundation
import Progress
import Testing

@Suite("Progress file")
struct ProgressStoreTests {
  func temporaryFile() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("progress.json")
  }

  @Test("saves atomically with the documented keys, and loads back")
  func roundTrip() throws {
    let url = try temporaryFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let store = ProgressStore(url: url)
    var progress = LearnerProgress(track: .python)
    progress.recordAttempt(1, score: 3, maxScore: 4, suiteVersion: nil, completed: true)
    progress.recordAttempt(2, score: 5, maxScore: 9, suiteVersion: "1.0.0", completed: false)
    try store.save(progress)
    let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
    #expect(names == ["progress.json"], "no temporary file is left behind")
    let json = try #require(String(data: try Data(contentsOf: url), encoding: .utf8))
    for key in [
      "\"version\" : 1", "\"current_step\"", "\"track\" : \"python\"", "\"unlock_all\" : false",
      "\"best_score\" : 3", "\"max_score\" : 4", "\"attempts\" : 1", "\"hints_used\" : 0", "\"completed_at\"",
      "\"suite_version\" : \"1.0.0\"", "\"status\" : \"in_progress\"", "\"status\" : \"locked\"",
    ] {
      #expect(json.contains(key), "missing \(key)")
    }
    #expect(try store.load() == progress)
  }

  @Test("a missing file is no progress")
  func missing() throws {
    let url = try temporaryFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    #expect(try ProgressStore(url: url).load() == nil)
  }

  @Test("a corrupt file is moved to a timestamped backup and reported, never silently reset")
  func corrupt() throws {
    let url = try temporaryFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    try Data("{\"version\": 1, \"current_step\": ".utf8).write(to: url)
    let store = ProgressStore(url: url, now: { Date(timeIntervalSince1970: 1_800_000_000) })
    let error = #expect(throws: ProgressError.self) { try store.load() }
    guard case .corrupt(_, let backup, _)? = error else {
      Issue.record("not corrupt: \(String(describing: error))"); return
    }
    #expect(backup.hasSuffix("progress.corrupt-2027-01-15T080000Z.json"))
    #expect(FileManager.default.fileExists(atPath: backup))
    #expect(!FileManager.default.fileExists(atPath: url.path))
    #expect("\(error!)".contains("move it back"))
    #expect(try store.load() == nil)
  }

  @Test("a file with missing fields is corrupt too")
  func missingFields() throws {
    let url = try temporaryFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    try Data("{\"version\": 1, \"track\": \"swift\"}".utf8).write(to: url)
    let error = #expect(throws: ProgressError.self) { try ProgressStore(url: url).load() }
    #expect("\(error!)".contains("is missing"))
  }

  @Test("a newer version is kept aside and the message says to upgrade")
  func newer() throws {
    let url = try temporaryFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    try Data("{\"version\": 7, \"whatever\": true}".utf8).write(to: url)
    let error = #expect(throws: ProgressError.self) { try ProgressStore(url: url).load() }
    guard case .newerVersion(_, let backup, 7)? = error else { Issue.record("not newer"); return }
    #expect(FileManager.default.fileExists(atPath: backup))
    #expect("\(error!)".contains("Upgrade cblearn"))
  }

  @Test("steps unlock when the previous ones are done, or all at once")
  func unlocking() {
    var progress = LearnerProgress(track: .swift)
    #expect(progress.status(1) == .available)
    #expect(progress.status(2) == .locked)
    #expect(progress.blockers(of: 3) == [1, 2])
    progress.recordAttempt(1, score: 1, maxScore: 1, suiteVersion: nil, completed: true)
    #expect(progress.status(2) == .available)
    progress.recordHint(2, level: 2)
    #expect(progress.status(2) == .inProgress)
    #expect(progress.record(2).hintsUsed == 2)
    progress.recordHint(2, level: 1)
    #expect(progress.record(2).hintsUsed == 2)
    progress.unlockAll = true
    progress.normalize()
    #expect(progress.status(10) == .available)
    #expect(progress.isUnlocked(10))
  }

  @Test("the first completion time and the best score are kept")
  func bestScore() {
    var progress = LearnerProgress(track: .swift, unlockAll: true)
    progress.recordAttempt(
      3, score: 10, maxScore: 12, suiteVersion: "1", completed: true,
      at: Date(timeIntervalSince1970: 0))
    progress.recordAttempt(
      3, score: 8, maxScore: 12, suiteVersion: "1", completed: true,
      at: Date(timeIntervalSince1970: 100))
    let record = progress.record(3)
    #expect(record.bestScore == 10)
    #expect(record.attempts == 2)
    #expect(record.completedAt == "1970-01-01T00:00:00Z")
    #expect(record.status == .done)
  }
}
