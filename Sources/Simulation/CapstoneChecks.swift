import Conformance
import Foundation

/// The checks of the step-10 capstone: a breaker inside the simulator must keep the site up.
///
/// Each check has a stated threshold and yields a `Conformance.CheckResult`, so reports and grading
/// treat them like any other check. Run them on a result of the built-in `chaos` scenario.
public enum CapstoneChecks {
  /// Product pages requested during the fault that must be served (with a cached price if need be).
  public static let availabilityThreshold = 0.99
  /// Pricing demands during the fault (after the first timeouts) that must be answered within 100 ms.
  public static let fastThreshold = 0.99
  /// Seconds after the fault ends within which live pricing answers must be back to normal.
  public static let recoveryBound = 60.0

  /// The ids of the checks, in order.
  public static let ids = [
    "chaos.gateway-pool-never-exhausted", "chaos.product-pages-available", "chaos.pricing-fails-fast",
    "chaos.recovers-after-fault",
  ]

  /// Evaluates every capstone check on a result; `page` and `service` name the degradable page and the faulted service.
  public static func evaluate(
    _ result: SimulationResult, page: String = "product", service: String = "pricing"
  )
    -> [CheckResult]
  {
    let gateway = result.pool("gateway")
    let exhausted = gateway?.exhaustedSeconds ?? 0
    let availability = result.page(page)?.availabilityDuringFault
    let fast = result.service(service)?.fastDuringFault
    let recovered = result.service(service)?.recoveredAfter
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
        observed: availability.map { "\(percent($0)) served" } ?? "no \(page) page was requested during the fault",
        motivation: "a page that can show a cached price must not fail because one of its inputs did"),
      make(
        ids[2], title: "\(service.capitalized) fails fast", passed: (fast ?? 0) >= fastThreshold,
        expected:
          "at least \(percent(fastThreshold)) of \(service) calls answered within 100 ms once the fault is known",
        observed: fast.map { "\(percent($0)) answered within 100 ms" } ?? "no \(service) call during the fault",
        motivation: "once the breaker knows \(service) is down, a call should cost microseconds, not a timeout"),
      make(
        ids[3], title: "Traffic comes back after the fault", passed: (recovered ?? .infinity) <= recoveryBound,
        expected:
          "live \(service) answers back to normal within \(SimDuration.label(recoveryBound)) of the fault's end",
        observed: recovered.map { "back after \(SimDuration.label($0))" } ?? "not back by the end of the run",
        motivation: "a breaker stuck open keeps serving stale prices long after \(service) recovered"),
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
