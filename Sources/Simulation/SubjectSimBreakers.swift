import Conformance
import SimulationResults

/// The breakers under test, one per service in one subject, driven with `batch` (or `begin`/`finish`).
///
/// Operations are held until the simulator needs an answer: whether a call was admitted (one gateway
/// overhead after it began) or the states up to now. Then every held operation goes out in one `batch`,
/// in time order, each after the exact clock movement since the previous one. A subject without the
/// `batch` feature gets the same operations one request at a time, each `begin` carrying its outcome.
public final class SubjectSimBreakers: SimulatedBreakers {
  /// The subject's clock at simulated time 0: Black Friday 2025, 08:00 UTC.
  public static let epoch: Int64 = 1_764_316_800

  private struct Held {
    var ticket: Int
    var time: Double
    /// `nil` for a begin.
    var outcome: Outcome?
  }

  /// What the breaker decided about a call's start.
  private enum Decision: UInt8 {
    case unknown, admitted, rejected
  }

  private struct Ticket {
    var service: Int
    var call: String
    var decision: Decision
  }

  private let subject: any Subject
  private let names: [String]
  private let batched: Bool
  private var held: [Held] = []
  private var tickets: [Ticket] = []
  private var free: [Int] = []
  private var calls = 0
  /// The subject's clock, in nanoseconds since the epoch.
  private var clock: Int64 = 0
  public var observed: [StateObservation] = []
  /// Requests sent so far.
  public private(set) var requests = 0

  /// Creates a breaker per service in `subject`, named after the service, with its configuration.
  public init(subject: any Subject, names: [String], configs: [BreakerConfig]) throws(SimulationError) {
    self.subject = subject
    self.names = names
    batched = subject.info.features.contains("batch")
    for (index, name) in names.enumerated() {
      _ = try send(.create(breaker: name, config: configs[index], clock: index == 0 ? Self.epoch : nil))
    }
  }

  public func begin(service: Int, at now: Double) -> Int {
    calls += 1
    let ticket = Ticket(service: service, call: String(calls), decision: .unknown)
    let handle: Int
    if let reused = free.popLast() {
      handle = reused
      tickets[handle] = ticket
    } else {
      handle = tickets.count
      tickets.append(ticket)
    }
    held.append(Held(ticket: handle, time: now, outcome: nil))
    return handle
  }

  public func admitted(_ ticket: Int, outcome: Outcome) throws(SimulationError) -> Bool {
    if tickets[ticket].decision == .unknown {
      if batched { try flushBatch() } else { try flushOneByOne(deciding: ticket, outcome: outcome) }
    }
    if tickets[ticket].decision == .admitted { return true }
    free.append(ticket)
    return false
  }

  public func finish(_ ticket: Int, outcome: Outcome, at now: Double) {
    held.append(Held(ticket: ticket, time: now, outcome: outcome))
  }

  public func settle() throws(SimulationError) {
    if batched { try flushBatch() } else { try flushOneByOne(deciding: nil, outcome: .success) }
  }

  public func terminate() { subject.terminate() }

  private func nanoseconds(_ time: Double) -> Int64 { Int64((time * 1e9).rounded()) }

  private func send(_ request: Request) throws(SimulationError) -> Reply {
    requests += 1
    do { return try subject.perform(request) } catch { throw .subjectFailed(error.description) }
  }

  private func describe(_ held: Held) -> String {
    let ticket = tickets[held.ticket]
    let what = held.outcome == nil ? "the start" : "the end"
    return "\(what) of call \(ticket.call) on '\(names[ticket.service])' at \(SimDuration.label(held.time))"
  }

  /// Sends every held operation in one `batch` and applies the answers.
  private func flushBatch() throws(SimulationError) {
    guard !held.isEmpty else { return }
    try apply(send(.batch(events(of: held))), to: held)
    held.removeAll(keepingCapacity: true)
  }

  /// The wire events of `items`, moving the subject's clock to the last one.
  private func events(of items: [Held]) -> [BatchEvent] {
    var events: [BatchEvent] = []
    events.reserveCapacity(items.count)
    for item in items {
      let at = nanoseconds(item.time)
      let delay = max(0, at - clock)
      clock += delay
      let ticket = tickets[item.ticket]
      let kind: BatchEvent.Kind = item.outcome.map { .finish(outcome: $0) } ?? .begin(breaker: names[ticket.service])
      events.append(BatchEvent(delay: delay, call: ticket.call, kind: kind))
    }
    return events
  }

  /// Records the decisions and states a batch's reply gives for `items`.
  private func apply(_ reply: Reply, to items: [Held]) throws(SimulationError) {
    guard let answer = reply.batch, answer.results.count == items.count else {
      let results = reply.batch.map { "\($0.results.count) results" } ?? "no results"
      throw .subjectFailed("the subject answered a batch of \(items.count) events with \(results)")
    }
    for (index, item) in items.enumerated() {
      let service = tickets[item.ticket].service
      switch (answer.results[index], item.outcome) {
      case (.running, nil): tickets[item.ticket].decision = .admitted
      case (.rejected, nil): tickets[item.ticket].decision = .rejected
      case (.done, .some): free.append(item.ticket)
      default:
        let detail = answer.errors[index] ?? "result '\(answer.results[index])'"
        throw .subjectFailed("\(describe(item)) went wrong: \(detail)")
      }
      observed.append(StateObservation(service: service, time: item.time, state: answer.states[index]))
    }
  }

  /// Sends the held operations one request each, up to the begin of `deciding` (or up to the first begin
  /// whose outcome is still unknown), advancing the clock before each.
  private func flushOneByOne(deciding: Int?, outcome: Outcome) throws(SimulationError) {
    var sent = 0
    for item in held {
      if item.outcome == nil, item.ticket != deciding, tickets[item.ticket].decision == .unknown { break }
      sent += 1
      let at = nanoseconds(item.time)
      if at > clock {
        _ = try send(.advance(seconds: Double(at - clock) / 1e9))
        clock = at
      }
      let ticket = tickets[item.ticket]
      let reply: Reply
      if item.outcome != nil {
        reply = try send(.finish(call: ticket.call))
        if reply.status == .blocked || reply.result == .other {
          throw .subjectFailed("\(describe(item)) went wrong: \(reply.detail ?? "the call did not return")")
        }
        free.append(item.ticket)
      } else {
        reply = try send(
          .begin(breaker: names[ticket.service], call: ticket.call, outcome: outcome, fallback: false))
        switch reply.status {
        case .running: tickets[item.ticket].decision = .admitted
        case .completed where reply.invoked != true && reply.result != .other: tickets[item.ticket].decision = .rejected
        default:
          throw .subjectFailed(
            "\(describe(item)) went wrong: \(reply.detail ?? "status \(reply.status?.rawValue ?? "none")")")
        }
      }
      observed.append(StateObservation(service: ticket.service, time: item.time, state: reply.state ?? .closed))
      if item.ticket == deciding { break }
    }
    held.removeFirst(sent)
  }
}
