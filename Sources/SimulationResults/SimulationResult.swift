/// Every figure of one simulation run: the timeline, the summary per page, pool, service and the recovery.
///
/// `--format json` prints this; the text report, the capstone checks and the quiz read the same values.
public struct SimulationResult: Sendable, Codable, Equatable {
  public var scenario: String
  /// `none`, `reference`, or the learner's file.
  public var breaker: String
  public var seed: UInt64
  /// Simulated seconds.
  public var duration: Double
  /// Page requests per second.
  public var rate: Double
  public var faults: [FaultSummary]
  public var timeline: Timeline
  public var pages: [PageSummary]
  public var overall: Overall
  public var pools: [PoolSummary]
  public var services: [ServiceSummary]
  public var recovery: Recovery
  /// Protocol requests sent to a learner's breaker, when one was used.
  public var protocolRequests: Int?
  /// Events the simulation handled (each one push and one pop of the event queue).
  public var events: Int

  /// A fault as scheduled.
  public struct FaultSummary: Sendable, Codable, Equatable {
    public var target: String
    public var start: Double
    public var end: Double
    public var latency: Double?
    public var errorRate: Double?
    /// The service the fault hits (the target, or the service whose database it is).
    public var service: String
    /// Of the pages of each kind requested while this fault lasted, the fraction served, by page name.
    public var pageAvailability: [String: Double]
    /// Of the service's demands while this fault lasted, once its first timeouts could have fired, the
    /// fraction answered (live or not) within 100 ms.
    public var fast: Double?
    /// Seconds after this fault ended until the service's live answers were back to their pre-fault rate.
    public var recoveredAfter: Double?

    /// Every figure, as the simulator computed it.
    public init(
      target: String, start: Double, end: Double, latency: Double?, errorRate: Double?, service: String,
      pageAvailability: [String: Double], fast: Double?, recoveredAfter: Double?
    ) {
      self.target = target
      self.start = start
      self.end = end
      self.latency = latency
      self.errorRate = errorRate
      self.service = service
      self.pageAvailability = pageAvailability
      self.fast = fast
      self.recoveredAfter = recoveredAfter
    }
  }

  /// Per-second series (index = second since the start).
  public struct Timeline: Sendable, Codable, Equatable {
    /// Pages answered successfully (or degraded) in each second.
    public var served: [Int]
    /// Pages answered with an error, refused or given up on in each second.
    public var failed: [Int]
    /// Median and 99th percentile of the response times of the pages answered in each second (ms).
    public var p50Ms: [Double]
    public var p99Ms: [Double]
    /// Of the pages requested in each second, the fraction eventually served.
    public var availability: [Double]
    public var pools: [PoolSeries]
    public var breakers: [BreakerStrip]

    /// Every figure, as the simulator computed it.
    public init(
      served: [Int], failed: [Int], p50Ms: [Double], p99Ms: [Double], availability: [Double], pools: [PoolSeries],
      breakers: [BreakerStrip]
    ) {
      self.served = served
      self.failed = failed
      self.p50Ms = p50Ms
      self.p99Ms = p99Ms
      self.availability = availability
      self.pools = pools
      self.breakers = breakers
    }
  }

  /// The most threads in use in each second, for one tier.
  public struct PoolSeries: Sendable, Codable, Equatable {
    public var tier: String
    public var capacity: Int
    public var peak: [Int]

    /// Every figure, as the simulator computed it.
    public init(tier: String, capacity: Int, peak: [Int]) {
      self.tier = tier
      self.capacity = capacity
      self.peak = peak
    }
  }

  /// A breaker's worst state in each second: `C` closed, `H` half-open, `O` open.
  public struct BreakerStrip: Sendable, Codable, Equatable {
    public var service: String
    public var states: String

    /// Every figure, as the simulator computed it.
    public init(service: String, states: String) {
      self.service = service
      self.states = states
    }
  }

  /// One kind of page.
  public struct PageSummary: Sendable, Codable, Equatable {
    public var page: String
    public var requests: Int
    /// Served, with every service or with a cached value.
    public var served: Int
    /// Served with a cached value because an optional service failed.
    public var degraded: Int
    public var availability: Double
    /// Availability of the pages requested while a fault was active.
    public var availabilityDuringFault: Double?
    /// Response-time percentiles of the served pages (ms).
    public var p50Ms: Double
    public var p90Ms: Double
    public var p99Ms: Double
    public var maxMs: Double

    /// Every figure, as the simulator computed it.
    public init(
      page: String, requests: Int, served: Int, degraded: Int, availability: Double, availabilityDuringFault: Double?,
      p50Ms: Double, p90Ms: Double, p99Ms: Double, maxMs: Double
    ) {
      self.page = page
      self.requests = requests
      self.served = served
      self.degraded = degraded
      self.availability = availability
      self.availabilityDuringFault = availabilityDuringFault
      self.p50Ms = p50Ms
      self.p90Ms = p90Ms
      self.p99Ms = p99Ms
      self.maxMs = maxMs
    }
  }

