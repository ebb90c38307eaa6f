import Conformance

/// The breakers between the gateway and the services, on the simulation's virtual clock (seconds from 0).
///
/// The gateway begins a call when it dispatches it and learns whether the breaker admitted it one gateway
/// overhead later (`Scenario.Tier.overhead`): that lookahead lets a breaker under test answer every call
/// begun meanwhile in one `batch` request. The call's outcome is known only when it is asked about and
/// when it finishes. States read after each operation are appended to `observed`, oldest first.
public protocol SimulatedBreakers: AnyObject {
  /// Starts a call through the breaker of `service` at `now`; a ticket for `admitted` and `finish`.
  func begin(service: Int, at now: Double) -> Int
  /// Whether the call was admitted; `outcome` is how it will end if it was (needed by subjects without batches).
  func admitted(_ ticket: Int, outcome: Outcome) throws(SimulationError) -> Bool
  /// Records the end of an admitted call at `now`.
  func finish(_ ticket: Int, outcome: Outcome, at now: Double)
  /// Makes the states up to now known: a subject answers the operations it holds.
  func settle() throws(SimulationError)
  /// States read after operations and not yet taken by the simulator.
  var observed: [StateObservation] { get set }
  /// Ends the subject behind the breakers, if any.
  func terminate()
}

/// A breaker's state read after one operation.
public struct StateObservation: Sendable, Equatable {
  public var service: Int
  public var time: Double
  public var state: BreakerState
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

/// The in-process reference breakers (with the bulkhead of `max_concurrent_calls` when configured).
public final class ReferenceSimBreakers: SimulatedBreakers {
  private var breakers: [ReferenceBreaker]
  /// Per ticket: the service and the breaker's ticket (`nil` once rejected).
  private var tickets: [(service: Int, ticket: ReferenceBreaker.Ticket?)] = []
  private var free: [Int] = []
  public var observed: [StateObservation] = []

  /// One breaker per configuration, in service order.
  public init(configs: [BreakerConfig], profile: Profile) {
    breakers = configs.map { ReferenceBreaker(config: $0, profile: profile) }
  }

  public func begin(service: Int, at now: Double) -> Int {
    let ticket = breakers[service].admit(at: now)
    observed.append(StateObservation(service: service, time: now, state: breakers[service].state))
    if let handle = free.popLast() {
      tickets[handle] = (service, ticket)
      return handle
    }
    tickets.append((service, ticket))
    return tickets.count - 1
  }

  public func admitted(_ ticket: Int, outcome: Outcome) -> Bool {
    if tickets[ticket].ticket != nil { return true }
    free.append(ticket)
    return false
  }

  public func finish(_ ticket: Int, outcome: Outcome, at now: Double) {
    let (service, admitted) = tickets[ticket]
    free.append(ticket)
    guard let admitted else { return }
    breakers[service].complete(admitted, outcome, at: now)
    observed.append(StateObservation(service: service, time: now, state: breakers[service].state))
  }

  public func settle() {}

  public func terminate() {}
}
