/// The sliding window of recorded outcomes behind rate-based tripping (step 8) and slow-call rates (step 9).
///
/// A count window holds the last `size` outcomes. A time window holds exactly the outcomes recorded in
/// (now − size, now]: an outcome recorded at `t` counts until just before `t + size`.
public struct OutcomeWindow: Sendable, Equatable {
  /// One recorded outcome.
  public struct Entry: Sendable, Equatable {
    public var at: Double
    public var failed: Bool
    public var slow: Bool
  }

  public let kind: BreakerConfig.Window.Kind
  public let size: Double
  public private(set) var entries: [Entry] = []

  public init(kind: BreakerConfig.Window.Kind, size: Double) {
    self.kind = kind
    self.size = size
  }

  /// Records an outcome that ended at `now`.
  public mutating func add(failed: Bool, slow: Bool, at now: Double) {
    entries.append(Entry(at: now, failed: failed, slow: slow))
    evict(at: now)
  }

  /// Drops what no longer belongs to the window at `now`.
  public mutating func evict(at now: Double) {
    switch kind {
    case .count:
      let limit = max(1, Int(size))
      if entries.count > limit { entries.removeFirst(entries.count - limit) }
    case .time:
      entries.removeAll { $0.at <= now - size }
    }
  }

  /// Forgets every outcome (the breaker closed).
  public mutating func clear() { entries.removeAll() }

  /// The calls that must be recorded before any verdict: `minimum_calls`, capped by a count window's size.
  public func minimum(_ minimumCalls: Int) -> Int {
    max(1, kind == .count ? min(minimumCalls, max(1, Int(size))) : minimumCalls)
  }

  /// Whether the window's failure rate or slow-call rate opens the breaker at `now`.
  public mutating func exceeds(
    at now: Double, minimumCalls: Int, failureRate: Double, slowRate: Double?, comparison: Profile.Comparison
  ) -> Bool {
    evict(at: now)
    let total = entries.count
    guard total >= minimum(minimumCalls) else { return false }
    func over(_ count: Int, _ threshold: Double) -> Bool {
      let rate = Double(count) * 100 / Double(total)
      return comparison == .ge ? rate >= threshold : rate > threshold
    }
    if over(entries.filter(\.failed).count, failureRate) { return true }
    if let slowRate, over(entries.filter(\.slow).count, slowRate) { return true }
    return false
  }
}
