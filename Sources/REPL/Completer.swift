import Foundation

/// Tab completion: command names, then step numbers and slugs, states, tracks or file paths by command.
public struct Completer: Sendable {
  /// What to insert and, when ambiguous, the candidates to list.
  public struct Completion: Sendable, Equatable {
    public var insertion: String
    public var candidates: [String]
  }

  public var commands: [String]
  public var steps: [String]
  /// The folder relative paths are completed from.
  public var directory: String

  public init(commands: [String], steps: [String], directory: String) {
    self.commands = commands
    self.steps = steps
    self.directory = directory
  }

  /// Completes the last word of `line` (the text before the cursor).
  public func complete(_ line: String) -> Completion {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let endsWithSpace = line.last == " "
    let current = endsWithSpace ? "" : (words.last ?? "")
    let position = endsWithSpace ? words.count : max(0, words.count - 1)
    let candidates: [String]
    if position == 0 {
      candidates = commands
    } else {
      switch words.first ?? "" {
      case "lesson", "goto", "reset", "exercise", "hint", "submit", "check": candidates = steps
      case "diagram": candidates = ["closed", "open", "half-open"]
      case "track": candidates = ["swift", "python"]
      default: return completePath(current)
      }
    }
    return finish(current, candidates.filter { $0.hasPrefix(current) }, addSpace: true)
  }

  /// Candidates laid out in columns that fit `width`, down then across (as `ls` does); a candidate wider
  /// than the width gets a line of its own.
  public static func layout(_ candidates: [String], width: Int) -> [String] {
    guard let widest = candidates.map(\.count).max() else { return [] }
    let cell = widest + 2
    let columns = max(1, min(candidates.count, (width + 2) / cell))
    let rows = (candidates.count + columns - 1) / columns
    return (0..<rows).map { row in
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < candidates.count else { break }
        let item = candidates[index]
        line += column == columns - 1 ? item : item.padding(toLength: cell, withPad: " ", startingAt: 0)
      }
      return String(line.reversed().drop { $0 == " " }.reversed())
    }
  }

  private func finish(_ word: String, _ matches: [String], addSpace: Bool) -> Completion {
    guard let first = matches.first else { return Completion(insertion: "", candidates: []) }
    if matches.count == 1 {
      let rest = String(first.dropFirst(word.count))
      return Completion(insertion: rest + (addSpace && !first.hasSuffix("/") ? " " : ""), candidates: matches)
    }
    var prefix = first
    for match in matches.dropFirst() {
      while !match.hasPrefix(prefix) { prefix.removeLast() }
    }
    return Completion(insertion: String(prefix.dropFirst(word.count)), candidates: matches)
  }

  private func completePath(_ word: String) -> Completion {
    let slash = word.lastIndex(of: "/")
    let folderPart = slash.map { String(word[...$0]) } ?? ""
    let namePart = slash.map { String(word[word.index(after: $0)...]) } ?? word
    let expanded = folderPart.hasPrefix("~") ? NSString(string: folderPart).expandingTildeInPath + "/" : folderPart
    let folder = expanded.hasPrefix("/") ? expanded : directory + "/" + expanded
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let matches = names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
      .map { name -> String in
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDir)
        return folderPart + name + (isDir.boolValue ? "/" : "")
      }
    return finish(word, matches, addSpace: true)
  }
}
