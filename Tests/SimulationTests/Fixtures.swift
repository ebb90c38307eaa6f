import Conformance
import Foundation

@testable import Simulation

/// Small scenarios and paths shared by the tests.
enum Fixtures {
  /// The repository root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A fifth of Black Friday for 90 s: fast enough for every test, same physics.
  static let miniYAML = """
    name: mini
    duration: 90s
    seed: 7
    traffic: {rate: 200, patience: 8s}
    pages:
      - {name: product, share: 0.4, needs: [product, inventory, pricing], optional: [pricing]}
      - {name: search, share: 0.4, needs: [product]}
      - {name: cart, share: 0.2, needs: [inventory]}
    web: {workers: 80, queue: 160, latency: {median: 2ms, p99: 8ms}, timeout: 5s}
    gateway: {workers: 40, queue: 40}
    services:
      product: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 12ms, p99: 60ms}}}
      inventory: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 10ms, p99: 50ms}}}
      pricing: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 45ms, p99: 150ms}}}
    faults:
      - {target: pricing-db, start: 20s, end: 50s, latency: 10s}
    breakers:
      default: {failure_threshold: 5, recovery_timeout: 10s, half_open_max_calls: 1}

    """

  static var mini: Scenario {
    get throws { try ScenarioParser.parse(miniYAML, file: "mini.yaml") }
  }
}
