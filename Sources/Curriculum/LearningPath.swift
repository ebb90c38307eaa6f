import Foundation

/// One step of the path, as the path itself describes it (the content may add more).
public struct PathStep: Sendable, Equatable {
  public var number: Int
  public var slug: String
  public var title: String
  public var level: Level
  /// What the learner does, in one line.
  public var summary: String

  /// `03-basic-breaker`: the name of the step's lesson file and exercise folder.
  public var folderName: String { (number < 10 ? "0" : "") + "\(number)-\(slug)" }
}

/// The ten steps in order, looked up by number or slug.
public struct LearningPath: Sendable {
  public var steps: [PathStep]

  public init(steps: [PathStep]) { self.steps = steps }

  /// The path of `DESIGN.md`.
  public static let standard = LearningPath(steps: [
    PathStep(
      number: 1, slug: "cascade", title: "Why cascades happen", level: .beginner,
      summary: "Predict what the cascade simulator will show, then run it."),
    PathStep(
      number: 2, slug: "state-machine", title: "The state machine", level: .beginner,
      summary: "Complete the transitions between CLOSED, OPEN and HALF_OPEN."),
    PathStep(
      number: 3, slug: "basic-breaker", title: "The basic breaker", level: .beginner,
      summary: "Consecutive failures, a recovery timeout, CircuitOpenError."),
    PathStep(
      number: 4, slug: "stuck-open", title: "Stuck open", level: .beginner,
      summary: "Find and fix the reset bugs of a broken breaker; fail fast with is_open."),
    PathStep(
      number: 5, slug: "half-open", title: "Half-open trials", level: .production,
      summary: "Limited trial calls, thread safety, results of calls admitted before a trip."),
    PathStep(
      number: 6, slug: "fallbacks", title: "Fallbacks", level: .production,
      summary: "Fail fast and degrade gracefully; business errors never trip the breaker."),
    PathStep(
      number: 7, slug: "observability", title: "Observability", level: .production,
      summary: "State-change callbacks, metrics, one breaker per endpoint."),
    PathStep(
      number: 8, slug: "sliding-windows", title: "Sliding windows", level: .advanced,
      summary: "Count- and time-based windows, error-rate thresholds, minimum calls."),
    PathStep(
      number: 9, slug: "slow-calls-bulkhead", title: "Slow calls and bulkheads", level: .advanced,
      summary: "Slow-call rates, concurrency limits, retry with backoff."),
    PathStep(
      number: 10, slug: "chaos", title: "Chaos capstone", level: .advanced,
      summary: "Keep the site up inside the cascade simulator under injected faults."),
  ])

  /// How many steps there are.
  public var count: Int { steps.count }

  /// The step with this number.
  public func step(_ number: Int) -> PathStep? { steps.first { $0.number == number } }

  /// The step named by a number (`3`, `03`), a slug (`basic-breaker`) or a folder name (`03-basic-breaker`).
  public func resolve(_ text: String) throws -> PathStep {
    let name = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let number = Int(name), let step = step(number) { return step }
    if let step = steps.first(where: { $0.slug == name || $0.folderName == name }) { return step }
    let suggestion: String?
    if let number = Int(name) {
      suggestion = number > count ? String(count) : (number < 1 ? "1" : nil)
    } else {
      suggestion = EditDistance.closest(to: name, in: steps.map(\.slug))
    }
    throw CurriculumError.unknownStep(text, suggestion: suggestion)
  }
}
