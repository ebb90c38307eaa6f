import Curriculum
import Foundation

/// Compares a submitted file with the exercise's starter and reference solution, ignoring whitespace and
/// comments: an unchanged starter earns nothing by default, a copy of the reference is flagged.
public enum SourceMatch: String, Sendable, Codable, Equatable {
  /// The file is the step's starter of its track.
  case starterUnchanged = "starter-unchanged"
  /// The file is the step's reference solution of its track.
  case referenceSolution = "reference-solution"

  /// What the file matches, if anything.
  static func match(_ file: URL, exercise: Exercise?) -> SourceMatch? {
    guard let exercise, let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
    let swift = file.pathExtension.lowercased() == "swift"
    let track: Track = swift ? .swift : .python
    let mine = normalized(text, swift: swift)
    func same(_ url: URL?) -> Bool {
      guard let url, let other = try? String(contentsOf: url, encoding: .utf8) else { return false }
      return normalized(other, swift: swift) == mine
    }
    if same(exercise.starterURL(track)) { return .starterUnchanged }
    if same(exercise.solutionURL(track)) { return .referenceSolution }
    return nil
  }

  /// The source without comments (`#` in Python; `//` and `/* */` in Swift, outside string literals) and
  /// without any whitespace (inside strings too: re-wrapping a docstring changes nothing).
  static func normalized(_ text: String, swift: Bool) -> String {
    var out: [Character] = []
    let chars = Array(text)
    var index = 0
    var quote: Character?
    while index < chars.count {
      let char = chars[index]
      let next = index + 1 < chars.count ? chars[index + 1] : nil
      if let open = quote {
        if !char.isWhitespace { out.append(char) }
        if char == "\\", let next {
          out.append(next)
          index += 2
          continue
        }
        if char == open { quote = nil }
        index += 1
        continue
      }
      if char == "\"" || (!swift && char == "'") {
        quote = char
        out.append(char)
      } else if !swift && char == "#" || swift && char == "/" && next == "/" {
        while index < chars.count, chars[index] != "\n" { index += 1 }
        continue
      } else if swift && char == "/" && next == "*" {
        index += 2
        while index + 1 < chars.count, !(chars[index] == "*" && chars[index + 1] == "/") { index += 1 }
        index += 2
        continue
      } else if !char.isWhitespace {
        out.append(char)
      }
      index += 1
    }
    return String(out)
  }

  /// What the flag means, in words.
  public var note: String {
    switch self {
    case .starterUnchanged:
      "starter unchanged: the file is the step's starter (ignoring whitespace and comments), scored 0 "
        + "(the rubric's `starter_unchanged: grade` grades it instead)"
    case .referenceSolution:
      "identical to the reference solution (ignoring whitespace and comments): check how it was written"
    }
  }
}
