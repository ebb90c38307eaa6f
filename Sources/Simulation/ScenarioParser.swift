import Conformance
import Foundation
import SimulationResults
import Yams

/// Parses scenario YAML into a `Scenario`; every error names the file, the line and the field.
public enum ScenarioParser {
  /// Parses the text of a scenario; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(SimulationError) -> Scenario {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw SimulationError.invalidScenario(
          file: file, line: 1, field: "name", problem: "the file is empty", fix: "start from docs/simulation.md")
      }
      root = node
    } catch let error as SimulationError {
      throw error
    } catch let error as YamlError {
      throw yamlError(error, file: file)
    } catch {
      throw .invalidScenario(file: file, line: nil, field: "", problem: "\(error)", fix: "check the YAML syntax")
    }
    let top = ScenarioNode(node: root, file: file, path: "")
    try top.only([
      "name", "description", "duration", "seed", "traffic", "pages", "web", "gateway", "services",
      "faults", "breakers",
    ])
    let traffic = try top.child("traffic") ?? ScenarioNode(node: [:], file: file, path: "traffic")
    try traffic.only(["rate", "patience"])
    let services = try parseServices(top)
    let names = services.map(\.name)
    let scenario = Scenario(
      name: try top.string("name", default: "scenario"),
      description: try top.string("description", default: ""),
      duration: try top.duration("duration", default: 600, range: 1...3600),
      seed: UInt64(try top.integer("seed", default: 1, range: 0...Int.max)),
      rate: try traffic.number("rate", range: 0.001...1_000_000),
      patience: try traffic.duration("patience", default: 8),
      pages: try parsePages(top, services: names),
      web: try tier(top, "web", timeoutDefault: 5),
      gateway: try tier(top, "gateway", timeoutDefault: 0),
      services: services,
      faults: try parseFaults(top, services: names),
      breakers: try BreakerPlanParser.parse(try top.child("breakers"), file: file, services: names))
    return scenario
  }

  /// Reads and parses a scenario file.
  public static func load(path: String) throws(SimulationError) -> Scenario {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .unreadableScenario(file: path, reason: (error as NSError).localizedDescription)
    }
    return try parse(text, file: path)
  }

  static func yamlError(_ error: YamlError, file: String) -> SimulationError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return .invalidScenario(
        file: file, line: mark.line, field: "", problem: "YAML syntax: \(problem)",
        fix: "check the indentation and the colons on that line")
    default:
      return .invalidScenario(file: file, line: nil, field: "", problem: "\(error)", fix: "check the YAML syntax")
    }
  }

  static func latency(
    _ parent: ScenarioNode, _ key: String, default fallback: Scenario.Latency
  )
    throws(SimulationError) -> Scenario.Latency
  {
    guard let node = try parent.child(key) else { return fallback }
    try node.only(["median", "p99"])
    let median = try node.duration("median")
    let p99 = try node.duration("p99", default: median * 3)
    guard p99 >= median else {
      throw node.fail("p99", at: node.value("p99"), "is below the median", fix: "make p99 at least the median")
    }
    return Scenario.Latency(median: median, p99: p99)
  }

  static func tier(
    _ top: ScenarioNode, _ key: String, timeoutDefault: Double
  ) throws(SimulationError)
    -> Scenario.Tier
  {
    guard let node = try top.child(key) else { _ = try top.required(key); fatalError("unreachable") }
    try node.only(key == "gateway" ? ["workers", "queue", "overhead"] : ["workers", "queue", "latency", "timeout"])
    var tier = Scenario.Tier(
      workers: try node.integer("workers", range: 1...100_000), queue: try node.integer("queue", default: 0),
      latency: try latency(node, "latency", default: .init(median: 0, p99: 0)),
      timeout: try node.duration("timeout", default: timeoutDefault))
    if key == "gateway" {
      tier.overhead = try node.duration("overhead", default: Scenario.defaultOverhead)
      guard tier.overhead <= 1 else {
        throw node.fail(
          "overhead", at: node.value("overhead"), "an overhead of \(SimDuration.label(tier.overhead)) per call",
          fix: "give the gateway's own time per service call, at most 1s (typically a few ms)")
      }
    }
    return tier
  }

  static func parseServices(_ top: ScenarioNode) throws(SimulationError) -> [Scenario.Service] {
    guard let list = try top.child("services") else { _ = try top.required("services"); return [] }
    var services: [Scenario.Service] = []
    for (key, _) in list.node.mapping ?? [:] {
      let name = key.string ?? "?"
      guard let node = try list.child(name) else { continue }
      try node.only(["workers", "queue", "latency", "timeout", "retries", "database"])
      guard let db = try node.child("database") else { _ = try node.required("database"); continue }
      try db.only(["connections", "latency"])
      services.append(
        Scenario.Service(
          name: name, workers: try node.integer("workers", range: 1...100_000),
          queue: try node.integer("queue", default: 1000),
          latency: try latency(node, "latency", default: .init(median: 0.002, p99: 0.01)),
          timeout: try node.duration("timeout", default: 2),
          retries: try node.integer("retries", default: 0, range: 0...10),
          database: Scenario.Database(
            connections: try db.integer("connections", range: 1...100_000),
            latency: try latency(db, "latency", default: .init(median: 0.01, p99: 0.05)))))
    }
    guard !services.isEmpty, services.count <= 16 else {
      throw top.fail("services", "must name from 1 to 16 services", fix: "list them as `name:` mappings")
    }
    return services
  }

  static func parsePages(_ top: ScenarioNode, services: [String]) throws(SimulationError) -> [Scenario.Page] {
    let list = try top.required("pages")
    guard let items = list.sequence, !items.isEmpty else {
      throw top.fail(
        "pages", at: list, "expected a non-empty list", fix: "write `- {name: product, share: 0.5, needs: [product]}`")
    }
    var pages: [Scenario.Page] = []
    for (index, item) in items.enumerated() {
      let node = ScenarioNode(node: item, file: top.file, path: "pages[\(index)]")
      try node.only(["name", "share", "needs", "optional"])
      let needs = try node.names("needs")
      let optional = try node.names("optional")
      for name in needs + optional where !services.contains(name) {
        throw node.fail(
          "needs", at: node.value("needs"), "names the unknown service '\(name)'",
          fix: "use one of: \(services.joined(separator: ", "))")
      }
      guard Set(optional).isSubset(of: needs) else {
        throw node.fail(
          "optional", at: node.value("optional"), "lists a service that is not in `needs`",
          fix: "add it to `needs` too")
      }
      pages.append(
        Scenario.Page(
          name: try node.string("name"), share: try node.number("share", range: 0...1_000_000), needs: needs,
          optional: optional))
    }
    guard pages.map(\.share).reduce(0, +) > 0 else {
      throw top.fail("pages", at: list, "every share is zero", fix: "give at least one page a positive share")
    }
    return pages
  }

  static func parseFaults(_ top: ScenarioNode, services: [String]) throws(SimulationError) -> [Scenario.Fault] {
    guard let list = top.value("faults") else { return [] }
    guard let items = list.sequence else {
      throw top.fail(
        "faults", at: list, "expected a list",
        fix: "write `- {target: pricing-db, start: 60s, end: 240s, latency: 10s}`")
    }
    let targets = services + services.map { "\($0)-db" }
    var faults: [Scenario.Fault] = []
    for (index, item) in items.enumerated() {
      let node = ScenarioNode(node: item, file: top.file, path: "faults[\(index)]")
      try node.only(["target", "start", "end", "latency", "error_rate"])
      let target = try node.string("target")
      guard targets.contains(target) else {
        throw node.fail(
          "target", at: node.value("target"), "'\(target)' is neither a service nor a database",
          fix: "use one of: \(targets.joined(separator: ", "))")
      }
      let start = try node.duration("start")
      let end = try node.duration("end")
      guard end > start else {
        throw node.fail("end", at: node.value("end"), "is not after `start`", fix: "make `end` later than `start`")
      }
      let latency = node.value("latency") == nil ? nil : try node.duration("latency")
      let rate = node.value("error_rate") == nil ? nil : try node.number("error_rate", range: 0...1)
      guard latency != nil || rate != nil else {
        throw node.fail("latency", "or `error_rate` is needed", fix: "write `latency: 10s` or `error_rate: 1.0`")
      }
      faults.append(Scenario.Fault(target: target, start: start, end: end, latency: latency, errorRate: rate))
    }
    return faults
  }
}
