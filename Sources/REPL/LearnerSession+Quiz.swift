import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// `quiz`: asks the questions of step 1, checks each answer and explains it, then records the step.
  func quiz(_ target: PathStep? = nil) throws {
    let step = target ?? path.step(1) ?? currentStep
    let exercise = try workspace.content.exercise(step)
    let quiz = try exercise.quiz()
    console.line(console.style(quiz.title ?? "Prediction quiz: step \(step.number), \(exercise.manifest.title)", .bold))
    if let intro = quiz.intro { console.line(intro) }
    console.line("Predict before you read on; answers are checked with a tolerance. Empty answer skips.")
    var correct = 0
    for (index, question) in quiz.questions.enumerated() {
      console.line("")
      console.line("\(index + 1)/\(quiz.questions.count). \(question.prompt)")
      for (number, choice) in question.choices.enumerated() {
        console.line("   \(QuizQuestion.letter(number))) \(choice)")
      }
      var verdict: QuizVerdict = .incorrect
      var tries = 0
      while true {
        guard let answer = console.ask(question.kind == .choice ? "answer (letter):" : "answer:") else {
          console.line("Quiz stopped; type `quiz` to start again.")
          return
        }
        if answer.isEmpty { break }
        verdict = question.check(answer)
        guard case .unreadable(let help) = verdict, tries < 2 else { break }
        tries += 1
        console.line(help)
      }
      if verdict == .correct {
        correct += 1
        console.line(console.style("Right.", .bold, color: .green) + " \(question.answerText)")
      } else {
        console.line(console.style("Not quite.", .bold, color: .yellow) + " The answer: \(question.answerText)")
      }
      if !question.explanation.isEmpty { console.line(question.explanation) }
    }
    console.line("")
    console.line("You predicted \(correct) of \(quiz.questions.count) correctly.")
    record {
      $0.recordAttempt(
        step.number, score: correct, maxScore: quiz.questions.count, suiteVersion: nil, completed: true,
        stepCount: path.count)
    }
    console.line("Step \(step.number) is done. Type `simulate` to see the cascade for yourself, or `next` to continue.")
  }
}
