import Conformance
import Foundation

/// `OUT/manifest.json`: every report file of the run with its content hash, so that what is in `--out` is
/// known to come from one run. Reports are byte-identical run to run: the one file with wall-clock
/// measurements is `timing.json`, listed without a hash.
public struct ReportManifest: Codable, Equatable, Sendable {
  /// The formats written.
  public var formats: [String]
  /// Path inside `--out` → content hash (empty for `timing.json`).
  public var files: [String: String]
  public var students: Int
  public var steps: [Int]

  static let name = "manifest.json"
  static let timing = "timing.json"

  /// Top-level files and folders of `--out` that reports own: whatever of them a run did not write is removed.
  static let reportFiles = [
    "gradebook.csv", "grades.json", "junit.xml", "index.html", "index.json", "class.html", "checks.csv", timing,
  ]
  static let reportFolders = ["exercism", "gradescope", "students", "lms"]

  /// The report files present in `out` now (from any earlier run), relative paths.
  static func existing(in out: URL) -> Set<String> {
    let fm = FileManager.default
    var found = Set<String>()
    for name in reportFiles where fm.fileExists(atPath: out.appendingPathComponent(name).path) { found.insert(name) }
    for folder in reportFolders {
      let base = out.appendingPathComponent(folder)
      guard let walker = fm.enumerator(atPath: base.path) else { continue }
      while let path = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory),
          !isDirectory.boolValue
        {
          found.insert("\(folder)/\(path)")
        }
      }
    }
    return found
  }

  /// Removes the report files of earlier runs that this run does not write, and folders left empty.
  static func removeStale(in out: URL, keeping written: Set<String>) {
    let fm = FileManager.default
    for path in existing(in: out).subtracting(written) { try? fm.removeItem(at: out.appendingPathComponent(path)) }
    for folder in reportFolders {
      let base = out.appendingPathComponent(folder)
      // Deepest first, so a folder emptied by removing its last child goes too.
      let paths = ((fm.enumerator(atPath: base.path)?.allObjects as? [String]) ?? []).sorted { $0.count > $1.count }
      for path in paths + [""] {
        let url = path.isEmpty ? base : base.appendingPathComponent(path)
        if (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? fm.removeItem(at: url) }
      }
    }
  }
}

/// `OUT/timing.json`: how long each grade and check took (wall clock), the only part of a run that varies.
struct TimingFile: Encodable {
  struct Entry: Encodable {
    var student: String
    var step: Int
    var durationMs: Double
    var checks: [String: Double]

    enum CodingKeys: String, CodingKey {
      case student, step, checks
      case durationMs = "duration_ms"
    }
  }

  var grades: [Entry]

  init(_ book: Gradebook) {
    grades = book.students.flatMap(\.grades).map { grade in
      Entry(
        student: grade.student, step: grade.step, durationMs: grade.durationMs.rounded(),
        checks: Dictionary(grade.checks.map { ($0.id, $0.durationMs.rounded()) }) { first, _ in first })
    }
  }
}

extension Gradebook {
  /// The same gradebook with every wall-clock duration set to 0 (they go to `timing.json` instead).
  var withoutTimings: Gradebook {
    var book = self
    for student in book.students.indices {
      for grade in book.students[student].grades.indices {
        book.students[student].grades[grade].durationMs = 0
        for check in book.students[student].grades[grade].checks.indices {
          book.students[student].grades[grade].checks[check].durationMs = 0
        }
      }
    }
    return book
  }
}
