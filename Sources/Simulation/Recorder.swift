import Conformance
import Histogram

/// How a page request ended.
enum PageOutcome: Int, CaseIterable {
  case served, degraded, webRefused, gatewayRefused, gatewayTimeout, dependencyFailed, userGaveUp

  var isServed: Bool { self == .served || self == .degraded }

  /// The name used in reports and JSON.
  var label: String {
    switch self {
    case .served: "served"
    case .degraded: "degraded"
    case .webRefused: "web-refused"
    case .gatewayRefused: "gateway-refused"
    case .gatewayTimeout: "gateway-timeout"
    case .dependencyFailed: "dependency-failed"
    case .userGaveUp: "user-gave-up"
    }
  }
}

/// Collects the figures of a run as it happens: pages by arrival second, answers by completion second,
/// latency histograms, and what each service's demands got.
struct Recorder {
  let seconds: Int
  /// [page kind][arrival second]
  var pageTotal: [[Int32]]
  var pageServed: [[Int32]]
  var pageDegraded: [Int]
  /// [completion second]
  var served: [Int32]
  var failed: [Int32]
  var p50Ms: [Double]
  var p99Ms: [Double]
  private var secondHistogram = Histogram<UInt32>(
    lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: .two)
  private var histogramSecond = 0
  /// Response times of served pages, per kind (µs).
  var pageHistograms: [Histogram<UInt64>]
  /// Response times of every answer (µs).
  var allHistogram: Histogram<UInt64>
  var outcomes = Array(repeating: 0, count: PageOutcome.allCases.count)
  /// [service][second the gateway started the page]
  var demands: [[Int32]]
  var live: [[Int32]]
  var fast: [[Int32]]
  var rejected: [Int]
  var timeouts: [Int]
  var errors: [Int]
  /// [service][second]: 0 closed, 1 half-open, 2 open (the worst seen in the second).
  var strips: [[UInt8]]
  var openedAt: [Double?]
  var transitions: [Int]

  init(seconds: Int, pages: Int, services: Int) {
    self.seconds = seconds
    let zeros = Array(repeating: Int32(0), count: seconds)
    pageTotal = Array(repeating: zeros, count: pages)
    pageServed = pageTotal
    pageDegraded = Array(repeating: 0, count: pages)
    served = zeros
    failed = zeros
    p50Ms = Array(repeating: 0, count: seconds)
    p99Ms = p50Ms
    let histogram = Histogram<UInt64>(
      lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    pageHistograms = Array(repeating: histogram, count: pages)
    allHistogram = histogram
    demands = Array(repeating: zeros, count: services)
    live = demands
    fast = demands
    rejected = Array(repeating: 0, count: services)
    timeouts = rejected
    errors = rejected
    strips = Array(repeating: Array(repeating: 0, count: seconds), count: services)
    openedAt = Array(repeating: nil, count: services)
    transitions = rejected
  }

  /// A page request ended at `now` (calls come in time order).
  mutating func page(kind: Int, arrival: Double, now: Double, outcome: PageOutcome) {
    outcomes[outcome.rawValue] += 1
    let born = Int(arrival)
    if born < seconds {
      pageTotal[kind][born] += 1
      if outcome.isServed { pageServed[kind][born] += 1 }
    }
    if outcome == .degraded { pageDegraded[kind] += 1 }
    let micros = UInt64(max(1, ((now - arrival) * 1_000_000).rounded()))
    _ = allHistogram.record(micros)
    if outcome.isServed { _ = pageHistograms[kind].record(micros) }
    let second = Int(now)
    guard second < seconds else { return }
    flushLatency(upTo: second)
    if outcome.isServed { served[second] += 1 } else { failed[second] += 1 }
    _ = secondHistogram.record(max(1, min(3_600_000, (micros + 500) / 1000)))
  }

  /// Closes the per-second latency histograms of the seconds before `second`.
  mutating func flushLatency(upTo second: Int) {
    while histogramSecond < min(second, seconds) {
      if secondHistogram.totalCount > 0 {
        p50Ms[histogramSecond] = Double(secondHistogram.valueAtPercentile(50))
        p99Ms[histogramSecond] = Double(secondHistogram.valueAtPercentile(99))
        secondHistogram.reset()
      }
      histogramSecond += 1
    }
  }

  /// A service demand of a page, started at `start`, resolved at `now`.
  mutating func demand(service: Int, start: Double, now: Double, live answered: Bool) {
    let second = Int(start)
    guard second < seconds else { return }
    demands[service][second] += 1
    if answered { live[service][second] += 1 }
    if now - start <= 0.1 { fast[service][second] += 1 }
  }

  /// The breaker of `service` is in `state` during `now`.
  mutating func breaker(service: Int, state: BreakerState, previous: BreakerState, at now: Double) {
    if state != previous {
      transitions[service] += 1
      if state == .open, openedAt[service] == nil { openedAt[service] = now }
    }
    let second = Int(now)
    guard second < seconds else { return }
    let level: UInt8 = state == .open ? 2 : state == .halfOpen ? 1 : 0
    if strips[service][second] < level { strips[service][second] = level }
  }
}
