import Foundation

/// Writes a gradebook in the chosen formats into the output folder; returns the files written.
public struct ReportWriter: Sendable {
  public var out: URL
  public var formats: [ReportFormat]

  public init(out: URL, formats: [ReportFormat]) {
    self.out = out
    self.formats = formats
  }

  /// Writes every chosen format; each file atomically.
  @discardableResult
  public func write(_ book: Gradebook) throws -> [URL] {
    var written: [URL] = []
    func put(_ data: Data, _ path: String) throws {
      let url = out.appendingPathComponent(path)
      try ResultStore.writeAtomically(data, to: url)
      written.append(url)
    }
    if formats.contains(.csv) { try put(Data(CSVGradebook.render(book).utf8), "gradebook.csv") }
    if formats.contains(.json) {
      try put(try ResultStore.encoder.encode(GradesJSON(book)), "grades.json")
      for student in book.students {
        for grade in student.grades {
          try put(
            try ExercismResults.render(grade),
            "exercism/\(ResultStore.safeName(student.name))/\(grade.folderName)/results.json")
        }
      }
    }
    if formats.contains(.gradescope) {
      for student in book.students {
        try put(try GradescopeResults.render(student), "gradescope/\(ResultStore.safeName(student.name))/results.json")
      }
    }
    if formats.contains(.junit) { try put(Data(JUnitReport.render(book).utf8), "junit.xml") }
    if formats.contains(.html) {
      try put(Data(HTMLReport.index(book).utf8), "index.html")
      try put(try HTMLReport.indexJSON(book), "index.json")
      for student in book.students {
        try put(Data(HTMLReport.student(student).utf8), "students/\(ResultStore.safeName(student.name)).html")
      }
    }
    return written
  }
}

/// `grades.json`: every student's total and step grades.
struct GradesJSON: Encodable {
  struct Student: Encodable {
    var student: String
    var score: Int
    var maxScore: Int
    var passed: Bool
    var steps: [StepGrade]

    enum CodingKeys: String, CodingKey {
      case student, score, passed, steps
      case maxScore = "max_score"
    }
  }

  var suiteVersion: String
  var seed: UInt64
  var steps: [Int]
  var students: [Student]
  var sandbox: [String]
  var skipped: [SubmissionFinder.Skipped]
  /// The shards a partial merge lacked; nil for a complete gradebook.
  var missingShards: [String]?

  enum CodingKeys: String, CodingKey {
    case seed, steps, students, sandbox, skipped
    case suiteVersion = "suite_version"
    case missingShards = "missing_shards"
  }

  init(_ book: Gradebook) {
    suiteVersion = book.suiteVersion
    seed = book.seed
    steps = book.steps
    sandbox = book.sandboxes
    skipped = book.skipped
    missingShards = book.missingShards.isEmpty ? nil : book.missingShards
    students = book.students.map {
      Student(student: $0.name, score: $0.score, maxScore: $0.maxScore, passed: $0.passed, steps: $0.grades)
    }
  }
}
