import Foundation
import SimulationResults

/// The summary tables of the report: pages, pools, services and recovery.
extension SimulationReportRenderer {
  func summary(_ result: SimulationResult) -> [String] {
    var lines = [bold("Pages") + " (served = answered in time, possibly with a cached price)"]
    var rows = [["page", "requests", "served", "degraded", "avail.", "in fault", "p50 ms", "p99 ms", "max ms"]]
    for page in result.pages {
      rows.append([
        page.page, "\(page.requests)", "\(page.served)", "\(page.degraded)", percent(page.availability),
        page.availabilityDuringFault.map(percent) ?? "-", ms(page.p50Ms), ms(page.p99Ms), ms(page.maxMs),
      ])
    }
    let o = result.overall
    rows.append([
      "all", "\(o.requests)", "\(o.served)", "\(o.degraded)", percent(o.availability),
      o.availabilityDuringFault.map(percent) ?? "-", ms(o.p50Ms), ms(o.p99Ms), "",
    ])
    lines += table(rows)
    let failures = o.failures.filter { $0.value > 0 }.sorted { $0.key < $1.key }
    if !failures.isEmpty {
      lines.append("failed pages: " + failures.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    lines += ["", bold("Pools") + " (exhausted = a request found every thread or connection busy)"]
    rows = [["tier", "size", "peak", "exhausted", "first at", "refused"]]
    for pool in result.pools {
      rows.append([
        pool.tier, "\(pool.capacity)", "\(pool.peak)",
        pool.exhaustedSeconds == 0 ? "never" : "\(pool.exhaustedSeconds) s",
        pool.firstExhaustedAt.map { SimDuration.label($0) } ?? "-", "\(pool.refused)",
      ])
    }
    lines += table(rows)
    lines += ["", bold("Services") + " (fast = answered within 100 ms during the fault)"]
    rows = [["service", "demands", "live", "rejected", "timeouts", "errors", "fast", "opened", "back"]]
    for service in result.services {
      rows.append([
        service.service, "\(service.demands)", "\(service.live)", "\(service.rejected)", "\(service.timeouts)",
        "\(service.errors)", service.fastDuringFault.map(percent) ?? "-",
        service.breakerOpenedAt.map { SimDuration.label($0) } ?? "-",
        service.recoveredAfter.map { "+" + SimDuration.label($0) } ?? "-",
      ])
    }
    lines += table(rows)
    lines += faultTable(result)
    lines += ["", recoveryLine(result)]
    return lines
  }

  /// With several faults, each fault's own figures: the pages requested while it lasted that were served,
  /// and how fast and how soon again the service it hits answered.
  func faultTable(_ result: SimulationResult) -> [String] {
    guard result.faults.count > 1 else { return [] }
    let pages = result.pages.map(\.page)
    var rows = [["fault", "from", "to"] + pages + ["fast", "back"]]
    for fault in result.faults {
      rows.append(
        [fault.target, SimDuration.label(fault.start), SimDuration.label(fault.end)]
          + pages.map { fault.pageAvailability[$0].map(percent) ?? "-" }
          + [fault.fast.map(percent) ?? "-", fault.recoveredAfter.map { "+" + SimDuration.label($0) } ?? "-"])
    }
    return ["", bold("Faults") + " (pages served of those requested during each; fast and back: the service it hits)"]
      + table(rows)
  }

  func recoveryLine(_ result: SimulationResult) -> String {
    guard let end = result.recovery.faultEnd else { return "No fault in this scenario." }
    guard end < result.duration else { return "The run ended before the fault did: no time to recover to show." }
    guard let after = result.recovery.siteRecoveredAfter else {
      return paint("The site had not recovered by the end of the run", .red)
        + " (fault ended at \(SimDuration.label(end)))."
    }
    return "Time to recover: availability back to normal (\(percent(result.recovery.baselineAvailability))) "
      + "\(SimDuration.label(after)) after the fault ended at \(SimDuration.label(end))."
  }

  /// One table with a column per run.
  func comparison(_ results: [SimulationResult]) -> [String] {
    var rows = [["figure"] + results.map(\.breaker)]
    func add(_ name: String, _ value: (SimulationResult) -> String) { rows.append([name] + results.map(value)) }
    add("availability") { percent($0.overall.availability) }
    add("availability in fault") { $0.overall.availabilityDuringFault.map(percent) ?? "-" }
    for page in results[0].pages.map(\.page) {
      add("  \(page) in fault") { $0.page(page)?.availabilityDuringFault.map(percent) ?? "-" }
    }
    add("failed pages") { "\($0.overall.failed)" }
    add("p99 response ms") { ms($0.overall.p99Ms) }
    for pool in results[0].pools.map(\.tier) {
      add("\(pool) exhausted") { r in
        r.pool(pool).map { $0.exhaustedSeconds == 0 ? "never" : "\($0.exhaustedSeconds) s" } ?? "-"
      }
    }
    add("time to recover") { $0.recovery.siteRecoveredAfter.map { SimDuration.label($0) } ?? "not recovered" }
    return [bold("Comparison")] + table(rows)
  }

  /// A percentage with one decimal that never rounds a shortfall up to 100 %.
  func percent(_ value: Double) -> String {
    let p = value * 100
    return p >= 99.95 && p < 100 ? "99.9%" : String(format: "%.1f%%", p)
  }

  func ms(_ value: Double) -> String { value >= 100 ? "\(Int(value.rounded()))" : String(format: "%.1f", value) }

  /// Left-aligned first column, right-aligned others, two spaces apart; when that is wider than the
  /// width, each row is stacked instead: its first cell, then `header value` pairs wrapped under it.
  func table(_ rows: [[String]]) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    let lines = rows.map { row in
      var line = ""
      for (c, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[c] - cell.count)
        line += c == 0 ? cell + padding : "  " + padding + cell
      }
      return line.trimmingTrailing()
    }
    guard lines.contains(where: { $0.count > width }), let header = rows.first else { return lines }
    return rows.dropFirst().flatMap { row -> [String] in
      var out = [row.first ?? ""]
      var line = " "
      for (c, cell) in row.enumerated().dropFirst() where !cell.isEmpty {
        let pair = (c < header.count ? header[c] + " " : "") + cell
        if line.count + 2 + pair.count > width, line.count > 1 {
          out.append(line)
          line = " "
        }
        line += " " + pair
      }
      if line.count > 1 { out.append(line) }
      return out
    }
  }
}
