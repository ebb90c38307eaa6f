import Conformance
import Curriculum
import Foundation
import Yams

/// Reads the parts of a rubric file, with errors naming the file and line.
struct RubricReader {
  let file: String

  func error(_ node: Node?, _ problem: String, _ fix: String) -> GradingError {
    .rubric(file: file, line: node?.mark?.line, problem: problem, fix: fix)
  }

  func syntax(_ error: YamlError) -> GradingError {
    let fix = "fix the YAML syntax (indentation, a space after each `:`)"
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return .rubric(file: file, line: mark.line, problem: "invalid YAML: \(problem)", fix: fix)
    default:
      return .rubric(file: file, line: nil, problem: "invalid YAML: \(error)", fix: fix)
    }
  }

  func mapping(_ node: Node, context: String) throws -> Node.Mapping {
    guard let mapping = node.mapping else {
      throw error(node, "\(context) must be a mapping of `key: value` lines", "see docs/grading.md, \"Rubric\"")
    }
    return mapping
  }

  func allow(_ mapping: Node.Mapping, _ keys: [String], context: String) throws {
    for (key, _) in mapping where !keys.contains(key.string ?? "") {
      throw error(
        key, "unknown key `\(key.string ?? "?")` in \(context)", "known keys: \(keys.joined(separator: ", "))")
    }
  }

  /// `points`, `levels` and `pass_mark` of one mapping.
  func overrides(_ map: Node.Mapping) throws -> Rubric.Overrides {
    var result = Rubric.Overrides()
    if let node = map["points"] {
      for (key, value) in try mapping(node, context: "`points`") {
        guard let id = key.string, !id.isEmpty else {
          throw error(key, "a check id must be text", "write `check.id: 2`")
        }
        let text = value.string ?? ""
        if let problem = NumericLimits.points.problem(text: value.int.map(String.init) ?? text) {
          throw error(value, "the points of `\(id)` \(problem)", "write `\(id): 2`")
        }
        result.points[id] = Int(Double(value.int.map(String.init) ?? text) ?? 0)
        result.lines[id] = key.mark?.line
      }
    }
    if let node = map["levels"] {
      for (key, value) in try mapping(node, context: "`levels`") {
        guard let id = key.string, !id.isEmpty else {
          throw error(key, "a check id must be text", "write `check.id: should`")
        }
        guard let level = value.string.flatMap(CheckLevel.init(rawValue:)) else {
          throw error(value, "the level of `\(id)` must be must, should or info", "write `\(id): should`")
        }
        result.levels[id] = level
        result.lines[id] = result.lines[id] ?? key.mark?.line
      }
    }
    if let node = map["starter_unchanged"] {
      switch node.string {
      case "zero": result.gradeUnchangedStarter = false
      case "grade": result.gradeUnchangedStarter = true
      default:
        throw error(
          node, "`starter_unchanged` must be zero or grade, not `\(node.string ?? "?")`",
          "write `starter_unchanged: zero` (the default) or `starter_unchanged: grade`")
      }
    }
    if let node = map["pass_mark"] {
      result.passMark = try passMark(node)
      result.passMarkLine = node.mark?.line
    }
    return result
  }

  func passMark(_ node: Node) throws -> Rubric.PassMark {
    let text = (node.string ?? "").trimmingCharacters(in: .whitespaces)
    if text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)),
      (0...100).contains(percent)
    {
      return .percent(percent)
    }
    if let points = Int(text), NumericLimits.points.problem(Double(points)) == nil { return .points(points) }
    throw error(
      node, "`pass_mark` must be points (a whole number from 0 to 1000) or a percentage from 0% to 100%, not `\(text)`",
      "write `pass_mark: 60%`")
  }
}
