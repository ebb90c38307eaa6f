import Conformance
import Foundation
import Grading
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Grades the fixture class end to end and checks every output.
@Suite("Grading a class end to end", .serialized)
struct GradeClassTests {
  @Test("twenty-odd submissions: grades, CSV, JSON, JUnit, HTML, cache and determinism")
  func gradeClass() throws {
    let probe = try Sandbox.detect(mode: .auto, maxProcesses: 48)
    probe.cgroups?.remove()
    // The fork bomb only runs where its processes are capped (non-root, or root with a pids cgroup).
    let forkBomb = probe.processLimitBinds
    let fixture = try FixtureClass(forkBomb: forkBomb)
    defer { fixture.remove() }
    let options = TestSupport.options(fixture)
    let grader = try Grader(content: TestSupport.content, options: options)
    let grades = try grader.run()
    #expect(grades.count >= 20)
    let byStudent = Dictionary(grades.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
    for (student, outcome) in fixture.expected.sorted(by: { $0.key < $1.key }) {
      let grade = try #require(byStudent[student], "no grade for \(student)")
      #expect(grade.outcome == outcome, "\(student): \(grade.outcome) \(grade.message ?? "")")
    }
    for grade in grades where grade.student.hasPrefix("mutant-") {
      #expect(grade.outcome != "passed", "the mutant \(grade.student) passed")
    }
    #expect(byStudent["compile-error"]?.message?.contains("does not compile") == true)
    #expect(byStudent["import-crash"]?.message?.contains("boom at import") == true)
    #expect(byStudent["hang"]?.message?.contains("stopped after") == true, "\(byStudent["hang"]?.message ?? "")")
    #expect(byStudent["flood"]?.message?.contains("output limit") == true, "\(byStudent["flood"]?.message ?? "")")
    #expect(byStudent["liar"]?.message?.contains("protocol error") == true, "\(byStudent["liar"]?.message ?? "")")
    #expect(byStudent["ambiguous"]?.message?.contains("a.py, b.py") == true)
    #expect(byStudent["link-out"]?.message?.contains("leads out of the submission") == true)
    #expect(byStudent["workspace"]?.track == "python")
    #expect(byStudent["swift-solution-3"]?.score == byStudent["swift-solution-3"]?.maxScore)
    if forkBomb { #expect(byStudent["fork-bomb"]?.status == .error) }
    #expect(grades.map(\.student) == grades.map(\.student).sorted())
    #expect(NoLeftovers.processes(under: fixture.root).isEmpty, "processes left behind")

    let book = Gradebook(grades: grades, seed: options.seed)
    let written = try ReportWriter(out: fixture.out, formats: ReportFormat.allCases).write(book)
    #expect(!written.isEmpty)
    try OutputChecks.csv(fixture.out.appendingPathComponent("gradebook.csv"), book: book)
    try OutputChecks.exercism(fixture.out.appendingPathComponent("exercism"), book: book)
    try OutputChecks.gradescope(fixture.out.appendingPathComponent("gradescope"), book: book)
    try OutputChecks.junit(fixture.out.appendingPathComponent("junit.xml"), book: book)
    try OutputChecks.html(fixture.out, book: book)

    // A re-run reuses every stored result and gives the same grades.
    let again = try Grader(content: TestSupport.content, options: options)
    let cachedCount = CachedCounter()
    again.onGrade = { _, cached in if cached { cachedCount.add() } }
    let second = try again.run()
    #expect(second == grades)
    #expect(cachedCount.value == grades.count)
  }
}

/// Counts cached grades from the grader's callback.
final class CachedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
