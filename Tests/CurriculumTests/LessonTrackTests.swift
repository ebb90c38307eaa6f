import Curriculum
import Testing

/// A learner reads their own track's code; a reader without a workspace sees both, labelled.
@Suite("Lesson code by track")
struct LessonTrackTests {
  static let text = """
    ---
    step: 3
    slug: basic-breaker
    title: The basic breaker
    level: beginner
    ---
    The comparison:
    ```python
    if waited < timeout:
    ```

    ```swift
    guard waited >= timeout else { throw CircuitOpenError() }
    ```

    In pseudocode:
    ```
    ```python (not a fence of a tagged block: inside an untagged one)
    ```
    """

  @Test("a track keeps its own blocks and the untagged ones, and drops the other track's")
  func ownTrack() throws {
    let lesson = try Lesson.parse(Self.text, file: "03-basic-breaker.md")
    let python = lesson.forTrack(.python).body
    #expect(python.contains("if waited < timeout:"))
    #expect(!python.contains("guard waited"))
    #expect(python.contains("```python (not a fence"))
    let swift = lesson.forTrack(.swift).body
    #expect(swift.contains("guard waited"))
    #expect(!swift.contains("if waited < timeout:"))
    #expect(!swift.contains("Python:"))
  }

  @Test("without a track both blocks stay, each under its language's label")
  func bothLabelled() throws {
    let body = try Lesson.parse(Self.text, file: "03-basic-breaker.md").forTrack(nil).body
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let python = try #require(lines.firstIndex(of: "Python:"))
    let swift = try #require(lines.firstIndex(of: "Swift:"))
    #expect(lines[python - 1].isEmpty && lines[python + 1].isEmpty && lines[python + 2] == "```python")
    #expect(lines[swift + 2] == "```swift")
    #expect(lines.filter { $0 == "Python:" || $0 == "Swift:" }.count == 2)
  }
}
