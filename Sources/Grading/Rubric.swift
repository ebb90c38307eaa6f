import Conformance
import Curriculum
import Foundation
import Yams

/// Instructor overrides of a step's grading: points and levels per check, and the pass mark (docs/grading.md).
///
/// ```yaml
/// pass_mark: 60%            # or a number of points; default: every `must` check passes
/// points: {basic.trip-at-threshold: 3}
/// levels: {basic.success-resets-count: should}
/// steps:
///   4: {pass_mark: 10, points: {stuck.is-open-honours-timeout: 5}}
/// ```
public struct Rubric: Sendable, Equatable {
  /// A pass mark: points, or a percentage of the step's maximum.
  public enum PassMark: Sendable, Equatable {
    case points(Int)
    case percent(Double)

    /// The points needed out of `maxScore`.
    public func threshold(maxScore: Int) -> Double {
      switch self {
      case .points(let points): Double(points)
      case .percent(let percent): Double(maxScore) * percent / 100
      }
    }
  }

  /// The overrides for one step (or for every step).
  public struct Overrides: Sendable, Equatable {
    public var points: [String: Int] = [:]
    public var levels: [String: CheckLevel] = [:]
    public var passMark: PassMark?
    /// `starter_unchanged: grade` grades an unchanged starter like any file (default: it scores 0).
    public var gradeUnchangedStarter: Bool?
    /// The line of `pass_mark`, for errors.
    var passMarkLine: Int?
    /// Lines of each check id, for errors naming a check that does not apply.
    var lines: [String: Int] = [:]
  }

  /// Overrides for every step.
  public var all = Overrides()
  /// Overrides per step number; they win over `all`.
  public var steps: [Int: Overrides] = [:]
  /// `seeds: N`: how many seeds each submission is checked under (each check keeps its worst result).
  public var seeds: Int?
  /// The file, for errors.
  public var file: String = "(no rubric)"
  /// The file's text hashed, for the results cache.
  public var digest: String = ""

  public init() {}

  /// Loads and checks a rubric file.
  public static func load(from url: URL, path: LearningPath = .standard) throws -> Rubric {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw GradingError.rubric(
        file: url.path, line: nil, problem: "cannot read the file", fix: "give the path of a YAML rubric with --rubric")
    }
    return try parse(text, file: url.path, path: path)
  }

  /// Parses a rubric's text.
  public static func parse(_ text: String, file: String, path: LearningPath = .standard) throws -> Rubric {
    var rubric = Rubric()
    rubric.file = file
    var print = Fingerprint()
    print.add(text)
    rubric.digest = print.hex
    let reader = RubricReader(file: file)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw reader.syntax(error)
    }
    guard let root else { return rubric }
    let top = try reader.mapping(root, context: "the rubric")
    try reader.allow(
      top, ["pass_mark", "points", "levels", "steps", "starter_unchanged", "seeds"], context: "the rubric")
    if let node = top["seeds"] {
      guard let count = node.int, (1...10).contains(count) else {
        throw GradingError.rubric(
          file: file, line: node.mark?.line, problem: "`seeds` must be a whole number from 1 to 10",
          fix: "write `seeds: 3` (the default)")
      }
      rubric.seeds = count
    }
    rubric.all = try reader.overrides(top)
    if let stepsNode = top["steps"] {
      let steps = try reader.mapping(stepsNode, context: "`steps`")
      for (key, value) in steps {
        guard let name = key.string, let step = try? path.resolve(name) else {
          throw GradingError.rubric(
            file: file, line: key.mark?.line, problem: "`\(key.string ?? "?")` under `steps` is not a step",
            fix: "name steps by number (3) or slug (basic-breaker)")
        }
        let map = try reader.mapping(value, context: "step \(step.number)")
        try reader.allow(map, ["pass_mark", "points", "levels", "starter_unchanged"], context: "step \(step.number)")
        rubric.steps[step.number] = try reader.overrides(map)
      }
    }
    return rubric
  }

  /// The overrides that apply to a step: the step's own over the common ones.
  public func overrides(for step: Int) -> Overrides {
    var merged = all
    guard let own = steps[step] else { return merged }
    merged.points.merge(own.points) { $1 }
    merged.levels.merge(own.levels) { $1 }
    merged.lines.merge(own.lines) { $1 }
    if let grade = own.gradeUnchangedStarter { merged.gradeUnchangedStarter = grade }
    if let mark = own.passMark {
      merged.passMark = mark
      merged.passMarkLine = own.passMarkLine
    }
    return merged
  }

  /// Checks that every check id the rubric names for a step is one of the step's checks (common overrides
  /// may name checks of other steps, but must name real checks).
  public func validate(step: Int, checks: [String]) throws {
    let known = Set(checks)
    let own = overrides(for: step)
    let stepSpecific = steps[step].map { Set($0.points.keys).union($0.levels.keys) } ?? []
    for id in Set(own.points.keys).union(own.levels.keys).sorted() where !known.contains(id) {
      if !stepSpecific.contains(id) && Catalogue.check(id: id) != nil { continue }
      let suggestion = EditDistance.closest(to: id, in: checks).map { "did you mean `\($0)`? " } ?? ""
      throw GradingError.rubric(
        file: file, line: own.lines[id], problem: "`\(id)` is not a check of step \(step)",
        fix: "\(suggestion)name checks listed by `cblearn conformance --list`")
    }
  }
}
