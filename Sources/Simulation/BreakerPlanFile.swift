import Foundation
import Yams

/// A breaker plan on its own (`breakers.yaml`): the `breakers:` section of a scenario, as a file of the
/// learner's. The capstone (step 10) runs the `chaos` scenario with the plan found next to the breaker.
public enum BreakerPlanFile {
  /// The plan's file name, next to the learner's breaker (or one folder up from a `swift/` or `python/` one).
  public static let fileName = "breakers.yaml"

  /// Folders named after a track: a plan one folder up from them belongs to the step (workspace layout).
  static let trackFolders: Set<String> = ["swift", "python"]

  /// The plan of a breaker file: `breakers.yaml` in its folder, else in the folder above a `swift/` or
  /// `python/` folder (`steps/10-chaos/breakers.yaml` for `steps/10-chaos/swift/Breaker.swift`).
  public static func locate(beside file: URL) -> URL? {
    let folder = file.deletingLastPathComponent()
    var candidates = [folder.appendingPathComponent(fileName)]
    if trackFolders.contains(folder.lastPathComponent) {
      candidates.append(folder.deletingLastPathComponent().appendingPathComponent(fileName))
    }
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Parses a plan's text for `scenario`; `file` names it in errors, which give its line and what to write.
  public static func parse(
    _ text: String, file: String, scenario: Scenario
  ) throws(SimulationError)
    -> Scenario.BreakerPlan
  {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw SimulationError.invalidPlan(
          file: file, line: 1, field: "", problem: "the plan is empty",
          fix: "write at least `default: {failure_threshold: 5, recovery_timeout: 30s}` (docs/simulation.md)")
      }
      root = node
    } catch let error as SimulationError {
      throw error
    } catch let error as YamlError {
      throw plan(ScenarioParser.yamlError(error, file: file))
    } catch {
      throw .invalidPlan(file: file, line: nil, field: "", problem: "\(error)", fix: "check the YAML syntax")
    }
    let services = scenario.services.map(\.name)
    let top = ScenarioNode(node: root, file: file, path: "")
    if let mapping = root.mapping {
      for (key, _) in mapping where !(["profile", "default"] + services).contains(key.string ?? "") {
        throw SimulationError.invalidPlan(
          file: file, line: ScenarioNode.line(key), field: key.string ?? "?",
          problem: "is neither a service of the \(scenario.name) scenario nor a plan key",
          fix: "use `profile`, `default` or a service: \(services.joined(separator: ", "))")
      }
    }
    do { return try BreakerPlanParser.parse(top, file: file, services: services) } catch { throw plan(error) }
  }

  /// Reads and parses a plan file for `scenario`.
  public static func load(path: String, scenario: Scenario) throws(SimulationError) -> Scenario.BreakerPlan {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .unreadablePlan(file: path, reason: (error as NSError).localizedDescription)
    }
    return try parse(text, file: path, scenario: scenario)
  }

  /// A scenario error found in a plan, restated as a plan error.
  static func plan(_ error: SimulationError) -> SimulationError {
    guard case .invalidScenario(let file, let line, let field, let problem, let fix) = error else { return error }
    return .invalidPlan(file: file, line: line, field: field, problem: problem, fix: fix)
  }
}
