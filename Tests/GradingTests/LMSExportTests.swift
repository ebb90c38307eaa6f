import Foundation
import Grading
import Testing

/// The files instructors import: Canvas and Moodle CSVs from a roster, reasons, a BOM, a safe key (16.9).
@Suite("LMS exports")
struct LMSExportTests {
  static let roster = """
    folder,name,canvas_id,sis_user_id,sis_login_id,section,email
    ann,"Lovelace, Ann",101,S-1,ann,A,ann@example.edu
    =cmd,Formula Fan,102,S-2,fan,A,fan@example.edu
    zed,Zed Absent,103,S-3,zed,B,zed@example.edu
    """

  @Test("one row per roster student with total and reason; unlisted folders named; BOM; a key escaping never alters")
  func exports() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-lms-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for student in ["ann", "=cmd", "-dash", "extra"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("submissions/\(student)"), withIntermediateDirectories: true)
    }
    try FileManager.default.copyItem(
      at: TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"),
      to: root.appendingPathComponent("submissions/ann/breaker.py"))
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.variants = 0
    options.seedCount = 1
    options.buildCache = TestSupport.buildCache
    let book = Gradebook(grades: try Grader(content: TestSupport.content, options: options).run(), seed: 1)
    let lms = LMSExport(roster: try Roster.parse(Self.roster, file: "roster.csv"), assignment: "Step 3", bom: true)
    #expect(lms.unlisted(book) == ["-dash", "extra"])
    let out = root.appendingPathComponent("out")
    try ReportWriter(out: out, formats: [.csv], lms: lms, bom: true).write(book)

    let canvasData = try Data(contentsOf: out.appendingPathComponent("lms/canvas.csv"))
    #expect(canvasData.starts(with: [0xEF, 0xBB, 0xBF]))
    let canvas = CSVReader.parse(String(decoding: canvasData.dropFirst(3), as: UTF8.self))
    #expect(canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Step 3", "Notes"])
    let maximum = String(try TestSupport.manifestMaximum(3))
    #expect(canvas[1][0] == "Points Possible" && canvas[1][5] == maximum)
    #expect(canvas[2] == ["Lovelace, Ann", "101", "S-1", "ann", "A", maximum, ""])
    #expect(canvas[3][5] == "0" && canvas[3][6].hasPrefix("step 3 missing: "))
    #expect(canvas[4][5] == "0" && canvas[4][6].hasPrefix("missing: no folder named zed"))
    let moodle = CSVReader.parse(
      String(decoding: try Data(contentsOf: out.appendingPathComponent("lms/moodle.csv")).dropFirst(3), as: UTF8.self))
    #expect(moodle[0] == ["Email address", "Username", "ID number", "Full name", "Step 3", "Feedback"])
    #expect(moodle.count == 4 && moodle[1][0] == "ann@example.edu" && moodle[1][4] == maximum)

    // gradebook.csv: the student cell is formula-escaped, the key column never is.
    let csv = CSVReader.parse(
      String(decoding: try Data(contentsOf: out.appendingPathComponent("gradebook.csv")).dropFirst(3), as: UTF8.self))
    #expect(csv[0].prefix(2) == ["student", "key"])
    for row in csv.dropFirst() {
      let key = row[1]
      #expect(!key.hasPrefix("'") && key.first.map { "=+-@".contains($0) } == false, "\(row)")
      #expect(book.students.contains { ResultStore.safeName($0.name) == key })
    }
    #expect(csv.contains { $0[0] == "'=cmd" })
  }

  @Test("roster errors name the file and line")
  func rosterErrors() throws {
    for (text, expected) in [
      ("name\nann\n", "roster.csv:1: the header has no `folder` column"),
      ("folder,colour\nann,red\n", "roster.csv:1: unknown column `colour`"),
      ("folder,name\nann\n", "roster.csv:2: 1 fields where the header has 2"),
      ("folder\nann\nann\n", "roster.csv:3: `ann` is already on line 2"),
    ] {
      #expect(throws: GradingError.self) { try Roster.parse(text, file: "roster.csv") }
      do { _ = try Roster.parse(text, file: "roster.csv") } catch {
        #expect("\(error)".hasPrefix(expected), "\(error)")
      }
    }
  }
}
