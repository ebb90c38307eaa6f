import Foundation
import Yams

/// A YAML text being read, with the file name and line offset needed to point errors at the right line.
struct YAMLFile {
  /// The file as shown in errors.
  let path: String
  /// Lines before the YAML text in its file (front matter starts after a `---` line).
  let lineOffset: Int

  init(path: String, lineOffset: Int = 0) {
    self.path = path
    self.lineOffset = lineOffset
  }

  /// Parses the text into a node; an empty document is an error naming what was expected.
  func parse(_ text: String, expecting what: String) throws -> Node {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw syntaxError(error)
    }
    guard let node else {
      throw CurriculumError.malformed(
        file: path, line: lineOffset + 1, problem: "the file is empty", fix: "write \(what)")
    }
    return node
  }

  /// Reads the top-level node as a mapping.
  func mapping(_ text: String, expecting what: String) throws -> YAMLMap {
    try YAMLMap(node: parse(text, expecting: what), file: self, context: "the file")
  }

  /// The 1-based line of a node in its file.
  func line(of node: Node?) -> Int? {
    node?.mark.map { $0.line + lineOffset }
  }

  /// A malformed-file error at a node.
  func error(at node: Node?, _ problem: String, fix: String) -> CurriculumError {
    .malformed(file: path, line: line(of: node), problem: problem, fix: fix)
  }

  private func syntaxError(_ error: YamlError) -> CurriculumError {
    let fix = "fix the YAML syntax (indentation, quotes around text with `:` or `#`)"
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return .malformed(file: path, line: mark.line + lineOffset, problem: "invalid YAML: \(problem)", fix: fix)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return .malformed(
        file: path, line: context.mark.line + lineOffset,
        problem: "duplicated keys: \(duplicates.joined(separator: ", "))", fix: "keep one of each key")
    default:
      return .malformed(file: path, line: nil, problem: "invalid YAML: \(error)", fix: fix)
    }
  }
}

/// A YAML mapping with typed accessors whose errors name the file, the line and the key.
struct YAMLMap {
  let node: Node
  let file: YAMLFile
  let mapping: Node.Mapping

  init(node: Node, file: YAMLFile, context: String) throws {
    guard let mapping = node.mapping else {
      throw file.error(at: node, "\(context) must be a mapping of `key: value` lines", fix: "see docs/curriculum.md")
    }
    self.node = node
    self.file = file
    self.mapping = mapping
  }

  /// The keys present, in order.
  var keys: [String] { mapping.keys.compactMap(\.string) }

  subscript(key: String) -> Node? { mapping[key] }

  func required(_ key: String) throws -> Node {
    guard let value = mapping[key] else {
      throw file.error(at: node, "missing `\(key)`", fix: "add a `\(key):` line")
    }
    return value
  }

  func string(_ key: String) throws -> String {
    let value = try required(key)
    guard let text = value.scalar?.string, !text.isEmpty else {
      throw file.error(at: value, "`\(key)` must be text", fix: "write `\(key): some text`")
    }
    return text
  }

  /// A number checked against `limit` (NaN, infinities and out-of-range values are errors naming the line and
  /// the allowed range); nil when the key is absent.
  func limited(_ key: String, _ limit: NumericLimit) throws -> Double? {
    guard let value = mapping[key] else { return nil }
    return try Self.limited(value, key: key, limit, file: file)
  }

  /// The same for any node.
  static func limited(_ value: Node, key: String, _ limit: NumericLimit, file: YAMLFile) throws -> Double {
    let text = value.scalar?.string ?? ""
    let number = value.scalar == nil ? nil : (value.int.map(Double.init) ?? value.float ?? Double(text))
    if let problem = number.map(limit.problem) ?? limit.problem(text: text.isEmpty ? "a list" : text) {
      throw file.error(at: value, "`\(key)` \(problem)", fix: "write `\(key):` with a value in that range")
    }
    return number ?? 0
  }

  func optionalString(_ key: String) throws -> String? {
    guard mapping[key] != nil else { return nil }
    return try string(key)
  }

  func int(_ key: String) throws -> Int {
    let value = try required(key)
    guard value.scalar != nil, let number = value.int else {
      throw file.error(
        at: value, "`\(key)` must be a whole number, not `\(value.string ?? "a list")`",
        fix: "write `\(key): 3`")
    }
    return number
  }

  func optionalInt(_ key: String) throws -> Int? {
    guard mapping[key] != nil else { return nil }
    return try int(key)
  }

  func double(_ key: String) throws -> Double {
    let value = try required(key)
    guard value.scalar != nil, let number = value.float ?? value.int.map(Double.init) else {
      throw file.error(
        at: value, "`\(key)` must be a number, not `\(value.string ?? "a list")`",
        fix: "write `\(key): 30` or `\(key): 0.5`")
    }
    return number
  }

  func optionalDouble(_ key: String) throws -> Double? {
    guard mapping[key] != nil else { return nil }
    return try double(key)
  }

  /// A list of text items; a single scalar is accepted as a list of one.
  func stringList(_ key: String) throws -> [String] {
    guard let value = mapping[key] else { return [] }
    if let scalar = value.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
    guard let items = value.sequence else {
      throw file.error(at: value, "`\(key)` must be a list", fix: "write `\(key): [a, b]`")
    }
    return try items.map { item in
      guard let text = item.scalar?.string else {
        throw file.error(at: item, "the items of `\(key)` must be text", fix: "write `\(key): [a, b]`")
      }
      return text
    }
  }

  func map(_ key: String) throws -> YAMLMap? {
    guard let value = mapping[key] else { return nil }
    return try YAMLMap(node: value, file: file, context: "`\(key)`")
  }

  /// Rejects keys outside `allowed`, suggesting the closest one (catches typos that would be ignored).
  func rejectUnknownKeys(_ allowed: [String], in context: String) throws {
    for (key, _) in mapping {
      guard let name = key.string, !allowed.contains(name) else { continue }
      let suggestion = EditDistance.closest(to: name, in: allowed).map { "did you mean `\($0)`? " } ?? ""
      throw file.error(
        at: key, "unknown key `\(name)` in \(context)",
        fix: "\(suggestion)known keys: \(allowed.joined(separator: ", "))")
    }
  }
}
