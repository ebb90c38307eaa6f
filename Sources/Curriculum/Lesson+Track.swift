import Foundation

/// Lessons carry code for both tracks: a fenced block whose info string is `python` or `swift` belongs to
/// that track. A learner reads only their own track's blocks; a reader without a track sees both, each
/// under a label naming its language.
extension Lesson {
  /// The lesson as a learner on `track` reads it (`nil`: no workspace, so both tracks, labelled).
  ///
  /// Blocks of the other track are dropped together with the blank line after them. Line numbers of the
  /// body therefore no longer match the file; validate the unfiltered lesson (`MarkdownRenderer.validate`).
  public func forTrack(_ track: Track?) -> Lesson {
    var copy = self
    copy.body = Lesson.filterCode(body, for: track)
    return copy
  }

  /// The track a fenced block's info string names (`python`, `py`, `swift`), if any.
  static func track(ofFence line: String) -> Track? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("```") else { return nil }
    let info = trimmed.dropFirst(3).split(separator: " ").first.map { String($0).lowercased() } ?? ""
    switch info {
    case "python", "py": return .python
    case "swift": return .swift
    default: return nil
    }
  }

  /// `text` with the other track's fenced blocks removed, or with every tagged block labelled.
  static func filterCode(_ text: String, for track: Track?) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var output: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      guard let tagged = Lesson.track(ofFence: line) else {
        output.append(line)
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
          // An untagged block: copy it whole, so that a fence inside it is not taken for a tagged one.
          index += 1
          while index < lines.count {
            output.append(lines[index])
            if lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") { break }
            index += 1
          }
        }
        index += 1
        continue
      }
      var end = index + 1
      while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
      let block = lines[index...min(end, lines.count - 1)]
      if let track {
        if tagged == track {
          output.append(contentsOf: block)
        } else if end + 1 < lines.count, lines[end + 1].trimmingCharacters(in: .whitespaces).isEmpty {
          end += 1  // the blank line that separated the dropped block from what follows
        }
      } else {
        if let last = output.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { output.append("") }
        output.append("\(tagged.displayName):")
        output.append("")
        output.append(contentsOf: block)
      }
      index = end + 1
    }
    return output.joined(separator: "\n")
  }
}
