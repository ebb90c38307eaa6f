import Histogram
import SimulationResults

/// Turns what a `Simulator` recorded into a `SimulationResult`: summaries, fault windows, recovery times.
struct ResultBuilder {
  let simulator: Simulator

  private var scenario: Scenario { simulator.scenario }
  private var recorder: Recorder { simulator.recorder }
  private var seconds: Int { simulator.seconds }

  func build() -> SimulationResult {
    let window = scenario.faultWindow
    let availability = (0..<seconds).map { second -> Double in
      let total = recorder.pageTotal.reduce(0) { $0 + Int($1[second]) }
      let served = recorder.pageServed.reduce(0) { $0 + Int($1[second]) }
      return total == 0 ? 1 : Double(served) / Double(total)
    }
    let baseline = baselineAvailability()
    let strips: [SimulationResult.BreakerStrip] =
      simulator.breakers == nil
      ? []
      : scenario.services.indices.map { index in
        .init(
          service: scenario.services[index].name,
          states: String(recorder.strips[index].map { $0 == 2 ? "O" : $0 == 1 ? "H" : "C" }))
      }
    return SimulationResult(
      scenario: scenario.name, breaker: simulator.choice.label, seed: scenario.seed, duration: scenario.duration,
      rate: scenario.rate,
      faults: scenario.faults.map(faultSummary),
      timeline: .init(
        served: recorder.served.map(Int.init), failed: recorder.failed.map(Int.init), p50Ms: recorder.p50Ms,
        p99Ms: recorder.p99Ms, availability: availability, pools: poolSeries(),
        breakers: strips),
      pages: scenario.pages.indices.map(pageSummary),
      overall: overall(window: window),
      pools: poolSummaries(),
      services: scenario.services.indices.map(serviceSummary),
      recovery: .init(
        faultStart: window?.lowerBound, faultEnd: window?.upperBound, baselineAvailability: baseline,
        siteRecoveredAfter: window.flatMap {
          recovery(after: $0.upperBound, series: availability, baseline: baseline, run: 10)
        }),
      protocolRequests: (simulator.breakers as? SubjectSimBreakers)?.requests, events: simulator.eventCount)
  }

  /// Arrival seconds inside the fault window.
  private var faultSeconds: Range<Int>? {
    guard let window = scenario.faultWindow else { return nil }
    let start = min(seconds, Int(window.lowerBound.rounded(.up)))
    let end = min(seconds, Int(window.upperBound))
    return start < end ? start..<end : nil
  }

  private func baselineAvailability() -> Double {
    let end = min(seconds, Int(scenario.faultWindow?.lowerBound ?? Double(seconds)))
    let range = end > 0 ? 0..<end : 0..<seconds
    let total = recorder.pageTotal.reduce(0) { sum, row in sum + range.reduce(0) { $0 + Int(row[$1]) } }
    let served = recorder.pageServed.reduce(0) { sum, row in sum + range.reduce(0) { $0 + Int(row[$1]) } }
    return total == 0 ? 1 : Double(served) / Double(total)
  }

  /// Seconds after `end` until `series` stays within 1 % (absolute) of `baseline` for `run` seconds.
  private func recovery(after end: Double, series: [Double], baseline: Double, run: Int) -> Double? {
    var second = Int(end.rounded(.up))
    while second + run <= seconds {
      if (second..<second + run).allSatisfy({ series[$0] >= baseline - 0.01 }) { return Double(second) - end }
      second += 1
    }
    return nil
  }

  private func ms(_ histogram: Histogram<UInt64>, _ percentile: Double) -> Double {
    histogram.totalCount == 0 ? 0 : Double(histogram.valueAtPercentile(percentile)) / 1000
  }

  private func sum(_ row: [Int32], _ range: Range<Int>? = nil) -> Int {
    (range ?? 0..<row.count).reduce(0) { $0 + Int(row[$1]) }
  }

  private func pageSummary(_ kind: Int) -> SimulationResult.PageSummary {
    let total = sum(recorder.pageTotal[kind])
    let served = sum(recorder.pageServed[kind])
    let histogram = recorder.pageHistograms[kind]
    var during: Double?
    if let range = faultSeconds {
      let t = sum(recorder.pageTotal[kind], range)
      during = t == 0 ? nil : Double(sum(recorder.pageServed[kind], range)) / Double(t)
    }
    return .init(
      page: scenario.pages[kind].name, requests: total, served: served, degraded: recorder.pageDegraded[kind],
      availability: total == 0 ? 1 : Double(served) / Double(total), availabilityDuringFault: during,
      p50Ms: ms(histogram, 50), p90Ms: ms(histogram, 90), p99Ms: ms(histogram, 99),
      maxMs: histogram.totalCount == 0 ? 0 : Double(histogram.max) / 1000)
  }

  private func overall(window: ClosedRange<Double>?) -> SimulationResult.Overall {
    let total = recorder.pageTotal.reduce(0) { $0 + sum($1) }
    let served = recorder.pageServed.reduce(0) { $0 + sum($1) }
    var during: Double?
    if let range = faultSeconds {
      let t = recorder.pageTotal.reduce(0) { $0 + sum($1, range) }
      during = t == 0 ? nil : Double(recorder.pageServed.reduce(0) { $0 + sum($1, range) }) / Double(t)
    }
    var failures: [String: Int] = [:]
    for outcome in PageOutcome.allCases where !outcome.isServed {
      failures[outcome.label] = recorder.outcomes[outcome.rawValue]
    }
    return .init(
      requests: total, served: served, degraded: recorder.pageDegraded.reduce(0, +), failed: total - served,
      availability: total == 0 ? 1 : Double(served) / Double(total), availabilityDuringFault: during,
      failures: failures, p50Ms: ms(recorder.allHistogram, 50), p99Ms: ms(recorder.allHistogram, 99))
  }

