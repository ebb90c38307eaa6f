import Foundation

/// Markdown that serves both tracks (a lesson, a task, a hint ladder), cut down to what one track's learner
/// reads. What belongs to a track, by its marks (docs/curriculum.md):
///
/// - a fenced block whose info string starts with `python` (or `py`) or `swift`;
/// - a heading whose text is exactly `Python` or `Swift`: the section up to the next heading of its level
///   or above;
/// - a paragraph or list item that starts with `Python:` or `Swift:` (plain or bold);
/// - an admonition whose title starts with `Python:` or `Swift:`;
/// - a table row whose first cell is `Python` or `Swift`.
///
/// A learner reads their own track's parts and the untagged ones. A reader without a track reads
/// everything, and each tagged code block gets a label naming its language.
public enum TrackText {
  /// `text` as a learner on `track` reads it (`nil`: both tracks, tagged code blocks labelled).
  public static func filter(_ text: String, for track: Track?) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var output: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        let end = fenceEnd(lines, from: index)
        let block = lines[index...end]
        if let tagged = Lesson.track(ofFence: line) {
          if let track {
            if tagged == track {
              output.append(contentsOf: block)
            } else {
              index = skipBlank(lines, after: end); continue
            }
          } else {
            // Inside an admonition the label keeps the block's indentation, so the admonition goes on.
            let indent = String(line.prefix(while: { $0 == " " }))
            if let last = output.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { output.append("") }
            output.append(indent + "\(tagged.displayName):")
            output.append("")
            output.append(contentsOf: block)
          }
        } else {
          output.append(contentsOf: block)
        }
        index = end + 1
        continue
      }
      guard let track, let (tagged, end, isParagraph) = taggedPart(lines, at: index) else {
        output.append(line)
        index += 1
        continue
      }
      if tagged == track {
        output.append(contentsOf: lines[index...end])
        index = end + 1
      } else {
        index = isParagraph ? skipBlank(lines, after: end) : end + 1
      }
    }
    return output.joined(separator: "\n")
  }

  /// The track a piece of prose names at its start (`Swift:`, `**Python:**`, `Swift` alone for headings).
  static func track(labelling text: String, alone: Bool = false) -> Track? {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    if rest.hasPrefix("**") { rest = rest.dropFirst(2) }
    for track in Track.allCases {
      let name = track.displayName
      if alone {
        if rest == name { return track }
      } else if rest.hasPrefix(name + ":") {
        return track
      }
    }
    return nil
  }

  /// The tagged part starting at `index`, if any: its track, its last line, and whether it is a paragraph
  /// (whose blank line after it goes with it when it is dropped).
  private static func taggedPart(_ lines: [String], at index: Int) -> (Track, Int, Bool)? {
    let line = lines[index]
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if let level = headingLevel(trimmed) {
      guard let track = track(labelling: String(trimmed.dropFirst(level + 1)), alone: true) else { return nil }
      var end = index + 1
      while end < lines.count {
        let next = lines[end].trimmingCharacters(in: .whitespaces)
        if next.hasPrefix("```") || next.hasPrefix("~~~") {
          end = fenceEnd(lines, from: end) + 1
          continue
        }
        if let other = headingLevel(next), other <= level { break }
        end += 1
      }
      return (track, end - 1, false)
    }
    if trimmed.hasPrefix("!!!") {
      guard let quote = trimmed.firstIndex(of: "\""),
        let track = track(labelling: String(trimmed[trimmed.index(after: quote)...]))
      else { return nil }
      var end = index + 1
      while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces).isEmpty || indentation(lines[end]) >= 4 {
        end += 1
      }
      while end > index + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
      return (track, end - 1, true)
    }
    if trimmed.hasPrefix("|") {
      let cell = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false).first ?? ""
      guard let track = track(labelling: String(cell), alone: true) else { return nil }
      return (track, index, false)
    }
    let previousBlank = index == 0 || lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty
    let (marker, text) = listItem(line)
    guard marker != nil || previousBlank, let track = track(labelling: text) else { return nil }
    var end = index + 1
    while end < lines.count {
      let next = lines[end]
      let nextTrimmed = next.trimmingCharacters(in: .whitespaces)
      if nextTrimmed.isEmpty || nextTrimmed.hasPrefix("```") || headingLevel(nextTrimmed) != nil { break }
      if marker != nil {
        if listItem(next).marker != nil, indentation(next) <= indentation(line) { break }
      }
      end += 1
    }
    return (track, end - 1, marker == nil)
  }

  /// The list marker (`- `, `* `, `1. `) a line starts with, and the text after it.
  private static func listItem(_ line: String) -> (marker: String?, text: String) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    for bullet in ["- ", "* ", "+ "] where trimmed.hasPrefix(bullet) {
      return (bullet, String(trimmed.dropFirst(2)))
    }
    let digits = trimmed.prefix(while: \.isNumber)
    if !digits.isEmpty, trimmed.dropFirst(digits.count).hasPrefix(". ") {
      return (String(digits) + ". ", String(trimmed.dropFirst(digits.count + 2)))
    }
    return (nil, trimmed)
  }

  /// The level of an ATX heading (`## Title` is 2).
  private static func headingLevel(_ trimmed: String) -> Int? {
    let hashes = trimmed.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(hashes), trimmed.dropFirst(hashes).hasPrefix(" ") else { return nil }
    return hashes
  }

  private static func indentation(_ line: String) -> Int { line.prefix(while: { $0 == " " }).count }

  /// The line that closes the fenced block opened at `start` (the last line when it is never closed).
  private static func fenceEnd(_ lines: [String], from start: Int) -> Int {
    let marker = lines[start].trimmingCharacters(in: .whitespaces).hasPrefix("~~~") ? "~~~" : "```"
    var end = start + 1
    while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix(marker) { end += 1 }
    return min(end, lines.count - 1)
  }

  /// The line after `end`, past one blank line that separated a dropped part from what follows.
  private static func skipBlank(_ lines: [String], after end: Int) -> Int {
    end + 1 < lines.count && lines[end + 1].trimmingCharacters(in: .whitespaces).isEmpty ? end + 2 : end + 1
  }
}
