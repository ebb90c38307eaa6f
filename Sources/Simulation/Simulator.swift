import Conformance
import SimulationResults

/// Runs a scenario once with one breaker choice: a seeded discrete-event simulation on a virtual clock.
///
/// Users' page requests arrive at the web tier, take a web thread, call the gateway, which takes a
/// gateway thread and calls the services the page needs in parallel through their breakers, and holds
/// the thread until every call has ended. See `docs/simulation.md` for the whole model.
public struct Simulator {
  struct PageState {
    var arrival: Double
    var kind: UInt8
    var pending: UInt8 = 0
    var webDone = false
    var failed = false
    var degraded = false
    var gatewayStart = 0.0
  }

  struct CallState {
    var page: Int32
    var service: Int
    var attempt: Int
    /// The breakers' ticket, `-1` without breakers.
    var ticket: Int
    /// When the gateway stops waiting for the call.
    var deadline: Double
    var outcome: Outcome
    /// Whether the service answered (with an error) before the timeout.
    var answered: Bool
  }

  let scenario: Scenario
  let choice: BreakerChoice
  let seconds: Int
  /// The gateway's own time on each service call before it leaves or its rejection is handled.
  let overhead: Double
  var now = 0.0
  var events = EventQueue(capacity: 1 << 16)
  var arrivals: SimRandom
  var webLatency: (sampler: LatencySampler, random: SimRandom)
  var web: PoolTier
  var gateway: PoolTier
  var services: [ServiceModel]
  var breakers: (any SimulatedBreakers)?
  var breakerStates: [BreakerState]
  var recorder: Recorder
  var pages: [PageState] = []
  var calls: [CallState] = []
  var freeCalls: [Int32] = []
  /// Page kinds: cumulative shares, needed services, optional services.
  let cumulative: [Double]
  let needs: [[Int]]
  /// Per page kind, a bit per optional service.
  let optional: [UInt32]
  /// [station][second]: workers busy at the start of the second (service, then its database).
  var stationBusy: [[Int]] = []
  /// Events handled so far.
  var eventCount = 0
  /// Told of every simulated second: seconds done, seconds in all.
  var progress: ((Int, Int) -> Void)?

  /// Prepares a run; `seed` and `duration` override the scenario's.
  public init(scenario: Scenario, breaker: BreakerChoice, seed: UInt64? = nil, duration: Double? = nil) {
    var scenario = scenario
    if let seed { scenario.seed = seed }
    if let duration { scenario.duration = duration }
    self.scenario = scenario
    choice = breaker
    seconds = max(1, Int(scenario.duration.rounded(.up)))
    overhead = scenario.gateway.overhead
    arrivals = SimRandom(seed: scenario.seed, label: "arrivals")
    webLatency = (LatencySampler(scenario.web.latency), SimRandom(seed: scenario.seed, label: "web"))
    web = PoolTier(name: "web", workers: scenario.web.workers, queue: scenario.web.queue, seconds: seconds)
    gateway = PoolTier(
      name: "gateway", workers: scenario.gateway.workers, queue: scenario.gateway.queue, seconds: seconds)
    services = scenario.services.map {
      ServiceModel(
        $0, faults: scenario.faults, seed: scenario.seed, seconds: max(1, Int(scenario.duration.rounded(.up))))
    }
    stationBusy = Array(repeating: Array(repeating: 0, count: seconds), count: scenario.services.count * 2)
    breakerStates = Array(repeating: .closed, count: scenario.services.count)
    recorder = Recorder(seconds: seconds, pages: scenario.pages.count, services: scenario.services.count)
    let total = scenario.pages.map(\.share).reduce(0, +)
    var running = 0.0
    cumulative = scenario.pages.map {
      running += $0.share / total
      return running
    }
    needs = scenario.pages.map { page in page.needs.compactMap { scenario.serviceIndex($0) } }
    optional = scenario.pages.map { page in
      page.optional.compactMap { scenario.serviceIndex($0) }.reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
    }
    pages.reserveCapacity(Int(scenario.rate * scenario.duration) + 16)
  }

  /// Runs the whole scenario and returns its figures; `progress` hears of every simulated second
  /// (seconds done, seconds in all).
  public func run(progress: ((Int, Int) -> Void)? = nil) throws(SimulationError) -> SimulationResult {
    var engine = self
    engine.progress = progress
    return try engine.execute()
  }

  /// The event loop; a struct's mutating method, so the hot state needs no dynamic exclusivity checks.
  private mutating func execute() throws(SimulationError) -> SimulationResult {
    try makeBreakers()
    defer { breakers?.terminate() }
    events.push(arrivals.exponential(rate: scenario.rate), .arrival, 0)
    var nextTick = 0
    while let event = events.pop() {
      now = event.time
      eventCount += 1
      while Double(nextTick) <= now, nextTick < seconds {
        try tick(nextTick)
        nextTick += 1
      }
      switch event.kind {
      case .arrival: arrive()
      case .gatewayArrive: gatewayArrive(event.index)
      case .webDeadline: if !pages[Int(event.index)].webDone { webReply(event.index, .gatewayTimeout) }
      case .callStart: try callStart(event.index)
      case .callEnd: callEnd(event.index)
      }
      if let breakers, !breakers.observed.isEmpty { takeObserved(breakers) }
    }
    while nextTick < seconds {
      try tick(nextTick)
      nextTick += 1
    }
    recorder.flushLatency(upTo: seconds)
    return ResultBuilder(simulator: self).build()
  }

  private mutating func makeBreakers() throws(SimulationError) {
    let plan = scenario.breakers
    let configs = scenario.services.map { plan.config(for: $0.name) }
    switch choice {
    case .none:
      return
    case .reference:
      breakers = ReferenceSimBreakers(configs: configs, profile: plan.profile)
    case .subject(let factory, _):
      let subject: any Subject
      do { subject = try factory.launch() } catch { throw .subjectFailed(error.description) }
      do {
        breakers = try SubjectSimBreakers(subject: subject, names: scenario.services.map(\.name), configs: configs)
      } catch {
        subject.terminate()
        throw error
      }
    }
  }

  /// Passes the states the breakers read to the recorder, in order.
  private mutating func takeObserved(_ breakers: any SimulatedBreakers) {
    for observation in breakers.observed {
      recorder.breaker(
        service: observation.service, state: observation.state, previous: breakerStates[observation.service],
        at: observation.time)
      breakerStates[observation.service] = observation.state
    }
    breakers.observed.removeAll(keepingCapacity: true)
  }

  private mutating func tick(_ second: Int) throws(SimulationError) {
    if let breakers {
      try breakers.settle()
      takeObserved(breakers)
    }
    web.tick(second)
    gateway.tick(second)
    for (index, model) in services.enumerated() {
      stationBusy[2 * index][second] = model.service.busy(at: Double(second))
      stationBusy[2 * index + 1][second] = model.database.busy(at: Double(second))
    }
    for index in breakerStates.indices {
      recorder.breaker(service: index, state: breakerStates[index], previous: breakerStates[index], at: Double(second))
    }
    recorder.flushLatency(upTo: second)
    progress?(second, seconds)
  }
}
