/// Where the subject and the reference model parted ways.
public struct Divergence: Sendable, Codable, Equatable {
  /// The run (0-based) whose sequence diverged, and its length before shrinking.
  public var run: Int
  public var originalLength: Int
  /// The 1-based number of the diverging operation in `script`'s operations.
  public var step: Int
  /// The diverging operation's script line.
  public var operation: String
  /// What the model did, and what the subject did.
  public var expected: String
  public var observed: String
  /// The shrunk sequence as a replayable script (`docs/explore.md`).
  public var script: String
  /// The shrunk sequence's timeline on the subject and on the model, up to the divergence.
  public var subjectTrace: [TraceEntry]
  public var modelTrace: [TraceEntry]

  /// One line: `step 7 'finish A': expected success (invoked), OPEN; observed success (invoked), CLOSED`.
  public var message: String {
    "step \(step) '\(operation)': expected \(expected); observed \(observed)"
  }

  enum CodingKeys: String, CodingKey {
    case run, step, operation, expected, observed, script
    case originalLength = "original_length"
    case subjectTrace = "subject_trace"
    case modelTrace = "model_trace"
  }
}
