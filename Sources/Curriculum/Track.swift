/// The language a learner writes their breaker in.
public enum Track: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  case swift
  case python

  /// The track of a solution file, from its extension (`.swift`, `.py`).
  public init?(fileExtension: String) {
    switch fileExtension.lowercased() {
    case "swift": self = .swift
    case "py": self = .python
    default: return nil
    }
  }

  /// The name shown to learners: `Swift`, `Python`.
  public var displayName: String { self == .swift ? "Swift" : "Python" }

  public var description: String { rawValue }
}
