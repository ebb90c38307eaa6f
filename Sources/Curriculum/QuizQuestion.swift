import Foundation
import Yams

/// How close a numeric answer must be.
public enum Tolerance: Sendable, Equatable {
  /// Within this many units of the answer.
  case absolute(Double)
  /// Within this fraction of the answer (`0.1` is 10 %).
  case relative(Double)

  /// Whether `value` is close enough to `answer`.
  public func accepts(_ value: Double, answer: Double) -> Bool {
    let slack = 1e-9 * max(1, abs(answer))
    switch self {
    case .absolute(let delta): return abs(value - answer) <= delta + slack
    case .relative(let fraction): return abs(value - answer) <= abs(answer) * fraction + slack
    }
  }
}

/// What a learner's answer was judged to be.
public enum QuizVerdict: Sendable, Equatable {
  case correct
  case incorrect
  /// The answer could not be read; the message says what to type.
  case unreadable(String)
}

/// One question of a quiz.
public struct QuizQuestion: Sendable {
  /// A numeric or a multiple-choice question.
  public enum Kind: String, Sendable, CaseIterable { case number, choice }

  public var id: String
  public var prompt: String
  public var kind: Kind
  /// The numeric answer (`number`).
  public var number: Double?
  /// The index of the right choice (`choice`).
  public var choiceIndex: Int?
  public var tolerance: Tolerance
  public var choices: [String]
  public var unit: String?
  public var explanation: String
  /// The 1-based line of the question.
  public var line: Int?

  init(_ map: YAMLMap) throws {
    let yaml = map.file
    try map.rejectUnknownKeys(
      ["id", "prompt", "kind", "answer", "tolerance", "choices", "unit", "explanation"], in: "a question")
    id = try map.string("id")
    prompt = try map.string("prompt")
    explanation = try map.optionalString("explanation") ?? ""
    unit = try map.optionalString("unit")
    line = yaml.line(of: map.node)
    choices = try map.stringList("choices")
    let kindNode = try map.required("kind")
    guard let kind = Kind(rawValue: kindNode.string ?? "") else {
      throw yaml.error(at: kindNode, "`kind` must be number or choice", fix: "fix the kind of `\(id)`")
    }
    self.kind = kind
    let answer = try map.required("answer")
    tolerance = .absolute(0)
    switch kind {
    case .number:
      guard let value = answer.float ?? answer.int.map(Double.init) else {
        throw yaml.error(at: answer, "the answer of `\(id)` must be a number", fix: "write `answer: 42`")
      }
      number = value
      tolerance = try Self.tolerance(map["tolerance"], yaml: yaml)
    case .choice:
      guard choices.count >= 2 else {
        throw yaml.error(
          at: map["choices"] ?? map.node, "`\(id)` needs at least two `choices`",
          fix: "write `choices: [first, second, third]`")
      }
      guard let index = Self.choice(answer.string ?? "", in: choices) else {
        throw yaml.error(
          at: answer, "the answer of `\(id)` is not one of its choices",
          fix: "write the choice's text, its letter (a, b, ...) or its number (1, 2, ...)")
      }
      choiceIndex = index
    }
  }

  /// Reads `0.5` (absolute), `10%`, `{relative: 0.1}`, `{absolute: 2}`.
  static func tolerance(_ node: Node?, yaml: YAMLFile) throws -> Tolerance {
    guard let node else { return .absolute(0) }
    let fix = "write `tolerance: 0.5` (absolute), `tolerance: 10%` or `tolerance: {relative: 0.1}`"
    if let map = node.mapping, map.count == 1, let key = map.first?.key.string, let value = map.first?.value.float,
      value.isFinite, value >= 0
    {
      if key == "absolute" { return .absolute(value) }
      if key == "relative" { return .relative(value) }
    }
    if let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) {
      if text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)),
        (0...100).contains(percent)
      {
        return .relative(percent / 100)
      }
      if let value = Double(text), value.isFinite, value >= 0 { return .absolute(value) }
    }
    throw yaml.error(at: node, "the tolerance cannot be read", fix: fix)
  }

  /// The index of a choice named by its text, its letter or its 1-based number.
  static func choice(_ text: String, in choices: [String]) -> Int? {
    let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let index = choices.firstIndex(where: { $0.lowercased() == folded }) { return index }
    if folded.count == 1, let scalar = folded.unicodeScalars.first, ("a"..."z").contains(scalar) {
      let index = Int(scalar.value) - 97
      return index < choices.count ? index : nil
    }
    if let number = Int(folded), (1...choices.count).contains(number) { return number - 1 }
    return nil
  }

  /// Judges a learner's typed answer.
  public func check(_ response: String) -> QuizVerdict {
    switch kind {
    case .number:
      let cleaned = response.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
      let digits = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "0123456789.-+eE").inverted)
      guard let value = Double(digits), let number else { return .unreadable("type a number, for example 42") }
      return tolerance.accepts(value, answer: number) ? .correct : .incorrect
    case .choice:
      guard let index = Self.choice(response, in: choices) else {
        return .unreadable("type a letter from a to \(Self.letter(choices.count - 1)), or the choice itself")
      }
      return index == choiceIndex ? .correct : .incorrect
    }
  }

  /// The right answer as shown after a question: `4 s (± 0.5)` or `b) inventory`.
  public var answerText: String {
    switch kind {
    case .number:
      let value = number.map(formatted) ?? "?"
      let suffix = unit.map { " \($0)" } ?? ""
      switch tolerance {
      case .absolute(let delta) where delta > 0: return "\(value)\(suffix) (± \(formatted(delta)))"
      case .relative(let fraction): return "\(value)\(suffix) (± \(formatted(fraction * 100))%)"
      default: return value + suffix
      }
    case .choice:
      guard let index = choiceIndex else { return "?" }
      return "\(Self.letter(index))) \(choices[index])"
    }
  }

  /// The letter of a choice: 0 is `a`.
  public static func letter(_ index: Int) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    return index >= 0 && index < letters.count ? String(letters[index]) : String(index + 1)
  }

  private func formatted(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
