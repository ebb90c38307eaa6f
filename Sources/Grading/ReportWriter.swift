import Foundation

/// Writes a gradebook in the chosen formats into the output folder; returns the files written.
public struct ReportWriter: Sendable {
  public var out: URL
  public var formats: [ReportFormat]
  /// The Canvas and Moodle files, when a roster was given.
  public var lms: LMSExport?
  /// Start CSV files with a UTF-8 byte-order mark.
  public var bom = false

  public init(out: URL, formats: [ReportFormat], lms: LMSExport? = nil, bom: Bool = false) {
    self.out = out
    self.formats = formats
    self.lms = lms
    self.bom = bom
  }

  /// Writes every chosen format, each file atomically, then `timing.json` and `manifest.json`; removes the
  /// report files of earlier runs that this one did not write, so everything in `out` comes from this run.
  @discardableResult
  public func write(_ timed: Gradebook) throws -> [URL] {
    let book = timed.withoutTimings
    var files: [(path: String, data: Data)] = []
    func put(_ data: Data, _ path: String) { files.append((path, data)) }
    if formats.contains(.csv) { put(Data(((bom ? "\u{FEFF}" : "") + CSVGradebook.render(book)).utf8), "gradebook.csv") }
    if formats.contains(.csv) { put(Data(ClassSummary(book).csv(bom: bom).utf8), "checks.csv") }
    if let lms {
      put(Data(lms.canvas(book).utf8), "lms/canvas.csv")
      put(Data(lms.moodle(book).utf8), "lms/moodle.csv")
    }
    if formats.contains(.json) {
      put(try ResultStore.encoder.encode(GradesJSON(book)), "grades.json")
      for student in book.students {
        for grade in student.grades {
          put(
            try ExercismResults.render(grade),
            "exercism/\(ResultStore.safeName(student.name))/\(grade.folderName)/results.json")
        }
      }
    }
    if formats.contains(.gradescope) {
      for student in book.students {
        put(try GradescopeResults.render(student), "gradescope/\(ResultStore.safeName(student.name))/results.json")
      }
    }
    if formats.contains(.junit) { put(Data(JUnitReport.render(book).utf8), "junit.xml") }
    if formats.contains(.html) {
      put(Data(HTMLReport.index(book).utf8), "index.html")
      put(Data(HTMLReport.classPage(book).utf8), "class.html")
      put(try HTMLReport.indexJSON(book), "index.json")
      for student in book.students {
        put(Data(HTMLReport.student(student).utf8), "students/\(ResultStore.safeName(student.name)).html")
      }
    }
    guard !files.isEmpty else {
      ReportManifest.removeStale(in: out, keeping: [])
      try? FileManager.default.removeItem(at: out.appendingPathComponent(ReportManifest.name))
      return []
    }
    put(try ResultStore.encoder.encode(TimingFile(timed)), ReportManifest.timing)
    var hashes: [String: String] = [:]
    for file in files {
      var print = Fingerprint()
      print.add(file.data)
      hashes[file.path] = file.path == ReportManifest.timing ? "" : print.hex
    }
    ReportManifest.removeStale(in: out, keeping: Set(files.map(\.path)))
    var written: [URL] = []
    for file in files {
      let url = out.appendingPathComponent(file.path)
      try ResultStore.writeAtomically(file.data, to: url)
      written.append(url)
    }
    let manifest = ReportManifest(
      formats: formats.map(\.rawValue), files: hashes, students: book.students.count, steps: book.steps)
    let url = out.appendingPathComponent(ReportManifest.name)
    try ResultStore.writeAtomically(try ResultStore.encoder.encode(manifest), to: url)
    return written + [url]
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
