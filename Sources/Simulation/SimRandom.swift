import Conformance
import Foundation

/// Seeded random numbers for the simulation: uniform, exponential and log-normal draws.
struct SimRandom {
  private var source: SeededRandom
  private var spareNormal: Double?

  /// A stream derived from the run's seed and a label, so that streams do not disturb each other.
  init(seed: UInt64, label: String) { source = SeededRandom(seed: seed, label: label) }

  /// A uniform draw in [0, 1).
  mutating func uniform() -> Double { Double(source.next() >> 11) * 0x1p-53 }

  /// An exponential draw with this rate (mean 1/rate): Poisson inter-arrival times.
  mutating func exponential(rate: Double) -> Double { -log(1 - uniform()) / rate }

  /// A standard normal draw (Box-Muller; each pair of uniforms gives two draws).
  mutating func normal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    let u1 = max(uniform(), 1e-300)
    let u2 = uniform()
    let radius = sqrt(-2 * log(u1))
    spareNormal = radius * sin(2 * Double.pi * u2)
    return radius * cos(2 * Double.pi * u2)
  }
}

/// A log-normal latency distribution given by its median and 99th percentile.
struct LatencySampler {
  let median: Double
  let sigma: Double

  init(_ latency: Scenario.Latency) {
    median = latency.median
    sigma = latency.median > 0 && latency.p99 > latency.median ? log(latency.p99 / latency.median) / 2.3263 : 0
  }

  func sample(_ random: inout SimRandom) -> Double {
    guard median > 0 else { return 0 }
    return sigma == 0 ? median : median * exp(sigma * random.normal())
  }
}
