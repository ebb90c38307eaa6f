/// A back-end service and its database, answering the gateway's calls.
///
/// A call takes a service worker, runs the service's own work, then waits for a database connection and
/// the query; the worker is held until the query returns (there is no database timeout, as with JDBC's
/// default). The reply time and success are known when the call is made, before it is sent.
struct ServiceModel {
  /// A call worked out but not yet sent: the breaker may still reject it.
  struct Plan {
    var now: Double
    var deadline: Double
    var service: Station.Admission
    var database: Station.Admission?
    var queryArrival: Double
    var queryEnd: Double
    /// When the reply reaches the gateway (`infinity`: never, the call was abandoned in the queue).
    var reply: Double
    var ok: Bool
  }

  let config: Scenario.Service
  var service: Station
  var database: Station

  init(_ config: Scenario.Service, faults: [Scenario.Fault], seed: UInt64, seconds: Int) {
    self.config = config
    service = Station(
      name: config.name, workers: config.workers, queueLimit: config.queue, latency: config.latency,
      faults: faults.filter { $0.target == config.name }, seed: seed, seconds: seconds)
    database = Station(
      name: config.name + "-db", workers: config.database.connections, queueLimit: nil,
      latency: config.database.latency, faults: faults.filter { $0.target == config.name + "-db" }, seed: seed,
      seconds: seconds)
  }

  /// Works out a call made at `now` by a caller that waits until `deadline`.
  ///
  /// A refused call is answered with an error after a millisecond; an abandoned one is never answered.
  mutating func plan(at now: Double, deadline: Double) -> Plan {
    var plan = Plan(
      now: now, deadline: deadline, service: .refused, database: nil, queryArrival: 0, queryEnd: 0, reply: now + 0.001,
      ok: false)
    plan.service = service.peek(at: now, deadline: deadline)
    switch plan.service {
    case .refused:
      break
    case .abandoned:
      plan.reply = .infinity
    case .start(let start):
      let own = service.work(at: start)
      plan.reply = start + own.seconds
      plan.ok = own.ok
      if own.ok {
        plan.queryArrival = plan.reply
        let admission = database.peek(at: plan.queryArrival, deadline: .infinity)
        plan.database = admission
        if case .start(let queryStart) = admission {
          let query = database.work(at: queryStart)
          plan.queryEnd = queryStart + query.seconds
          plan.reply = plan.queryEnd
          plan.ok = query.ok
        }
      }
    }
    return plan
  }

  /// Sends a planned call: its service worker and database connection are taken.
  mutating func send(_ plan: Plan) {
    if let admission = plan.database {
      database.commit(admission, at: plan.queryArrival, deadline: .infinity, finish: plan.queryEnd)
    }
    service.commit(plan.service, at: plan.now, deadline: plan.deadline, finish: plan.reply)
  }
}
