import Curriculum
import Foundation
import Testing

@Suite("The path and the content root")
struct LearningPathTests {
  @Test("ten steps, looked up by number, slug or folder name")
  func lookup() throws {
    let path = LearningPath.standard
    #expect(path.count == 10)
    #expect(try path.resolve("3").slug == "basic-breaker")
    #expect(try path.resolve("03").number == 3)
    #expect(try path.resolve("basic-breaker").number == 3)
    #expect(try path.resolve("03-basic-breaker").number == 3)
    #expect(try path.resolve("Chaos").number == 10)
  }

  @Test("near misses suggest the closest slug")
  func suggestion() {
    #expect(throws: CurriculumError.unknownStep("basic-braker", suggestion: "basic-breaker")) {
      try LearningPath.standard.resolve("basic-braker")
    }
    #expect(throws: CurriculumError.unknownStep("11", suggestion: "10")) { try LearningPath.standard.resolve("11") }
    #expect(throws: CurriculumError.unknownStep("xyzzy", suggestion: nil)) {
      try LearningPath.standard.resolve("xyzzy")
    }
  }

  @Test("edit distance")
  func distance() {
    #expect(EditDistance.distance("check", "chek") == 1)
    #expect(EditDistance.distance("", "abc") == 3)
    #expect(EditDistance.closest(to: "sumbit", in: ["submit", "hint"]) == "submit")
    #expect(EditDistance.closest(to: "zzzzzz", in: ["submit", "hint"]) == nil)
  }

  @Test("CBLEARN_HOME wins; then the executable's ancestors; then the current directory's")
  func locate() throws {
    let found = try ContentRoot.locate(
      environment: ["CBLEARN_HOME": FixturePaths.content.path], executable: nil, currentDirectory: "/")
    #expect(found.url.path == FixturePaths.content.standardizedFileURL.path)
    let fromExe = try ContentRoot.locate(
      environment: [:], executable: FixturePaths.content.appendingPathComponent("bin/cblearn").path,
      currentDirectory: "/")
    #expect(fromExe.url.path == FixturePaths.content.standardizedFileURL.path)
    let fromCwd = try ContentRoot.locate(
      environment: [:], executable: "/nonexistent/cblearn",
      currentDirectory: FixturePaths.content.appendingPathComponent("exercises/01-cascade").path)
    #expect(fromCwd.url.path == FixturePaths.content.standardizedFileURL.path)
  }

  @Test("no content anywhere says to set CBLEARN_HOME")
  func notFound() {
    let error = #expect(throws: CurriculumError.self) {
      try ContentRoot.locate(environment: [:], executable: "/nonexistent/bin/cblearn", currentDirectory: "/proc")
    }
    #expect("\(error!)".contains("CBLEARN_HOME"))
    let bad = #expect(throws: CurriculumError.self) {
      try ContentRoot.locate(environment: ["CBLEARN_HOME": "/proc"], executable: nil, currentDirectory: "/")
    }
    #expect("\(bad!)".contains("CBLEARN_HOME"))
  }

  @Test("a step without content says it is not written yet")
  func notWritten() throws {
    let root = ContentRoot(url: FixturePaths.content)
    let step = try #require(LearningPath.standard.step(7))
    #expect(throws: CurriculumError.self) { try root.lesson(step) }
    #expect(!root.hasExercise(step))
  }
}
