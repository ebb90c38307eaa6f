import Curriculum
import Foundation
import Subjects

/// What was found for one student and one step: a solution to run, nothing, or a layout to explain.
public struct Submission: Sendable, Equatable {
  /// What to run.
  public enum Source: Sendable, Equatable {
    /// A `.py` or `.swift` file.
    case file(URL)
    /// An executable named `run` that speaks the protocol (any language).
    case executable(URL)
    /// No solution for this step; the text says what was looked for.
    case missing(String)
    /// Several candidates and no rule to choose; the text lists them and says how to fix it.
    case ambiguous(String)
    /// Something was handed in that cannot be graded (a zip that is unsafe or unreadable, a broken notebook).
    case unusable(String)
  }

  /// The student's name: the name of their folder (or of their single file, without extension).
  public var student: String
  /// The student's folder (or their single file).
  public var root: URL
  public var step: PathStep
  public var source: Source
  /// How an ambiguity was resolved, shown in the grade.
  public var note: String?

  public init(student: String, root: URL, step: PathStep, source: Source, note: String? = nil) {
    self.student = student
    self.root = root
    self.step = step
    self.source = source
    self.note = note
  }

  /// The source as the checker takes it; nil when missing or ambiguous.
  public var subjectSource: SubjectSource? {
    switch source {
    case .file(let url): url.pathExtension.lowercased() == "swift" ? .swift(url) : .python(url)
    case .executable(let url): .exec(Submission.shellQuote(url.path))
    case .missing, .ambiguous, .unusable: nil
    }
  }

  /// The file that is graded, relative to the student's folder, for reports.
  public var relativePath: String? {
    switch source {
    case .file(let url), .executable(let url):
      let base = root.standardizedFileURL.path + "/"
      let path = url.standardizedFileURL.path
      return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
    case .missing, .ambiguous, .unusable: return nil
    }
  }

  /// The content hash of what is graded: the solution's folder, so helper modules count too.
  public var contentHash: String {
    var print = Fingerprint()
    switch source {
    case .file(let url), .executable(let url):
      print.add(url.lastPathComponent)
      if url.standardizedFileURL == root.standardizedFileURL {
        print.add(FileManager.default.contents(atPath: url.path) ?? Data())
      } else {
        print.addFolder(url.deletingLastPathComponent())
      }
    case .missing(let text), .ambiguous(let text), .unusable(let text):
      print.add(text)
    }
    return print.hex
  }

  /// Quotes a path for `/bin/sh`.
  static func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
