import Curriculum
import Foundation
import Testing

@Suite("Quiz")
struct QuizTests {
  func fixture() throws -> Quiz {
    try Quiz.load(from: FixturePaths.content.appendingPathComponent("exercises/01-cascade/quiz.yaml"))
  }

  @Test("numeric answers are checked with an absolute tolerance")
  func absolute() throws {
    let question = try fixture().questions[0]
    #expect(question.tolerance == .absolute(0.5))
    #expect(question.check("4") == .correct)
    #expect(question.check("4.5 s") == .correct)
    #expect(question.check("3.4") == .incorrect)
    #expect(question.check("soon") != .correct)
    #expect(question.answerText == "4 s (± 0.5)")
  }

  @Test("a percentage is a relative tolerance")
  func relative() throws {
    let question = try fixture().questions[1]
    #expect(question.tolerance == .relative(0.1))
    #expect(question.check("1,099") == .correct)
    #expect(question.check("901") == .correct)
    #expect(question.check("1101") == .incorrect)
  }

  @Test("choices accept the letter, the number or the text")
  func choice() throws {
    let question = try fixture().questions[2]
    #expect(question.choiceIndex == 1)
    #expect(question.check("b") == .correct)
    #expect(question.check("2") == .correct)
    #expect(question.check("Inventory") == .correct)
    #expect(question.check("a") == .incorrect)
    if case .unreadable = question.check("z") {} else { Issue.record("z should be unreadable") }
  }

  @Test(
    "a mapping tolerance is read",
    arguments: [("{relative: 0.2}", Tolerance.relative(0.2)), ("{absolute: 3}", .absolute(3))])
  func mappingTolerance(text: String, expected: Tolerance) throws {
    let quiz = try Quiz.parse(
      "questions:\n  - id: a\n    prompt: p\n    kind: number\n    answer: 10\n    tolerance: \(text)\n", file: "q.yaml"
    )
    #expect(quiz.questions[0].tolerance == expected)
  }

  @Test("an answer outside the choices and a duplicate id are located")
  func malformed() {
    let bad = "questions:\n  - id: a\n    prompt: p\n    kind: choice\n    choices: [x, y]\n    answer: z\n"
    let error = #expect(throws: CurriculumError.self) { try Quiz.parse(bad, file: "q.yaml") }
    #expect("\(error!)".contains("q.yaml:6"))
    let twice =
      "questions:\n  - {id: a, prompt: p, kind: number, answer: 1}\n  - {id: a, prompt: p, kind: number, answer: 2}\n"
    let duplicate = #expect(throws: CurriculumError.self) { try Quiz.parse(twice, file: "q.yaml") }
    #expect("\(duplicate!)".contains("q.yaml:3"))
  }
}
