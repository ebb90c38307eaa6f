import Foundation
import SimulationResults
import Yams

/// The answers of the step-1 prediction quiz, recomputed from the simulator so the quiz cannot drift.
///
/// The quiz (`exercises/01-cascade/quiz.yaml`) asks about the built-in `black-friday` scenario with its
/// seed, without a breaker and with the reference breaker. The first five minutes of a run do not depend
/// on its duration, so the answers hold for the default ten-minute run.
public enum CascadeQuiz {
  /// Simulated seconds used to compute the answers (the fault lasts from 1m to 4m).
  public static let duration = 300.0

  /// A computed answer.
  public enum Answer: Sendable, Equatable {
    case number(Double)
    /// The 0-based index of the right choice.
    case choice(Int)
  }

  /// Runs the scenario without a breaker and with the reference breaker, and computes every answer.
  public static func answers() throws(SimulationError) -> [String: Answer] {
    let none = try Simulator(scenario: .blackFriday, breaker: .none, duration: duration).run()
    let reference = try Simulator(scenario: .blackFriday, breaker: .reference, duration: duration).run()
    return answers(none: none, reference: reference)
  }

  /// The answers from the two runs.
  public static func answers(none: SimulationResult, reference: SimulationResult) -> [String: Answer] {
    let start = none.recovery.faultStart ?? 0
    let search = none.page("search")?.availabilityDuringFault ?? 1
    let exhausted = reference.pool("gateway")?.exhaustedSeconds ?? 0
    return [
      "pool-runs-out": .number((none.pool("gateway")?.firstExhaustedAt ?? .infinity) - start),
      "failed-pages": .number(Double(none.overall.failed)),
      "search-pages": .choice(search >= 0.9 ? 0 : search >= 0.2 ? 1 : 2),
      "breaker-opens": .number((reference.service("pricing")?.breakerOpenedAt ?? .infinity) - start),
      "exhausted-with-breaker": .choice(exhausted == 0 ? 0 : exhausted <= 10 ? 1 : 2),
      "product-with-breaker": .number(100 * (reference.page("product")?.availabilityDuringFault ?? 0)),
      "cached-prices": .number(Double(reference.page("product")?.degraded ?? 0)),
    ]
  }

  /// Compares a quiz file's answers with computed ones; returns one line per disagreement.
  public static func verify(quizYAML text: String, answers: [String: Answer]) -> [String] {
    guard let root = try? Yams.compose(yaml: text), let items = root["questions"]?.sequence else {
      return ["the quiz has no `questions:` list"]
    }
    var problems: [String] = []
    var seen: Set<String> = []
    for item in items {
      guard let id = item["id"]?.string else { continue }
      seen.insert(id)
      guard let expected = answers[id] else {
        problems.append("\(id): the simulator computes no answer for this question")
        continue
      }
      let given = item["answer"]?.string ?? ""
      switch expected {
      case .number(let value):
        guard let stated = Double(given) else {
          problems.append("\(id): the answer '\(given)' is not a number")
          continue
        }
        let slack = tolerance(item["tolerance"], answer: stated)
        if abs(value - stated) > slack {
          problems.append("\(id): the quiz says \(stated) ± \(slack), the simulator gives \(value)")
        }
      case .choice(let index):
        let choices = item["choices"]?.sequence?.compactMap(\.string) ?? []
        if choiceIndex(given, choices) != index {
          let right = index < choices.count ? choices[index] : "#\(index + 1)"
          problems.append("\(id): the quiz's answer is '\(given)', the simulator gives '\(right)'")
        }
      }
    }
    for id in answers.keys.sorted() where !seen.contains(id) { problems.append("\(id): missing from the quiz") }
    return problems
  }

  static func tolerance(_ node: Node?, answer: Double) -> Double {
    guard let node else { return 0 }
    if let map = node.mapping, let key = map.first?.key.string, let value = map.first?.value.float {
      return key == "relative" ? abs(answer) * value : value
    }
    let text = node.string?.trimmingCharacters(in: .whitespaces) ?? ""
    if text.hasSuffix("%"), let percent = Double(text.dropLast()) { return abs(answer) * percent / 100 }
    return Double(text) ?? 0
  }

  static func choiceIndex(_ text: String, _ choices: [String]) -> Int? {
    let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let index = choices.firstIndex(where: { $0.lowercased() == folded }) { return index }
    if folded.count == 1, let scalar = folded.unicodeScalars.first, ("a"..."z").contains(scalar) {
      return Int(scalar.value) - 97
    }
    return Int(folded).map { $0 - 1 }
  }
}
