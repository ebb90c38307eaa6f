import Conformance

/// A breaker between the gateway and one service, on the simulation's virtual clock (seconds from 0).
///
/// The simulator asks `admit` when a call starts, with the outcome the call will have (the services are
/// computed at dispatch, see `Station`), and reports `complete` when the call ends.
public protocol SimulatedBreaker: AnyObject {
  /// Decides whether a call starting at `now` runs: a handle to pass to `complete`, or `nil` if rejected.
  func admit(at now: Double, outcome: Outcome) throws(SimulationError) -> Int?
  /// Records the end of an admitted call at `now`.
  func complete(_ handle: Int, outcome: Outcome, at now: Double) throws(SimulationError)
  /// The state after the last operation.
  var state: BreakerState { get }
}

/// Which breaker sits between the gateway and each service.
public enum BreakerChoice: Sendable {
  /// No breaker: every call goes to the service.
  case none
  /// The reference breaker of `Conformance`, in process, with the scenario's configuration and profile.
  case reference
  /// A breaker under test, driven through the wire protocol on the simulation's clock.
  case subject(any SubjectFactory, label: String)

  /// The name shown in reports: `none`, `reference` or the learner's file.
  public var label: String {
    switch self {
    case .none: "none"
    case .reference: "reference"
    case .subject(_, let label): label
    }
  }
}

/// The in-process reference breaker, plus the bulkhead (`max_concurrent_calls`) when configured.
public final class ReferenceSimBreaker: SimulatedBreaker {
  private var breaker: ReferenceBreaker
  private var tickets: [ReferenceBreaker.Ticket?] = []
  private var freeHandles: [Int] = []
  private let bulkhead: Int?
  private var inFlight = 0

  public init(config: BreakerConfig, profile: Profile) {
    breaker = ReferenceBreaker(config: config, profile: profile)
    bulkhead = config.maxConcurrentCalls
  }

  public var state: BreakerState { breaker.state }

  public func admit(at now: Double, outcome: Outcome) -> Int? {
    if let bulkhead, inFlight >= bulkhead { return nil }
    guard let ticket = breaker.admit(at: now) else { return nil }
    inFlight += 1
    if let handle = freeHandles.popLast() {
      tickets[handle] = ticket
      return handle
    }
    tickets.append(ticket)
    return tickets.count - 1
  }

  public func complete(_ handle: Int, outcome: Outcome, at now: Double) {
    guard let ticket = tickets[handle] else { return }
    tickets[handle] = nil
    freeHandles.append(handle)
    inFlight -= 1
    breaker.complete(ticket, outcome, at: now)
  }
}
