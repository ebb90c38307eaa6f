import Conformance

/// A cascade scenario: the shop's topology, its traffic, its faults and its breakers' configuration.
///
/// Scenarios are YAML files (see `docs/simulation.md`); `Scenario.blackFriday` is the built-in one.
public struct Scenario: Sendable, Equatable {
  /// A short name shown in reports.
  /// The gateway's overhead on each service call when a scenario does not say (`gateway.overhead`).
  public static let defaultOverhead = 0.01

  public var name: String
  /// One paragraph for the report's header.
  public var description: String
  /// Simulated seconds.
  public var duration: Double
  /// Seed of every random choice; the same seed gives the same run.
  public var seed: UInt64
  /// Page requests per second arriving from users (a Poisson process).
  public var rate: Double
  /// Seconds a user waits for a page before giving up.
  public var patience: Double
  /// The kinds of page and their share of the traffic.
  public var pages: [Page]
  /// The web servers: a pool of request threads, their accept queue, their timeout on the gateway.
  public var web: Tier
  /// The API gateway: a pool of worker threads and a queue.
  public var gateway: Tier
  /// The back-end services, in the order reports list them.
  public var services: [Service]
  /// Periods in which a service or database is slow or failing.
  public var faults: [Fault]
  /// The breakers between the gateway and each service, used by `reference` and learner breakers.
  public var breakers: BreakerPlan

  /// A kind of page: which services it needs, and which of them it can do without.
  public struct Page: Sendable, Equatable {
    public var name: String
    /// Fraction of all page requests (the shares are normalised).
    public var share: Double
    /// Services the gateway calls, in parallel, for this page.
    public var needs: [String]
    /// Needed services whose failure degrades the page (a cached value) instead of failing it.
    public var optional: [String]
  }

  /// A tier that holds a thread for each request: the web servers or the gateway.
  public struct Tier: Sendable, Equatable {
    /// Threads (or connections) in the pool.
    public var workers: Int
    /// Requests that may wait for a thread; more are refused at once.
    public var queue: Int
    /// Own processing time of a request.
    public var latency: Latency
    /// How long this tier waits for the next one (web: for the gateway). Unused for the gateway.
    public var timeout: Double
    /// Gateway only: its own work on each service call (routing, authentication, connection) before the
    /// call leaves or the breaker's rejection is handled; also the simulation's lookahead.
    public var overhead: Double = 0
  }

  /// A back-end service with its database.
  public struct Service: Sendable, Equatable {
    public var name: String
    /// Worker threads of the service.
    public var workers: Int
    /// Requests the service accepts while all workers are busy (its accept queue).
    public var queue: Int
    /// The service's own processing time, before its database query.
    public var latency: Latency
    /// The gateway's timeout on a call to this service.
    public var timeout: Double
    /// The gateway's retries after a failed call (not after a rejection by the breaker).
    public var retries: Int
    /// The service's database.
    public var database: Database
  }

  /// A service's database: a connection pool and a query time.
  public struct Database: Sendable, Equatable {
    public var connections: Int
    public var latency: Latency
  }

  /// A latency distribution: log-normal with this median and 99th percentile, in seconds.
  public struct Latency: Sendable, Equatable {
    public var median: Double
    public var p99: Double

    public init(median: Double, p99: Double) {
      self.median = median
      self.p99 = max(p99, median)
    }
  }

  /// A fault: from `start` to `end`, `target` (a service or `NAME-db`) is slow, failing, or both.
  public struct Fault: Sendable, Equatable {
    public var target: String
    public var start: Double
    public var end: Double
    /// Fixed processing time while the fault lasts, in seconds.
    public var latency: Double?
    /// Fraction of requests that fail (0...1) while the fault lasts.
    public var errorRate: Double?
  }

  /// The breakers' configuration: one per service, with a default and a profile.
  public struct BreakerPlan: Sendable, Equatable {
    /// Profile knobs of the in-process reference breaker (such as `half_open_admission: limited`).
    public var profile: Profile
    /// The configuration of services without their own entry.
    public var defaults: BreakerConfig
    /// Per-service configurations.
    public var perService: [String: BreakerConfig]

    /// The configuration of the breaker in front of `service`.
    public func config(for service: String) -> BreakerConfig { perService[service] ?? defaults }
  }

  /// The first fault's start and the last fault's end, when there are faults.
  public var faultWindow: ClosedRange<Double>? {
    guard let start = faults.map(\.start).min(), let end = faults.map(\.end).max(), end >= start else { return nil }
    return start...end
  }

  /// The index of a service by name.
  public func serviceIndex(_ name: String) -> Int? { services.firstIndex { $0.name == name } }
}
