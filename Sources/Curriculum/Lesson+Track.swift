import Foundation

/// Lessons carry code and asides for both tracks (`TrackText` says how they are marked). A learner reads
/// only their own track's; a reader without a track sees both, each code block under a label naming its
/// language.
extension Lesson {
  /// The lesson as a learner on `track` reads it (`nil`: no workspace, so both tracks, labelled).
  ///
  /// Parts of the other track are dropped together with the blank line after them. Line numbers of the
  /// body therefore no longer match the file; validate the unfiltered lesson (`MarkdownRenderer.validate`).
  public func forTrack(_ track: Track?) -> Lesson {
    var copy = self
    copy.body = TrackText.filter(body, for: track)
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
}
