/// Levenshtein distance and "did you mean" suggestions for commands, steps and slugs.
public enum EditDistance {
  /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
  public static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a.lowercased())
    let t = Array(b.lowercased())
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[t.count]
  }

  /// The candidate closest to `word`, if it is near enough to be a plausible typo (or `word` is its prefix).
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let lowered = word.lowercased()
    guard !lowered.isEmpty else { return nil }
    let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
    if prefixed.count == 1 { return prefixed[0] }
    let limit = max(1, min(3, lowered.count / 3 + 1))
    let scored = candidates.map { ($0, distance(lowered, $0)) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
  }
}
