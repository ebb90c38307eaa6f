import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Each grade as a JSON file under `OUT/results/STUDENT/NN-slug.json`, written atomically as soon as it is
/// known: the results cache of a re-run and the resume point of an interrupted one.
public struct ResultStore: Sendable {
  public let folder: URL

  public init(out: URL) { folder = out.appendingPathComponent("results") }

  /// A file-system-safe form of a student's name (letters, digits, `.`, `-`, `_`; others become `_`). A name
  /// that had to change gets a short hash of the original as a suffix, so `x y`, `x?y` and `x_y` never share
  /// a file.
  public static func safeName(_ student: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
    var name = String(student.map { allowed.contains($0) ? $0 : "_" })
    // Never a leading `.` (hidden) or `-` (an option, and a formula to spreadsheets): the name is also the
    // join key of gradebook.csv, which formula-escaping must never alter.
    if name.isEmpty || name.hasPrefix(".") || name.hasPrefix("-") { name = "_" + name }
    guard name != student else { return name }
    var print = Fingerprint()
    print.add(student)
    return name + "-" + String(print.hex.prefix(6))
  }

  func url(student: String, folderName: String) -> URL {
    folder.appendingPathComponent(Self.safeName(student)).appendingPathComponent(folderName + ".json")
  }

  /// The stored grade, if any and readable.
  public func load(student: String, folderName: String) -> StepGrade? {
    guard let data = FileManager.default.contents(atPath: url(student: student, folderName: folderName).path) else {
      return nil
    }
    return try? JSONDecoder().decode(StepGrade.self, from: data)
  }

  /// Stores a grade: a temporary file in the same folder, then a rename.
  public func save(_ grade: StepGrade) throws {
    let target = url(student: grade.student, folderName: grade.folderName)
    try Self.writeAtomically(try Self.encoder.encode(grade), to: target)
  }

  /// Every grade stored in the folder.
  public func all() -> [StepGrade] {
    let fm = FileManager.default
    var grades: [StepGrade] = []
    for student in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
      let dir = folder.appendingPathComponent(student)
      for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where name.hasSuffix(".json") {
        if let data = fm.contents(atPath: dir.appendingPathComponent(name).path),
          let grade = try? JSONDecoder().decode(StepGrade.self, from: data)
        {
          grades.append(grade)
        }
      }
    }
    return grades
  }

  /// Pretty JSON with sorted keys: the same grade always gives the same bytes.
  public static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// Writes `data` to a temporary file beside `url`, then renames it over `url`.
  public static func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let temporary = folder.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
      )
      try data.write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw GradingError.cannotWrite(path: url.path, reason: reason)
      }
    } catch let error as GradingError {
      throw error
    } catch {
      throw GradingError.cannotWrite(path: url.path, reason: error.localizedDescription)
    }
  }
}
