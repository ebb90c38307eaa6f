import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// `quiz`: asks the questions of step 1, checks each answer and explains it, then records the step.
  ///
  /// Ctrl-C (or the end of input) leaves the quiz; the answers given so far are kept for this session and
  /// the next `quiz` goes on from the first question not answered yet.
  func quiz(_ target: PathStep? = nil) throws {
    let step = target ?? path.step(1) ?? currentStep
    let exercise = try workspace.content.exercise(step)
    let quiz = try exercise.quiz()
    let answered = quiz.questions.filter { quizAnswers[$0.id] != nil }.count
    console.line(console.style(quiz.title ?? "Prediction quiz: step \(step.number), \(exercise.manifest.title)", .bold))
    if answered > 0 {
      console.line("Going on from question \(answered + 1): \(answered) of \(quiz.questions.count) answered already.")
    } else {
      if let intro = quiz.intro { console.lines(paragraph(intro)) }
      console.lines(
        paragraph(
          "Predict before you read on; answers are checked with a tolerance. Empty answer skips, Ctrl-C leaves."))
    }
    for (index, question) in quiz.questions.enumerated() where quizAnswers[question.id] == nil {
      console.line("")
      console.lines(paragraph(question.prompt, prefix: "\(index + 1)/\(quiz.questions.count). "))
      for (number, choice) in question.choices.enumerated() {
        console.lines(paragraph(choice, prefix: "   \(QuizQuestion.letter(number))) "))
      }
      guard let verdict = ask(question) else {
        let kept = quizAnswers.count
        console.line("")
        console.line(
          "Quiz left\(kept > 0 ? " with \(kept) answer\(kept == 1 ? "" : "s") kept" : ""); type `quiz` to go on.")
        return
      }
      quizAnswers[question.id] = verdict
      if verdict == .correct {
        console.lines(paragraph(console.style("Right.", .bold, color: .green) + " " + question.answerText))
      } else {
        console.lines(
          paragraph(console.style("Not quite.", .bold, color: .yellow) + " The answer: " + question.answerText))
      }
      if !question.explanation.isEmpty { console.lines(paragraph(question.explanation)) }
    }
    let correct = quiz.questions.filter { quizAnswers[$0.id] == .correct }.count
    quizAnswers = [:]
    console.line("")
    console.line("You predicted \(correct) of \(quiz.questions.count) correctly.")
    record {
      $0.recordAttempt(
        step.number, score: correct, maxScore: quiz.questions.count, suiteVersion: nil, completed: true,
        stepCount: path.count)
    }
    console.line("Step \(step.number) is done. Type `simulate` to see the cascade for yourself, or `next` to continue.")
  }

  /// Reads an answer to `question`, asking again (twice) when it cannot be read; `nil` when the learner
  /// leaves with Ctrl-C or the input ends. An empty answer counts as not answered correctly.
  private func ask(_ question: QuizQuestion) -> QuizVerdict? {
    var tries = 0
    while true {
      switch console.answer(question.kind == .choice ? "answer (letter):" : "answer:") {
      case .interrupted, .end: return nil
      case .line(let answer):
        if answer.isEmpty { return .incorrect }
        let verdict = question.check(answer)
        guard case .unreadable(let help) = verdict, tries < 2 else {
          if case .unreadable = verdict { return .incorrect }
          return verdict
        }
        tries += 1
        console.line(help)
      }
    }
  }
}
