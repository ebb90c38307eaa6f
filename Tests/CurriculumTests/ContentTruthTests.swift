import Curriculum
import Foundation
import Testing

/// Content errors that tell the truth: the file, the line and what is wrong, never "missing".
@Suite("Content errors name the file and line")
struct ContentTruthTests {
  /// A throwaway content root holding a copy of the real step 3 exercise and lesson.
  struct Copy {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-content-\(UUID().uuidString)")
    var manifest: URL { root.appendingPathComponent("exercises/03-basic-breaker/exercise.yaml") }
    var lesson: URL { root.appendingPathComponent("lessons/03-basic-breaker.md") }

    init() throws {
      let fm = FileManager.default
      for folder in ["exercises/03-basic-breaker", "lessons"] {
        try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
      }
      let real = FixturePaths.packageRoot
      try fm.copyItem(at: real.appendingPathComponent("exercises/03-basic-breaker/exercise.yaml"), to: manifest)
      try fm.copyItem(at: real.appendingPathComponent("lessons/03-basic-breaker.md"), to: lesson)
    }

    var content: ContentRoot { ContentRoot(url: root) }
    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch { return "\(error)" }
  }

  let step = LearningPath.standard.step(3)!

  @Test("an exercise.yaml whose step disagrees with its folder")
  func stepDisagrees() throws {
    let copy = try Copy()
    defer { copy.remove() }
    let text = try String(contentsOf: copy.manifest, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "step: 3\n", with: "step: 4\n").utf8).write(to: copy.manifest)
    let text2 = message { _ = try copy.content.exercise(step) }
    #expect(
      text2.contains("exercise.yaml:1: `step: 4` disagrees with its place, 03-basic-breaker (step 3)"), "\(text2)")
  }

  @Test("binary and non-UTF-8 content files: the line of the first bad byte, not 'missing'")
  func binaryAndNotUTF8() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try Data("step: 3\nslug: basic-breaker\nti\u{0}tle: x\n".utf8).write(to: copy.manifest)
    let binary = message { _ = try copy.content.exercise(step) }
    #expect(binary.contains("exercise.yaml:3: the file is binary"), "\(binary)")
    #expect(!binary.contains("missing"))
    var latin1 = Data("---\nstep: 3\n".utf8)
    latin1.append(contentsOf: [0x74, 0xE9, 0x74, 0x65, 0x0A])
    try latin1.write(to: copy.lesson)
    let notUTF8 = message { _ = try copy.content.lesson(step) }
    #expect(notUTF8.contains("03-basic-breaker.md:3: the file is not valid UTF-8 text"), "\(notUTF8)")
  }

  @Test("a lesson naming an unknown check, with the closest id")
  func unknownCheck() throws {
    let copy = try Copy()
    defer { copy.remove() }
    let text = try String(contentsOf: copy.lesson, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "basic.trip-at-threshold,", with: "basic.trip-at-thresold,").utf8)
      .write(to: copy.lesson)
    let error = message { _ = try copy.content.lesson(step) }
    #expect(error.contains("`checks` names `basic.trip-at-thresold`, which is not a check"), "\(error)")
    #expect(error.contains("did you mean `basic.trip-at-threshold`?"))
    #expect(error.contains("03-basic-breaker.md:"))
  }
}

/// Quiz answers and tolerances given hostile numbers: never a trap, never a correct answer.
@Suite("Quiz numbers")
struct QuizNumberTests {
  @Test("huge, negative, NaN and infinite answers are judged, not trapped on")
  func hostileAnswers() throws {
    let quiz = try Quiz.load(from: FixturePaths.content.appendingPathComponent("exercises/01-cascade/quiz.yaml"))
    for question in quiz.questions {
      for answer in [
        "1e308", "-1e308", "nan", "inf", "-inf", "99999999999999999999999", "-0", "1e-400",
        "9223372036854775807", "-9223372036854775808", "0x7f",
      ] {
        #expect(question.check(answer) != .correct, "\(answer) accepted")
      }
    }
  }

  @Test("a tolerance that is NaN, infinite or negative is an error with its line")
  func hostileTolerance() throws {
    for tolerance in [".nan", ".inf", "-1", "{relative: .nan}", "{absolute: -.inf}", "1e999%"] {
      let text = """
        questions:
          - id: q
            prompt: How long?
            kind: number
            answer: 4
            tolerance: \(tolerance)
        """
      do {
        _ = try Quiz.parse(text, file: "quiz.yaml")
        Issue.record("tolerance \(tolerance) accepted")
      } catch {
        #expect("\(error)".contains("quiz.yaml:6: the tolerance cannot be read"), "\(error)")
      }
    }
  }
}
