import Curriculum
import Foundation

/// A learner's workspace: `progress.json`, the starters of every step under `steps/`, history and backups.
public final class Workspace: @unchecked Sendable {
  /// The default folder name created by `cblearn start`.
  public static let defaultName = "cblearn-workspace"

  public let root: URL
  public let content: ContentRoot
  public let path: LearningPath
  /// The progress as last loaded or saved.
  public private(set) var progress: LearnerProgress
  let store: ProgressStore
  let now: @Sendable () -> Date
  /// The last failure to write the progress, cleared by the next successful write: a session that ends with
  /// one must say the progress was not saved and exit non-zero.
  public private(set) var saveError: ProgressError?
  /// Problems found while merging (a progress file that became unreadable), for the session to show.
  public private(set) var warnings: [String] = []

  /// The progress file.
  public var progressURL: URL { root.appendingPathComponent("progress.json") }
  /// The line-editor history.
  public var historyURL: URL { root.appendingPathComponent(".history") }
  /// cblearn's own files: the starter manifest and backups.
  public var metaDirectory: URL { root.appendingPathComponent(".cblearn") }
  var starterManifestURL: URL { metaDirectory.appendingPathComponent("starters.json") }
  /// Where learners' files are kept before a reset.
  public var backupsDirectory: URL { metaDirectory.appendingPathComponent("backups") }

  init(
    root: URL, content: ContentRoot, path: LearningPath, progress: LearnerProgress, now: @escaping @Sendable () -> Date
  ) {
    self.root = root
    self.content = content
    self.path = path
    self.progress = progress
    self.now = now
    store = ProgressStore(url: root.appendingPathComponent("progress.json"), now: now)
  }

  /// Whether a folder holds a workspace.
  public static func exists(at root: URL) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent("progress.json").path)
  }

  /// The workspace named by `--workspace`, else the current directory or an ancestor holding `progress.json`,
  /// else `./cblearn-workspace`; `nil` when none exists.
  public static func find(
    explicit: String?, currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> URL? {
    if let explicit { return URL(fileURLWithPath: explicit).standardizedFileURL }
    var folder = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    while true {
      if exists(at: folder) { return folder }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent(defaultName)
    return exists(at: local) ? local : nil
  }

  /// Opens a workspace, creating it when `create` says how; `notices` reports a recovered progress file
  /// and starter updates.
  public static func open(
    at root: URL, content: ContentRoot, path: LearningPath = .standard, create: LearnerProgress? = nil,
    now: @escaping @Sendable () -> Date = { Date() }, notices: inout [String]
  ) throws -> Workspace {
    let store = ProgressStore(url: root.appendingPathComponent("progress.json"), now: now)
    var loaded: LearnerProgress?
    do {
      loaded = try store.locked(required: false) { try store.load() }
    } catch let error as ProgressError {
      guard case .writeFailed = error else {
        // Kept aside: start again on the recovered track with every step open, and say so.
        let recovery = ProgressRecovery(root: root, content: content, path: path, problem: error)
        notices.append("warning: \(error)")
        notices.append(recovery.notice)
        return try finishOpening(root, content, path, recovery.progress, loaded: nil, now: now, notices: &notices)
      }
      throw error
    }
    guard let progress = loaded ?? create else {
      throw ProgressError.noWorkspace(searched: root.path)
    }
    return try finishOpening(root, content, path, progress, loaded: loaded, now: now, notices: &notices)
  }

  private static func finishOpening(
    _ root: URL, _ content: ContentRoot, _ path: LearningPath, _ progress: LearnerProgress?, loaded: LearnerProgress?,
    now: @escaping @Sendable () -> Date, notices: inout [String]
  ) throws -> Workspace {
    guard let progress else { throw ProgressError.noWorkspace(searched: root.path) }
    let workspace = Workspace(root: root, content: content, path: path, progress: progress, now: now)
    workspace.progress.normalize(stepCount: path.count)
    notices += try workspace.syncStarters()
    // With nothing on disk the opened progress is written; otherwise only the normalisation is applied.
    if workspace.progress != loaded { try workspace.update { _ in } }
    return workspace
  }

  /// Applies a change to the progress as it is on disk now (another session may have written it), under
  /// the lock, and saves it atomically; on failure the change is kept in memory and `saveError` is set.
  public func update(_ change: (inout LearnerProgress) -> Void) throws {
    var problem: ProgressError?
    let count = path.count
    do {
      progress = try store.update(fallback: progress, problem: &problem) {
        change(&$0)
        $0.normalize(stepCount: count)
      }
      saveError = nil
    } catch let error as ProgressError {
      change(&progress)
      progress.normalize(stepCount: count)
      saveError = error
      throw error
    }
    if let problem { warnings.append("\(problem)") }
  }

  /// Returns and forgets the warnings gathered so far.
  public func takeWarnings() -> [String] {
    defer { warnings = [] }
    return warnings
  }

  /// The folder of a step's files: `steps/03-basic-breaker`.
  public func stepDirectory(_ step: PathStep) -> URL {
    root.appendingPathComponent("steps").appendingPathComponent(step.folderName)
  }

  /// The learner's file of a step on a track (`steps/03-basic-breaker/swift/Breaker.swift`), if it has a starter.
  public func learnerFile(_ step: PathStep, track: Track? = nil) -> URL? {
    guard let exercise = try? content.exercise(step), let relative = exercise.manifest.starters[track ?? progress.track]
    else { return nil }
    return stepDirectory(step).appendingPathComponent(relative)
  }

  /// A path relative to the workspace root, for messages.
  public func relativePath(_ url: URL) -> String {
    let base = root.standardizedFileURL.path + "/"
    let full = url.standardizedFileURL.path
    return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
  }
}
