import Curriculum
import Foundation
import Testing

@Suite("Hints")
struct HintsTests {
  @Test("three levels in order; headings inside code blocks are text")
  func loadsFixture() throws {
    let hints = try Hints.load(
      from: FixturePaths.content.appendingPathComponent("exercises/03-basic-breaker/hints.md"))
    #expect(hints.levels.map(\.title) == ["Nudge", "Idea", "Nearly the code"])
    #expect(hints.levels[1].text.contains("## not a heading inside code"))
    #expect(hints.levels[0].line == 3)
  }

  @Test(
    "missing, unknown and out-of-order levels are located",
    arguments: [
      ("## Nudge\na\n## Idea\nb\n", nil as Int?, "`## Nearly the code` is missing"),
      ("## Nudge\na\n## Solution\nb\n", 3, "unknown hint level"),
      ("## Idea\na\n## Nudge\nb\n## Nearly the code\nc\n", 1, "expected `## Nudge`"),
      ("## Nudge\n\n## Idea\nb\n## Nearly the code\nc\n", 1, "is empty"),
    ])
  func malformed(text: String, line: Int?, fragment: String) {
    let error = #expect(throws: CurriculumError.self) { try Hints.parse(text, file: "hints.md") }
    guard case .malformed(_, let found, _, _)? = error else { Issue.record("not malformed"); return }
    #expect(found == line)
    #expect("\(error!)".contains(fragment), "\(error!)")
  }
}
