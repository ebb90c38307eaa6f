// A correct step-6 breaker that keeps its state on a serial DispatchQueue instead of a lock.
//
// Every decision and every record is a `queue.sync` block; the operation and the fallback run outside
// it. Trials hold numbered permits of the current half-open period; a result of a call admitted before
// the last change of state is ignored. The deadline is an instant (`reopenAt`), not a start time.
import Dispatch
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let queue = DispatchQueue(label: "breaker")
  private var current = BreakerState.closed
  private var changes = 0
  private var failures = 0
  private var reopenAt: C.Instant?
  private var permits = Set<Int>()
  private var nextPermit = 0
  private var wins = 0

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { queue.sync { current } }

  var isOpen: Bool { queue.sync { current == .open && clock.now < reopenAt! } }

  private func become(_ next: BreakerState) {
    current = next
    changes += 1
    failures = 0
    permits.removeAll()
    wins = 0
    if next == .open { reopenAt = clock.now.advanced(by: configuration.recoveryTimeout) }
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    try call(operation, fallback: { throw $0 })
  }

  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    let admitted: (Int, Int?)? = queue.sync {
      if current == .open {
        guard clock.now >= reopenAt! else { return nil }
        become(.halfOpen)
      }
      guard current == .halfOpen else { return (changes, nil) }
      guard permits.count < configuration.halfOpenMaxCalls else { return nil }
      nextPermit += 1
      permits.insert(nextPermit)
      return (changes, nextPermit)
    }
    guard let (epoch, permit) = admitted else {
      return try fallback(CircuitOpenError())
    }
    do {
      let value = try operation()
      record(epoch, permit, failed: false)
      return value
    } catch {
      record(epoch, permit, failed: configuration.isFailure(error) ? true : nil)
      throw error
    }
  }

  private func record(_ epoch: Int, _ permit: Int?, failed: Bool?) {
    queue.sync {
      guard epoch == changes else { return }
      if let permit { permits.remove(permit) }
      guard let failed else { return }
      if current == .halfOpen {
        if failed {
          become(.open)
        } else {
          wins += 1
          if wins >= configuration.successThreshold { become(.closed) }
        }
      } else if failed {
        failures += 1
        if failures >= configuration.failureThreshold { become(.open) }
      } else {
        failures = 0
      }
    }
  }
}
