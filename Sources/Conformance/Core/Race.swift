/// What a `race` request showed: calls released on many threads at once behind a barrier (feature `race`).
///
/// Every call's operation, once entered, waits until each call of the race has entered its operation or
/// returned (or the grace has passed), so the calls that run are inside at the same time; then each ends
/// with the race's outcome.
public struct RaceReply: Sendable, Equatable {
  /// What each call's caller saw, in thread order.
  public var results: [CallResult]
  /// How many calls ran their operation.
  public var entered: Int
  /// The most operations inside at the same moment.
  public var peak: Int

  public init(results: [CallResult], entered: Int, peak: Int) {
    self.results = results
    self.entered = entered
    self.peak = peak
  }

  /// How many calls ended with `result`.
  public func count(_ result: CallResult) -> Int { results.filter { $0 == result }.count }
}
