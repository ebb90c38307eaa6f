import Conformance
import Foundation
import SimulationResults

/// The checks of the step-10 capstone: a breaker inside the simulator must keep the site up.
///
/// Each check has a stated threshold and yields a `Conformance.CheckResult`, so reports and grading
/// treat them like any other check; `CapstonePlan` gives their points, for `check` and `grade` alike. Run them on a result of the built-in `chaos` scenario, whose three
/// phases are found among the result's faults: the outage (the faulted service's database is slow), the
/// flaky dependency (a fault with an error rate) and the slowdown (the faulted service itself is slow).
public enum CapstoneChecks {
  /// Product pages requested during the outage that must be served (with a cached price if need be).
  public static let availabilityThreshold = 0.99
  /// Pricing demands during the outage (after the first timeouts) that must be answered within 100 ms.
  public static let fastThreshold = 0.99
  /// Seconds after the outage ends within which live pricing answers must be back to normal.
  public static let recoveryBound = 60.0
  /// Pages needing the flaky dependency, requested while it fails 30 % of calls, that must be served.
  public static let flakyThreshold = 0.85
  /// Pricing demands during the slowdown (after its first seconds) that must be answered within 100 ms.
  public static let slowFastThreshold = 0.95

  /// The ids of the checks, in order.
  public static let ids = [
    "chaos.gateway-pool-never-exhausted", "chaos.product-pages-available", "chaos.pricing-fails-fast",
    "chaos.recovers-after-fault", "chaos.flaky-inventory-stays-in-use", "chaos.slow-pricing-fails-fast",
  ]

  /// Evaluates every capstone check on a result; `page` and `service` name the degradable page and the
  /// faulted service, `flakyPage` the page that needs the flaky dependency and nothing else.
  public static func evaluate(
    _ result: SimulationResult, page: String = "product", service: String = "pricing", flakyPage: String = "cart"
  )
    -> [CheckResult]
  {
    let gateway = result.pool("gateway")
    let exhausted = gateway?.exhaustedSeconds ?? 0
    let outage = result.faults.first { $0.target == service + "-db" }
    let flaky = result.faults.first { $0.errorRate != nil }
    let slowdown = result.faults.first { $0.target == service && $0.latency != nil }
    let availability = outage?.pageAvailability[page]
    let fast = outage?.fast
    let recovered = outage?.recoveredAfter
    let flakyName = flaky?.service ?? "a dependency"
    let flakyServed = flaky?.pageAvailability[flakyPage]
    let slowFast = slowdown?.fast
    let none = "the scenario has no such phase"
    return [
      make(
        ids[0], title: "The gateway's pool is never exhausted", passed: gateway != nil && exhausted == 0,
        expected: "no request ever finds all \(gateway?.capacity ?? 0) gateway threads busy",
        observed: exhausted == 0
          ? "never exhausted (peak \(gateway?.peak ?? 0))"
          : "exhausted in \(exhausted) s, first at \(SimDuration.label(gateway?.firstExhaustedAt ?? 0))",
        motivation:
          "slow \(service) calls must not hold every gateway thread: a bulkhead and a breaker that opens stop that"),
      make(
        ids[1], title: "\(page.capitalized) pages stay available", passed: (availability ?? 0) >= availabilityThreshold,
        expected: "at least \(percent(availabilityThreshold)) of \(page) pages served while \(service) is down",
        observed: outage == nil
          ? none : availability.map { "\(percent($0)) served" } ?? "no \(page) page was requested during the fault",
        motivation: "a page that can show a cached price must not fail because one of its inputs did"),
      make(
        ids[2], title: "\(service.capitalized) fails fast", passed: (fast ?? 0) >= fastThreshold,
        expected:
          "at least \(percent(fastThreshold)) of \(service) calls answered within 100 ms once the fault is known",
        observed: outage == nil
          ? none : fast.map { "\(percent($0)) answered within 100 ms" } ?? "no \(service) call during the fault",
        motivation: "once the breaker knows \(service) is down, a call should cost microseconds, not a timeout"),
      make(
        ids[3], title: "Traffic comes back after the fault", passed: (recovered ?? .infinity) <= recoveryBound,
        expected:
          "live \(service) answers back to normal within \(SimDuration.label(recoveryBound)) of the fault's end",
        observed: outage == nil
          ? none : recovered.map { "back after \(SimDuration.label($0))" } ?? "not back by the end of the run",
        motivation: "a breaker stuck open keeps serving stale prices long after \(service) recovered"),
      make(
        ids[4], title: "A flaky \(flakyName) stays in use", passed: (flakyServed ?? 0) >= flakyThreshold,
        expected:
          "at least \(percent(flakyThreshold)) of \(flakyPage) pages served while \(flakyName) fails "
          + "\(percent(flaky?.errorRate ?? 0)) of calls",
        observed: flaky == nil
          ? none : flakyServed.map { "\(percent($0)) served" } ?? "no \(flakyPage) page was requested then",
        motivation:
          "a service that answers most calls is flaky, not down: a retry covers its errors, and a breaker that "
          + "opens on a run of failures turns a few failed pages into every page for the whole wait"),
      make(
        ids[5], title: "Slow \(service) fails fast", passed: (slowFast ?? 0) >= slowFastThreshold,
        expected:
          "at least \(percent(slowFastThreshold)) of \(service) calls answered within 100 ms while every "
          + "\(service) call takes \(SimDuration.label(slowdown?.latency ?? 0))",
        observed: slowdown == nil
          ? none : slowFast.map { "\(percent($0)) answered within 100 ms" } ?? "no \(service) call then",
        motivation:
          "calls that succeed slowly never count as failures: only a slow-call rule opens the breaker, and "
          + "until it does, only the bulkhead keeps them from taking every gateway thread"),
    ]
  }

  static func percent(_ value: Double) -> String {
    let text = String(format: "%.2f", value * 100)
    return (text.hasSuffix(".00") ? String(text.dropLast(3)) : text) + " %"
  }

  /// A capstone check's result.
  static func make(
    _ id: String, title: String, passed: Bool, expected: String, observed: String, motivation: String
  ) -> CheckResult {
    CheckResult(
      id: id, title: title, category: "chaos", step: 10, level: .must, status: passed ? .pass : .fail,
      message: passed ? expected : "expected \(expected), observed \(observed)", expected: expected,
      observed: observed, motivation: motivation)
  }
}