  /// Every page together.
  public struct Overall: Sendable, Codable, Equatable {
    public var requests: Int
    public var served: Int
    public var degraded: Int
    public var failed: Int
    public var availability: Double
    public var availabilityDuringFault: Double?
    /// Failed pages by reason: `web-refused`, `gateway-refused`, `gateway-timeout`, `dependency-failed`, `user-gave-up`.
    public var failures: [String: Int]
    /// Response-time percentiles of every answer, failures included (ms).
    public var p50Ms: Double
    public var p99Ms: Double

    /// Every figure, as the simulator computed it.
    public init(
      requests: Int, served: Int, degraded: Int, failed: Int, availability: Double, availabilityDuringFault: Double?,
      failures: [String: Int], p50Ms: Double, p99Ms: Double
    ) {
      self.requests = requests
      self.served = served
      self.degraded = degraded
      self.failed = failed
      self.availability = availability
      self.availabilityDuringFault = availabilityDuringFault
      self.failures = failures
      self.p50Ms = p50Ms
      self.p99Ms = p99Ms
    }
  }

  /// One pool of threads or connections.
  public struct PoolSummary: Sendable, Codable, Equatable {
    public var tier: String
    public var capacity: Int
    /// The most in use at once (sampled each second for services and databases).
    public var peak: Int
    /// Seconds in which some request found the pool exhausted (every thread busy).
    public var exhaustedSeconds: Int
    /// When the pool was first exhausted.
    public var firstExhaustedAt: Double?
    /// Requests refused because the pool's queue was full.
    public var refused: Int

    /// Every figure, as the simulator computed it.
    public init(tier: String, capacity: Int, peak: Int, exhaustedSeconds: Int, firstExhaustedAt: Double?, refused: Int)
    {
      self.tier = tier
      self.capacity = capacity
      self.peak = peak
      self.exhaustedSeconds = exhaustedSeconds
      self.firstExhaustedAt = firstExhaustedAt
      self.refused = refused
    }
  }

  /// One service as the gateway sees it.
  public struct ServiceSummary: Sendable, Codable, Equatable {
    public var service: String
    /// Pages that needed the service.
    public var demands: Int
    /// Demands answered by the service itself.
    public var live: Int
    /// Calls the breaker rejected.
    public var rejected: Int
    /// Calls that timed out at the gateway.
    public var timeouts: Int
    /// Calls answered with an error.
    public var errors: Int
    /// Of the demands made while a fault was active (after the first timeouts), the fraction answered
    /// (live or not) within 100 ms.
    public var fastDuringFault: Double?
    /// Seconds after the last fault ended until the service's live answers were back to normal.
    public var recoveredAfter: Double?
    /// When the breaker first opened.
    public var breakerOpenedAt: Double?
    /// State changes of the breaker.
    public var transitions: Int

    /// Every figure, as the simulator computed it.
    public init(
      service: String, demands: Int, live: Int, rejected: Int, timeouts: Int, errors: Int, fastDuringFault: Double?,
      recoveredAfter: Double?, breakerOpenedAt: Double?, transitions: Int
    ) {
      self.service = service
      self.demands = demands
      self.live = live
      self.rejected = rejected
      self.timeouts = timeouts
      self.errors = errors
      self.fastDuringFault = fastDuringFault
      self.recoveredAfter = recoveredAfter
      self.breakerOpenedAt = breakerOpenedAt
      self.transitions = transitions
    }
  }

  /// How the site came back.
  public struct Recovery: Sendable, Codable, Equatable {
    public var faultStart: Double?
    public var faultEnd: Double?
    /// Availability before the first fault.
    public var baselineAvailability: Double
    /// Seconds after the last fault ended until availability was back to normal for 10 s in a row.
    public var siteRecoveredAfter: Double?

    /// Every figure, as the simulator computed it.
    public init(faultStart: Double?, faultEnd: Double?, baselineAvailability: Double, siteRecoveredAfter: Double?) {
      self.faultStart = faultStart
      self.faultEnd = faultEnd
      self.baselineAvailability = baselineAvailability
      self.siteRecoveredAfter = siteRecoveredAfter
    }
  }

  /// The summary of a pool by tier name.
  public func pool(_ tier: String) -> PoolSummary? { pools.first { $0.tier == tier } }
  /// The summary of a page by name.
  public func page(_ name: String) -> PageSummary? { pages.first { $0.page == name } }
  /// The summary of a service by name.
  public func service(_ name: String) -> ServiceSummary? { services.first { $0.service == name } }

  /// Every figure, as the simulator computed it.
  public init(
    scenario: String, breaker: String, seed: UInt64, duration: Double, rate: Double, faults: [FaultSummary],
    timeline: Timeline, pages: [PageSummary], overall: Overall, pools: [PoolSummary], services: [ServiceSummary],
    recovery: Recovery, protocolRequests: Int?, events: Int
  ) {
    self.scenario = scenario
    self.breaker = breaker
    self.seed = seed
    self.duration = duration
    self.rate = rate
    self.faults = faults
    self.timeline = timeline
    self.pages = pages
    self.overall = overall
    self.pools = pools
    self.services = services
    self.recovery = recovery
    self.protocolRequests = protocolRequests
    self.events = events
  }
}
