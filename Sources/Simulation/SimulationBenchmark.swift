import Foundation

/// A baseline for `scripts/bench-simulate.sh`: the bare cost of the event queue a run uses.
///
/// The simulator's speed is reported as a ratio to this loop, measured in the same process and run, so
/// the figure does not depend on how fast or how busy the machine is.
public enum SimulationBenchmark {
  /// Pushes and pops `events` events through an event queue kept about `depth` deep; returns seconds taken.
  public static func baseline(events: Int, depth: Int = 4096) -> Double {
    var queue = EventQueue(capacity: depth * 2)
    var random = SimRandom(seed: 1, label: "baseline")
    var now = 0.0
    for index in 0..<depth { queue.push(random.uniform() * 10, .callEnd, Int32(index)) }
    let started = Date()
    var checksum = 0.0
    for _ in 0..<events {
      guard let event = queue.pop() else { break }
      now = event.time
      checksum += now
      queue.push(now + random.exponential(rate: 100), event.kind, event.index)
    }
    let elapsed = Date().timeIntervalSince(started)
    if checksum.isNaN { print(checksum) }
    return elapsed
  }
}
