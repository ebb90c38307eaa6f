import Curriculum
import Foundation
import Testing

@Suite("Lessons")
struct LessonTests {
  @Test("a fixture lesson loads with its front matter and body")
  func loadsFixture() throws {
    let root = ContentRoot(url: FixturePaths.content)
    let step = try #require(LearningPath.standard.step(3))
    let lesson = try root.lesson(step)
    #expect(lesson.step == 3)
    #expect(lesson.slug == "basic-breaker")
    #expect(lesson.level == .beginner)
    #expect(lesson.minutes == 25)
    #expect(lesson.prerequisites == ["state-machine"])
    #expect(lesson.related == ["timeout", "retry-backoff"])
    #expect(lesson.checks == ["basic.trip-at-threshold"])
    #expect(lesson.body.contains("Five failures in a row"))
    #expect(lesson.bodyLine == 11)
  }

  @Test("an unknown level names the file and line")
  func badLevel() {
    let text = "---\nstep: 3\nslug: basic-breaker\ntitle: T\nlevel: expert\n---\nbody\n"
    let error = #expect(throws: CurriculumError.self) { try Lesson.parse(text, file: "lessons/03-basic-breaker.md") }
    guard case .malformed(let file, let line, _, _)? = error else { Issue.record("not malformed"); return }
    #expect(file == "lessons/03-basic-breaker.md")
    #expect(line == 5)
    #expect("\(error!)".contains("lessons/03-basic-breaker.md:5"))
    #expect("\(error!)".contains("beginner, production or advanced"))
  }

  @Test("missing front matter, unclosed front matter and YAML syntax errors are located")
  func structuralErrors() {
    let cases: [(String, Int)] = [
      ("# no front matter\n", 1),
      ("---\nstep: 3\n", 1),
      ("---\nstep: 3\nslug: [unclosed\n---\n", 4),
    ]
    for (text, expected) in cases {
      let error = #expect(throws: CurriculumError.self) { try Lesson.parse(text, file: "x.md") }
      guard case .malformed(_, let line, _, _)? = error else { Issue.record("not malformed: \(text)"); continue }
      #expect(line == expected, "\(text)")
    }
  }

  @Test("an unknown key suggests the closest one, on its line")
  func unknownKey() {
    let text = "---\nstep: 3\nslug: s\ntitle: T\nlevel: beginner\nprerequisits: [a]\n---\n"
    let error = #expect(throws: CurriculumError.self) { try Lesson.parse(text, file: "l.md") }
    #expect("\(error!)".contains("l.md:6"))
    #expect("\(error!)".contains("did you mean `prerequisites`"))
  }

  @Test("the file name must agree with the step and slug")
  func fileNameAgreement() {
    let text = "---\nstep: 4\nslug: basic-breaker\ntitle: T\nlevel: beginner\n---\n"
    let error = #expect(throws: CurriculumError.self) { try Lesson.parse(text, file: "/x/lessons/03-basic-breaker.md") }
    #expect("\(error!)".contains(":2:"))
    #expect("\(error!)".contains("step: 3"))
  }

  @Test("a step that must be a number says so")
  func stepNotNumber() {
    let text = "---\nstep: three\nslug: s\ntitle: T\nlevel: beginner\n---\n"
    let error = #expect(throws: CurriculumError.self) { try Lesson.parse(text, file: "l.md") }
    #expect("\(error!)".contains("l.md:2"))
    #expect("\(error!)".contains("whole number"))
  }
}
