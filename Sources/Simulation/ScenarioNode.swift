import Foundation
import SimulationResults
import Yams

/// A YAML mapping being read as part of a scenario, so that every error names the file, line and field.
struct ScenarioNode {
  let node: Node
  let file: String
  /// The dotted path of this mapping: `services.pricing.database`.
  let path: String

  /// The 1-based line of `node`.
  static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

  func fail(_ field: String, at node: Node? = nil, _ problem: String, fix: String) -> SimulationError {
    .invalidScenario(
      file: file, line: Self.line(node ?? self.node), field: qualified(field), problem: problem, fix: fix)
  }

  func qualified(_ field: String) -> String { path.isEmpty ? field : field.isEmpty ? path : "\(path).\(field)" }

  /// Rejects keys outside `allowed`, naming the first unknown one.
  func only(_ allowed: [String]) throws(SimulationError) {
    guard let mapping = node.mapping else {
      throw fail("", "expected a mapping of keys to values", fix: "write `key: value` lines under it")
    }
    for (key, _) in mapping {
      let name = key.string ?? "?"
      if !allowed.contains(name) {
        throw fail(name, at: key, "unknown field", fix: "use one of: \(allowed.joined(separator: ", "))")
      }
    }
  }

  /// The value of `key`, if present.
  func value(_ key: String) -> Node? { node.mapping?[key] }

  /// A nested mapping.
  func child(_ key: String) throws(SimulationError) -> ScenarioNode? {
    guard let value = value(key) else { return nil }
    guard value.mapping != nil else {
      throw fail(key, at: value, "expected a mapping", fix: "indent its fields under `\(key):`")
    }
    return ScenarioNode(node: value, file: file, path: qualified(key))
  }

  func required(_ key: String) throws(SimulationError) -> Node {
    guard let value = value(key) else {
      throw fail(key, "is missing", fix: "add `\(key):` to \(path.isEmpty ? "the scenario" : "`\(path)`")")
    }
    return value
  }

  func string(_ key: String, default fallback: String? = nil) throws(SimulationError) -> String {
    guard let value = value(key) else {
      if let fallback { return fallback }
      _ = try required(key)
      return ""
    }
    guard let text = value.scalar?.string else {
      throw fail(key, at: value, "expected a single value", fix: "write `\(key): text`")
    }
    return text
  }

  func number(
    _ key: String, default fallback: Double? = nil, range: ClosedRange<Double> = 0...1e9
  )
    throws(SimulationError) -> Double
  {
    guard let value = value(key) else {
      if let fallback { return fallback }
      _ = try required(key)
      return 0
    }
    guard let number = value.scalar.flatMap({ Double($0.string) }), range.contains(number) else {
      throw fail(key, at: value, "expected a number from \(formatRange(range))", fix: "write `\(key): 5`")
    }
    return number
  }

  func integer(
    _ key: String, default fallback: Int? = nil, range: ClosedRange<Int> = 0...1_000_000
  )
    throws(SimulationError) -> Int
  {
    guard let value = value(key) else {
      if let fallback { return fallback }
      _ = try required(key)
      return 0
    }
    guard let number = value.scalar.flatMap({ Int($0.string) }), range.contains(number) else {
      throw fail(
        key, at: value, "expected a whole number from \(range.lowerBound) to \(range.upperBound)",
        fix: "write `\(key): \(range.lowerBound)`")
    }
    return number
  }

  /// A duration such as `250ms`, `10s`, `10m`, or a number of seconds, within `range` (seconds; by default
  /// up to a day: a simulated minute of a busy shop takes a second, so a longer time is a typo).
  func duration(
    _ key: String, default fallback: Double? = nil, range: ClosedRange<Double> = 0...86_400
  ) throws(SimulationError) -> Double {
    guard let value = value(key) else {
      if let fallback { return fallback }
      _ = try required(key)
      return 0
    }
    guard let seconds = value.scalar.flatMap({ SimDuration.seconds($0.string) }) else {
      throw fail(key, at: value, "expected a duration", fix: "write it as `250ms`, `10s`, `10m` or a number of seconds")
    }
    guard range.contains(seconds) else {
      throw fail(
        key, at: value,
        "expected a duration from \(SimDuration.label(range.lowerBound)) to \(SimDuration.label(range.upperBound))",
        fix: "write it as `250ms`, `10s` or `10m`, within that range")
    }
    return seconds
  }

  /// A list of names such as `[product, pricing]`.
  func names(_ key: String) throws(SimulationError) -> [String] {
    guard let value = value(key) else { return [] }
    guard let items = value.sequence else {
      throw fail(key, at: value, "expected a list", fix: "write `\(key): [a, b]`")
    }
    var names: [String] = []
    for item in items {
      guard let text = item.scalar?.string else {
        throw fail(key, at: item, "expected a name", fix: "write `\(key): [a, b]`")
      }
      names.append(text)
    }
    return names
  }

  private func formatRange(_ range: ClosedRange<Double>) -> String {
    "\(SimDuration.plain(range.lowerBound)) to \(SimDuration.plain(range.upperBound))"
  }
}

extension SimDuration {
  /// A number without a trailing `.0`.
  static func plain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
