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
    "step", "slug", "title", "kind", "summary", "starters", "solutions", "config", "profile", "points",
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
      solutions: try files(root, "solutions", required: false),
      config: try ManifestConfig.config(root.map("config"), yaml: yaml),
      profile: try ManifestConfig.profile(root.map("profile"), yaml: yaml),
      points: points, pointLines: pointLines, file: file)
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
