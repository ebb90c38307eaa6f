import Foundation

/// The built-in scenarios: the tutorial's Black Friday shop, and the capstone's variant with a bulkhead.
extension Scenario {
  /// The names `--scenario` accepts besides a file path.
  public static let builtInNames = ["black-friday", "chaos"]

  /// A built-in scenario by name.
  public static func builtIn(_ name: String) -> Scenario? {
    switch name {
    case "black-friday": blackFriday
    case "chaos": chaos
    default: nil
    }
  }

  /// The YAML text of a built-in scenario (shipped as files under `exercises/10-chaos/`).
  public static func builtInYAML(_ name: String) -> String? {
    switch name {
    case "black-friday": blackFridayYAML
    case "chaos": chaosYAML
    default: nil
    }
  }

  /// The tutorial's shop on its busiest day: the pricing database answers in 10 s from 1m to 4m.
  public static var blackFriday: Scenario { parseBuiltIn(blackFridayYAML, "black-friday") }

  /// The capstone (step 10): Black Friday at a tenth of the scale, in three phases: an outage, a flaky
  /// dependency and a slow one.
  public static var chaos: Scenario { parseBuiltIn(chaosYAML, "chaos") }

  private static func parseBuiltIn(_ text: String, _ name: String) -> Scenario {
    do { return try ScenarioParser.parse(text, file: "<built-in \(name)>") } catch {
      fatalError("the built-in scenario \(name) is invalid: \(error)")
    }
  }

  /// The text of the built-in `black-friday` scenario.
  public static let blackFridayYAML = """
    # The tutorial's Black Friday shop (cblearn's built-in `black-friday` scenario).
    # Format: docs/simulation.md. Times: 250ms, 10s, 10m or plain seconds.
    name: black-friday
    description: >-
      1,000 page requests a second. From 1m to 4m the pricing database answers in 10 s instead of
      about 50 ms. Product pages can show a cached price; search and cart pages never touch pricing.
    duration: 10m
    seed: 42
    traffic:
      rate: 1000            # page requests per second (Poisson arrivals)
      patience: 8s          # a user gives up on a page after this long
    pages:
      - {name: product, share: 0.4, needs: [product, inventory, pricing], optional: [pricing]}
      - {name: search, share: 0.4, needs: [product]}
      - {name: cart, share: 0.2, needs: [inventory]}
    web:
      workers: 400          # 4 servers x 100 request threads
      queue: 800            # accept backlog
      latency: {median: 2ms, p99: 8ms}
      timeout: 5s           # how long a web thread waits for the gateway
    gateway:
      workers: 200          # one thread per page request, held until every service answered
      queue: 200
      overhead: 10ms        # the gateway's own time on each service call (also the simulator's lookahead)
    services:
      product:
        workers: 64
        queue: 5000
        latency: {median: 2ms, p99: 8ms}
        timeout: 2s         # the gateway's timeout on this service
        retries: 1          # the gateway retries a failed call once
        database: {connections: 40, latency: {median: 12ms, p99: 60ms}}
      inventory:
        workers: 64
        queue: 5000
        latency: {median: 2ms, p99: 8ms}
        timeout: 2s
        retries: 1
        database: {connections: 40, latency: {median: 10ms, p99: 50ms}}
      pricing:
        workers: 64
        queue: 5000
        latency: {median: 3ms, p99: 10ms}
        timeout: 2s
        retries: 1
        database: {connections: 40, latency: {median: 45ms, p99: 150ms}}
    faults:
      - {target: pricing-db, start: 1m, end: 4m, latency: 10s}
    breakers:                 # used by --breaker reference and by a learner's breaker
      profile: {half_open_admission: limited, stale_results: discard}
      default: {failure_threshold: 5, recovery_timeout: 30s, half_open_max_calls: 1}

    """

  /// The text of the built-in `chaos` scenario: the capstone's grading run.
  public static let chaosYAML = """
    # The capstone of step 10 (cblearn's built-in `chaos` scenario): the Black Friday shop at a tenth of
    # its traffic and capacity, in three phases of chaos. Format: docs/simulation.md.
    name: chaos
    description: >-
      The Black Friday shop at a tenth of the scale (100 page requests a second, 20 gateway threads), so
      that a breaker driven over the wire protocol runs it quickly. From 1m to 4m the pricing database
      answers in 10 s instead of about 50 ms; from 4m30s to 5m30s inventory fails 30 % of its calls; from
      5m30s to 6m30s every pricing call takes 1.5 s (slow, but inside the 2 s timeout).
    duration: 7.5m
    seed: 1
    traffic:
      rate: 100             # page requests per second (Poisson arrivals)
      patience: 8s          # a user gives up on a page after this long
    pages:
      - {name: product, share: 0.4, needs: [product, inventory, pricing], optional: [pricing]}
      - {name: search, share: 0.4, needs: [product]}
      - {name: cart, share: 0.2, needs: [inventory]}
    web:
      workers: 40           # 4 servers x 10 request threads
      queue: 80
      latency: {median: 2ms, p99: 8ms}
      timeout: 5s
    gateway:
      workers: 20           # one thread per page request, held until every service answered
      queue: 20
      overhead: 10ms        # the gateway's own time on each service call (also the simulator's lookahead)
    services:
      product:
        workers: 8
        queue: 500
        latency: {median: 2ms, p99: 8ms}
        timeout: 2s
        retries: 1
        database: {connections: 6, latency: {median: 12ms, p99: 60ms}}
      inventory:
        workers: 8
        queue: 500
        latency: {median: 2ms, p99: 8ms}
        timeout: 2s
        retries: 1
        database: {connections: 6, latency: {median: 10ms, p99: 50ms}}
      pricing:
        workers: 8
        queue: 500
        latency: {median: 3ms, p99: 10ms}
        timeout: 2s
        retries: 1
        database: {connections: 6, latency: {median: 45ms, p99: 150ms}}
    faults:
      - {target: pricing-db, start: 1m, end: 4m, latency: 10s}         # the outage
      - {target: inventory, start: 4.5m, end: 5.5m, error_rate: 0.3}   # flaky: 30 % of calls fail
      - {target: pricing, start: 5.5m, end: 6.5m, latency: 1.5s}       # slow: every call takes 1.5 s
    breakers:
      # trip_rule: rate makes a breaker with a `window` trip on rates (step 8); one without trips on
      # failure_threshold consecutive failures (steps 3 to 7).
      profile: {trip_rule: rate, half_open_admission: limited, stale_results: discard}
      default: {failure_threshold: 5, recovery_timeout: 30s, half_open_max_calls: 1}
      inventory:            # a rate over the last 100 calls: 30 % failing is flaky, not down
        window: {kind: count, size: 100, minimum_calls: 20, failure_rate_threshold: 50}
      pricing:
        window: {kind: count, size: 20, minimum_calls: 10, failure_rate_threshold: 50}
        slow_call_duration: 1s          # a call longer than 1 s is slow (step 9)
        slow_call_rate_threshold: 60    # 60 % slow calls in the window open the breaker
        max_concurrent_calls: 8         # a bulkhead: at most 8 pricing calls in flight

    """
}
