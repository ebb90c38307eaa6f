/// Why curriculum content could not be found or loaded; every message says what to do next.
public enum CurriculumError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No folder holding `lessons/` and `exercises/` was found.
  case contentNotFound(searched: [String])
  /// A file the curriculum needs does not exist.
  case missingFile(path: String, what: String)
  /// A file exists but breaks its format; `line` is 1-based when known.
  case malformed(file: String, line: Int?, problem: String, fix: String)
  /// A lesson's Markdown or `::: diagram` directive that cannot be drawn; `line` is the line in the file.
  case undrawableLesson(file: String, line: Int, message: String)
  /// A step named by the learner does not exist.
  case unknownStep(String, suggestion: String?)
  /// A step of the path has no content yet.
  case stepNotWritten(step: Int, slug: String, path: String)

  public var description: String {
    switch self {
    case .contentNotFound(let searched):
      let places = searched.isEmpty ? "" : " (looked in: \(searched.joined(separator: ", ")))"
      return "could not find the cblearn content (the folder holding lessons/ and exercises/)\(places); "
        + "set CBLEARN_HOME to that folder, for example `export CBLEARN_HOME=/path/to/cblearn`"
    case .missingFile(let path, let what):
      return "\(path): \(what) is missing; restore it from the cblearn sources or set CBLEARN_HOME to a complete copy"
    case .malformed(let file, let line, let problem, let fix):
      let place = line.map { "\(file):\($0)" } ?? file
      return "\(place): \(problem); \(fix)"
    case .undrawableLesson(let file, let line, let message):
      return "\(file):\(line): \(message)"
    case .unknownStep(let text, let suggestion):
      let hint = suggestion.map { "did you mean `\($0)`? " } ?? ""
      return "no step `\(text)` on the path; \(hint)run `path` to see the ten steps (numbers 1-10 or slugs)"
    case .stepNotWritten(let step, let slug, let path):
      return "step \(step) (\(slug)) has no content yet (\(path) does not exist); update cblearn or pick another step"
    }
  }
}
