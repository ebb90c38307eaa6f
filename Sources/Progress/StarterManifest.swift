import Foundation

/// `.cblearn/starters.json`: the SHA-256 of every starter as copied, to tell edited files from pristine ones.
public struct StarterManifest: Sendable, Codable, Equatable {
  /// One copied starter.
  public struct Entry: Sendable, Codable, Equatable {
    /// The digest of the file as cblearn wrote it.
    public var sha256: String
    /// The digest of the newest starter seen, when it differs and the learner's edited file was kept.
    public var pending: String?
  }

  public var version: Int
  /// Entries keyed by path relative to the workspace (`steps/03-basic-breaker/swift/Breaker.swift`).
  public var files: [String: Entry]

  public init() {
    version = 1
    files = [:]
  }

  /// Reads the manifest, or an empty one when it is missing or unreadable (every file then counts as edited).
  public static func load(from url: URL) -> StarterManifest {
    guard let data = FileManager.default.contents(atPath: url.path),
      let manifest = try? JSONDecoder().decode(StarterManifest.self, from: data)
    else { return StarterManifest() }
    return manifest
  }

  /// Writes the manifest atomically.
  public func save(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(self) else { return }
    try AtomicFile.write(data, to: url)
  }
}
