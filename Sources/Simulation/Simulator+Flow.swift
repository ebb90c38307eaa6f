import Conformance

/// The life of a page request: web thread, gateway thread, service calls through breakers, answer.
extension Simulator {
  mutating func arrive() {
    let next = now + arrivals.exponential(rate: scenario.rate)
    if next < scenario.duration { events.push(next, .arrival, 0) }
    let draw = arrivals.uniform()
    let kind = cumulative.firstIndex { draw < $0 } ?? (cumulative.count - 1)
    let page = Int32(pages.count)
    pages.append(PageState(arrival: now, kind: UInt8(kind)))
    if web.hasFreeWorker {
      webStart(page)
    } else if !web.enqueue(page, at: now) {
      pages[Int(page)].webDone = true
      finish(page, .webRefused)
    }
  }

  mutating func webStart(_ page: Int32) {
    web.take(at: now)
    let call = now + webLatency.sampler.sample(&webLatency.random)
    events.push(call, .gatewayArrive, page)
    events.push(call + scenario.web.timeout, .webDeadline, page)
  }

  mutating func gatewayArrive(_ page: Int32) {
    if pages[Int(page)].webDone { return }
    if gateway.hasFreeWorker {
      gatewayStart(page)
    } else if !gateway.enqueue(page, at: now) {
      webReply(page, .gatewayRefused)
    }
  }

  mutating func gatewayStart(_ page: Int32) {
    gateway.take(at: now)
    let index = Int(page)
    pages[index].gatewayStart = now
    let list = needs[Int(pages[index].kind)]
    guard !list.isEmpty else { return gatewayDone(page) }
    pages[index].pending = UInt8(list.count)
    for service in list { dispatch(page, service: service, attempt: 0) }
  }

  /// Sends one attempt of a call: the breaker is asked now, and the gateway acts on its answer (or the
  /// call reaches the service) after the gateway's overhead.
  mutating func dispatch(_ page: Int32, service: Int, attempt: Int) {
    let ticket = breakers?.begin(service: service, at: now) ?? -1
    let call = CallState(
      page: page, service: service, attempt: attempt, ticket: ticket, deadline: now + services[service].config.timeout,
      outcome: .success, answered: false)
    let slot: Int32
    if let reused = freeCalls.popLast() {
      slot = reused
      calls[Int(slot)] = call
    } else {
      slot = Int32(calls.count)
      calls.append(call)
    }
    events.push(now + overhead, .callStart, slot)
  }

  /// The call leaves the gateway: rejected by its breaker, or sent to the service.
  mutating func callStart(_ slot: Int32) throws(SimulationError) {
    let call = calls[Int(slot)]
    let plan = services[call.service].plan(at: now, deadline: call.deadline)
    let inTime = plan.reply <= call.deadline
    let outcome: Outcome = inTime && plan.ok ? .success : .failure
    if let breakers, try !breakers.admitted(call.ticket, outcome: outcome) {
      freeCalls.append(slot)
      recorder.rejected[call.service] += 1
      return resolve(call.page, service: call.service, ok: false)
    }
    services[call.service].send(plan)
    calls[Int(slot)].outcome = outcome
    calls[Int(slot)].answered = inTime
    events.push(inTime ? plan.reply : call.deadline, .callEnd, slot)
  }

  mutating func callEnd(_ slot: Int32) {
    let call = calls[Int(slot)]
    freeCalls.append(slot)
    breakers?.finish(call.ticket, outcome: call.outcome, at: now)
    if call.outcome == .success { return resolve(call.page, service: call.service, ok: true) }
    if call.answered { recorder.errors[call.service] += 1 } else { recorder.timeouts[call.service] += 1 }
    if call.attempt < services[call.service].config.retries {
      dispatch(call.page, service: call.service, attempt: call.attempt + 1)
    } else {
      resolve(call.page, service: call.service, ok: false)
    }
  }

  /// A needed service's answer (or its absence) is settled for the page.
  mutating func resolve(_ page: Int32, service: Int, ok: Bool) {
    let index = Int(page)
    recorder.demand(service: service, start: pages[index].gatewayStart, now: now, live: ok)
    if !ok {
      if optional[Int(pages[index].kind)] & (1 << UInt32(service)) != 0 {
        pages[index].degraded = true
      } else {
        pages[index].failed = true
      }
    }
    pages[index].pending -= 1
    if pages[index].pending == 0 { gatewayDone(page) }
  }

  mutating func gatewayDone(_ page: Int32) {
    gateway.release()
    let state = pages[Int(page)]
    if !state.webDone { webReply(page, state.failed ? .dependencyFailed : state.degraded ? .degraded : .served) }
    while let next = gateway.queue.popFirst() {
      if pages[Int(next)].webDone { continue }
      gatewayStart(next)
      break
    }
  }

  /// The web thread answers the user and takes the next request from its queue.
  mutating func webReply(_ page: Int32, _ outcome: PageOutcome) {
    pages[Int(page)].webDone = true
    web.release()
    finish(page, outcome)
    while let next = web.queue.popFirst() {
      if now - pages[Int(next)].arrival >= scenario.patience {
        pages[Int(next)].webDone = true
        finish(next, .userGaveUp)
        continue
      }
      webStart(next)
      break
    }
  }

  mutating func finish(_ page: Int32, _ outcome: PageOutcome) {
    let state = pages[Int(page)]
    var final = outcome
    if outcome.isServed, now - state.arrival > scenario.patience { final = .userGaveUp }
    recorder.page(kind: Int(state.kind), arrival: state.arrival, now: now, outcome: final)
  }
}
