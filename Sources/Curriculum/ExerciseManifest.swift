import Conformance
import Foundation
import Yams

/// An exercise's `exercise.yaml`: what the learner builds and how it is checked.
public struct ExerciseManifest: Sendable {
  /// How an exercise is graded.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// Conformance checks on the learner's breaker.
    case breaker
    /// Answers to `quiz.yaml`.
    case quiz
    /// The cascade simulator.
    case simulation
  }

  public var step: Int
  public var slug: String
  public var title: String
  public var kind: Kind
  public var summary: String
  /// Starter files per track, relative to the exercise folder.
  public var starters: [Track: String]
  /// Track-independent starter files (step 10's `breakers.yaml`), relative to the exercise folder; a
  /// workspace holds them in the step's folder on either track.
  public var sharedStarters: [String]
  /// Reference solutions per track, relative to the exercise folder.
  public var solutions: [Track: String]
  public var config: BreakerConfig
  public var profile: Profile
  /// Points of named checks; every other check is worth 1.
  public var points: [String: Int]
  /// The line of each `points` entry, for errors found later against the catalogue.
  public var pointLines: [String: Int]
  /// The manifest file, as shown in errors.
  public var file: String

  static let keys = [
    "step", "slug", "title", "kind", "summary", "starters", "shared_starters", "solutions", "config", "profile",
    "points",
  ]

  /// Reads and parses an `exercise.yaml`.
  public static func load(from url: URL) throws -> ExerciseManifest {
    try parse(ContentFile.read(url, what: "the exercise manifest"), file: url.path)
  }

  /// Parses a manifest's text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> ExerciseManifest {
    let yaml = YAMLFile(path: file)
    let root = try yaml.mapping(text, expecting: "the exercise manifest (see docs/curriculum.md)")
    try root.rejectUnknownKeys(keys, in: "exercise.yaml")
    let kindNode = try root.required("kind")
    guard let kind = Kind(rawValue: kindNode.string ?? "") else {
      throw yaml.error(
        at: kindNode, "`kind` must be breaker, quiz or simulation, not `\(kindNode.string ?? "")`",
        fix: "fix the kind")
    }
    var points: [String: Int] = [:]
    var pointLines: [String: Int] = [:]
    if let map = try root.map("points") {
      for (key, value) in map.mapping {
        let id = key.string ?? ""
        points[id] = Int(try YAMLMap.limited(value, key: id, NumericLimits.points, file: yaml))
        pointLines[id] = yaml.line(of: key)
      }
    }
    return ExerciseManifest(
      step: try root.int("step"), slug: try root.string("slug"), title: try root.string("title"), kind: kind,
      summary: try root.optionalString("summary") ?? "",
      starters: try files(root, "starters", required: kind != .quiz),
      sharedStarters: try shared(root, yaml: yaml),
      solutions: try files(root, "solutions", required: false),
      config: try ManifestConfig.config(root.map("config"), yaml: yaml),
      profile: try ManifestConfig.profile(root.map("profile"), yaml: yaml),
      points: points, pointLines: pointLines, file: file)
  }

  /// `shared_starters: [breakers.yaml]`: plain names of files in the exercise folder.
  private static func shared(_ root: YAMLMap, yaml: YAMLFile) throws -> [String] {
    guard let node = root["shared_starters"] else { return [] }
    guard let items = node.sequence else {
      throw yaml.error(at: node, "`shared_starters` must be a list", fix: "write `shared_starters: [breakers.yaml]`")
    }
    return try items.map { item in
      guard let name = item.string, !name.isEmpty, !name.contains("/"), name != "..", name != "." else {
        throw yaml.error(
          at: item, "`shared_starters` names files of the exercise folder itself",
          fix: "write a file name such as breakers.yaml")
      }
      return name
    }
  }

  private static func files(_ root: YAMLMap, _ key: String, required: Bool) throws -> [Track: String] {
    guard let map = try root.map(key) else {
      if required {
        throw root.file.error(
          at: root.node, "missing `\(key)`",
          fix: "add `\(key): {swift: swift/Breaker.swift, python: python/breaker.py}`")
      }
      return [:]
    }
    try map.rejectUnknownKeys(Track.allCases.map(\.rawValue), in: "`\(key)`")
    var result: [Track: String] = [:]
    for track in Track.allCases where map[track.rawValue] != nil {
      let path = try map.string(track.rawValue)
      if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
        throw root.file.error(
          at: map[track.rawValue], "`\(path)` must be a path inside the exercise folder",
          fix: "write a relative path such as swift/Breaker.swift")
      }
      result[track] = path
    }
    return result
  }
}