  private func poolSeries() -> [SimulationResult.PoolSeries] {
    var series = [
      SimulationResult.PoolSeries(tier: "web", capacity: simulator.web.workers, peak: simulator.web.peak.map(Int.init)),
      SimulationResult.PoolSeries(
        tier: "gateway", capacity: simulator.gateway.workers, peak: simulator.gateway.peak.map(Int.init)),
    ]
    for (index, model) in simulator.services.enumerated() {
      series.append(
        .init(tier: model.service.name, capacity: model.service.workers, peak: simulator.stationBusy[2 * index]))
      series.append(
        .init(tier: model.database.name, capacity: model.database.workers, peak: simulator.stationBusy[2 * index + 1]))
    }
    return series
  }

  private func poolSummaries() -> [SimulationResult.PoolSummary] {
    func summary(
      _ tier: String, _ capacity: Int, _ peaks: [Int], _ saturated: [Int32], _ first: Double?, _ refused: Int
    )
      -> SimulationResult.PoolSummary
    {
      let exhausted = saturated.filter { $0 > 0 }.count
      return .init(
        tier: tier, capacity: capacity, peak: exhausted > 0 ? capacity : (peaks.max() ?? 0),
        exhaustedSeconds: exhausted,
        firstExhaustedAt: first, refused: refused)
    }
    let web = simulator.web
    let gateway = simulator.gateway
    var list = [
      summary("web", web.workers, web.peak.map(Int.init), web.saturated, web.firstSaturated, sum(web.refused)),
      summary(
        "gateway", gateway.workers, gateway.peak.map(Int.init), gateway.saturated, gateway.firstSaturated,
        sum(gateway.refused)),
    ]
    for (index, model) in simulator.services.enumerated() {
      for (offset, station) in [model.service, model.database].enumerated() {
        list.append(
          summary(
            station.name, station.workers, simulator.stationBusy[2 * index + offset], station.saturated,
            station.firstSaturated, 0))
      }
    }
    return list
  }

  /// A fault with the figures of its own window: pages, the faulted service's speed and its recovery.
  private func faultSummary(_ fault: Scenario.Fault) -> SimulationResult.FaultSummary {
    let name = fault.target.hasSuffix("-db") ? String(fault.target.dropLast(3)) : fault.target
    let arrivals = Self.range(fault.start, fault.end, seconds)
    var pages: [String: Double] = [:]
    for kind in scenario.pages.indices where !arrivals.isEmpty {
      let total = sum(recorder.pageTotal[kind], arrivals)
      if total > 0 {
        pages[scenario.pages[kind].name] = Double(sum(recorder.pageServed[kind], arrivals)) / Double(total)
      }
    }
    let index = scenario.serviceIndex(name)
    return .init(
      target: fault.target, start: fault.start, end: fault.end, latency: fault.latency, errorRate: fault.errorRate,
      service: name, pageAvailability: pages, fast: index.flatMap { fastShare($0, from: fault.start, to: fault.end) },
      recoveredAfter: index.flatMap { liveRecovery($0, after: fault.end) })
  }

  /// The whole seconds from `start` (rounded up) to `end` (rounded down) within the run; empty when none.
  static func range(_ start: Double, _ end: Double, _ seconds: Int) -> Range<Int> {
    let lower = max(0, min(seconds, Int(start.rounded(.up))))
    let upper = max(0, min(seconds, Int(end)))
    return lower < upper ? lower..<upper : lower..<lower
  }

  /// Of the demands of service `index` from `start` (plus the time its first timeouts and retries take, and a
  /// second) to `end`, the fraction answered within 100 ms.
  private func fastShare(_ index: Int, from start: Double, to end: Double) -> Double? {
    let service = scenario.services[index]
    let detection = start + service.timeout * Double(service.retries + 1) + 1
    let range = Self.range(detection, end, seconds)
    guard !range.isEmpty else { return nil }
    let demands = sum(recorder.demands[index], range)
    return demands == 0 ? nil : Double(sum(recorder.fast[index], range)) / Double(demands)
  }

  /// Seconds after `end` until the live answers of service `index` are back to their rate before the first fault.
  private func liveRecovery(_ index: Int, after end: Double) -> Double? {
    guard let window = scenario.faultWindow else { return nil }
    let rates = (0..<seconds).map { second -> Double in
      let d = recorder.demands[index][second]
      return d == 0 ? 1 : Double(recorder.live[index][second]) / Double(d)
    }
    let before = min(seconds, Int(window.lowerBound))
    let total = sum(recorder.demands[index], 0..<before)
    let baseline = total == 0 ? 1 : Double(sum(recorder.live[index], 0..<before)) / Double(total)
    return recovery(after: end, series: rates, baseline: baseline, run: 5)
  }

  private func serviceSummary(_ index: Int) -> SimulationResult.ServiceSummary {
    let service = scenario.services[index]
    var fastShare: Double?
    var recovered: Double?
    if let window = scenario.faultWindow {
      fastShare = self.fastShare(index, from: window.lowerBound, to: window.upperBound)
      let faulted = scenario.faults.contains { $0.target == service.name || $0.target == service.name + "-db" }
      if faulted { recovered = liveRecovery(index, after: window.upperBound) }
    }
    return .init(
      service: service.name, demands: sum(recorder.demands[index]), live: sum(recorder.live[index]),
      rejected: recorder.rejected[index], timeouts: recorder.timeouts[index], errors: recorder.errors[index],
      fastDuringFault: fastShare, recoveredAfter: recovered, breakerOpenedAt: recorder.openedAt[index],
      transitions: recorder.transitions[index])
  }
}
