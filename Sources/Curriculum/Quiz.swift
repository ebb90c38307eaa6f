import Foundation
import Yams

/// A prediction quiz (`exercises/01-cascade/quiz.yaml`): a list of `questions`, each checked with a tolerance.
///
/// ```yaml
/// questions:
///   - id: pool-exhausted
///     prompt: How many seconds until the 200 threads are all waiting?
///     kind: number            # number | choice
///     answer: 4
///     tolerance: 0.5          # absolute; `10%` or `{relative: 0.1}` is relative
///     unit: s                 # optional
///     explanation: 50 requests a second each hold a thread for 30 s ...
///   - id: first-to-fail
///     prompt: Which service fails first?
///     kind: choice
///     choices: [payments, inventory, the web tier]
///     answer: inventory       # the choice's text, its letter (`b`) or its 1-based number
///     explanation: ...
/// ```
public struct Quiz: Sendable {
  public var questions: [QuizQuestion]
  /// The quiz's title, if it has one.
  public var title: String?
  /// The text shown before the first question.
  public var intro: String?
  /// The file, as shown in errors.
  public var file: String

  /// Reads and parses a quiz file.
  public static func load(from url: URL) throws -> Quiz {
    try parse(ContentFile.read(url, what: "the quiz"), file: url.path)
  }

  /// Parses the text of a quiz; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> Quiz {
    let yaml = YAMLFile(path: file)
    let node = try yaml.parse(text, expecting: "`questions:` and a list of questions")
    let list: Node
    var title: String?
    var intro: String?
    if node.mapping != nil {
      let map = try YAMLMap(node: node, file: yaml, context: "the quiz")
      try map.rejectUnknownKeys(["questions", "title", "intro"], in: "the quiz")
      list = try map.required("questions")
      title = try map.optionalString("title")
      intro = try map.optionalString("intro")
    } else {
      list = node
    }
    guard let items = list.sequence, !items.isEmpty else {
      throw yaml.error(
        at: list, "`questions` must be a non-empty list", fix: "write `questions:` and `- id: ...` items")
    }
    let questions = try items.map { try QuizQuestion(YAMLMap(node: $0, file: yaml, context: "a question")) }
    var seen: Set<String> = []
    for (question, item) in zip(questions, items) where !seen.insert(question.id).inserted {
      throw yaml.error(at: item, "the question id `\(question.id)` is used twice", fix: "give each question its own id")
    }
    return Quiz(questions: questions, title: title, intro: intro, file: file)
  }
}
