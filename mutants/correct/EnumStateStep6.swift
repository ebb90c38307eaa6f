// A correct step-6 breaker whose state is its own enum with associated values, exposed as it is: the
// adapter names `.open(until:)` OPEN. Written independently of the reference solution; the lock is a
// serial DispatchQueue and trial permits are a set of tokens.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  enum Mode {
    case closed(failures: Int)
    case open(until: C.Instant)
    case halfOpen(tokens: Set<Int>, successes: Int)
  }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let queue = DispatchQueue(label: "breaker")
  private var mode: Mode = .closed(failures: 0)
  private var epoch = 0
  private var nextToken = 0

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: Mode { queue.sync { mode } }

  var isOpen: Bool {
    queue.sync {
      if case .open(let until) = mode { return clock.now < until }
      return false
    }
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    try run(operation, try queue.sync { try admit() })
  }

  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    let ticket: (epoch: Int, token: Int?)
    do { ticket = try queue.sync { try admit() } } catch { return try fallback(error) }
    return try run(operation, ticket)
  }

  private func admit() throws -> (epoch: Int, token: Int?) {
    let now = clock.now
    if case .open(let until) = mode {
      guard now >= until else { throw CircuitOpenError() }
      switchTo(.halfOpen(tokens: [], successes: 0))
    }
    guard case .halfOpen(var tokens, let successes) = mode else { return (epoch, nil) }
    guard tokens.count < configuration.halfOpenMaxCalls else { throw CircuitOpenError() }
    nextToken += 1
    tokens.insert(nextToken)
    mode = .halfOpen(tokens: tokens, successes: successes)
    return (epoch, nextToken)
  }

  private func run<T>(_ operation: () throws -> T, _ ticket: (epoch: Int, token: Int?)) throws -> T {
    do {
      let value = try operation()
      settle(ticket, counted: true, failed: false)
      return value
    } catch {
      settle(ticket, counted: configuration.isFailure(error), failed: true)
      throw error
    }
  }

  private func settle(_ ticket: (epoch: Int, token: Int?), counted: Bool, failed: Bool) {
    queue.sync {
      guard ticket.epoch == epoch else { return }
      let now = clock.now
      switch mode {
      case .closed(let failures):
        guard counted else { return }
        let total = failed ? failures + 1 : 0
        if total >= configuration.failureThreshold {
          switchTo(.open(until: now.advanced(by: configuration.recoveryTimeout)))
        } else {
          mode = .closed(failures: total)
        }
      case .halfOpen(var tokens, let successes):
        if let token = ticket.token { tokens.remove(token) }
        if !counted {
          mode = .halfOpen(tokens: tokens, successes: successes)
        } else if failed {
          switchTo(.open(until: now.advanced(by: configuration.recoveryTimeout)))
        } else if successes + 1 >= configuration.successThreshold {
          switchTo(.closed(failures: 0))
        } else {
          mode = .halfOpen(tokens: tokens, successes: successes + 1)
        }
      case .open:
        break
      }
    }
  }

  private func switchTo(_ next: Mode) {
    mode = next
    epoch += 1
  }
}
