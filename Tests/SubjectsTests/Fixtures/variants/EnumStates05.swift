// A correct step-5 breaker whose whole state is one enum with associated values.
//
// `.closed(failures:)`, `.open(since:)` and `.halfOpen(period:trials:successes:)` carry what each state
// needs; a call remembers the period it was admitted in (a counter bumped on every change), and a result
// of an older period changes nothing.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private enum Phase {
    case closed(failures: Int)
    case open(since: C.Instant)
    case halfOpen(trials: Int, successes: Int)
  }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let mutex = NSLock()
  private var phase: Phase = .closed(failures: 0)
  private var period = 0

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState {
    mutex.withLock {
      switch phase {
      case .closed: .closed
      case .open: .open
      case .halfOpen: .halfOpen
      }
    }
  }

  var isOpen: Bool {
    mutex.withLock {
      if case .open(let since) = phase { return since.duration(to: clock.now) < configuration.recoveryTimeout }
      return false
    }
  }

  private func enter(_ next: Phase) {
    phase = next
    period += 1
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    let (admittedIn, trial) = try mutex.withLock { () throws -> (Int, Bool) in
      if case .open(let since) = phase {
        guard since.duration(to: clock.now) >= configuration.recoveryTimeout else { throw CircuitOpenError() }
        enter(.halfOpen(trials: 0, successes: 0))
      }
      if case .halfOpen(let trials, let successes) = phase {
        guard trials < configuration.halfOpenMaxCalls else { throw CircuitOpenError() }
        phase = .halfOpen(trials: trials + 1, successes: successes)
        return (period, true)
      }
      return (period, false)
    }
    let value: T
    do {
      value = try operation()
    } catch {
      settle(admittedIn, trial, counted: configuration.isFailure(error) ? true : nil)
      throw error
    }
    settle(admittedIn, trial, counted: false)
    return value
  }

  /// `counted` is true for a counted failure, false for a success, nil for an uncounted error.
  private func settle(_ admittedIn: Int, _ trial: Bool, counted failed: Bool?) {
    mutex.withLock {
      guard admittedIn == period else { return }
      switch phase {
      case .closed(let failures):
        guard let failed else { return }
        let now = failed ? failures + 1 : 0
        if now >= configuration.failureThreshold {
          enter(.open(since: clock.now))
        } else {
          phase = .closed(failures: now)
        }
      case .halfOpen(let trials, let successes):
        let left = trial ? trials - 1 : trials
        switch failed {
        case .none: phase = .halfOpen(trials: left, successes: successes)
        case .some(true): enter(.open(since: clock.now))
        case .some(false):
          if successes + 1 >= configuration.successThreshold {
            enter(.closed(failures: 0))
          } else {
            phase = .halfOpen(trials: left, successes: successes + 1)
          }
        }
      case .open:
        break
      }
    }
  }
}
