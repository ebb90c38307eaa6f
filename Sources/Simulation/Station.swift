/// A pool of workers in front of a FIFO queue, computed when a request arrives (services and databases).
///
/// Requests are served in arrival order by the first worker to become free, so a request's start time is
/// known as soon as it arrives: it is the later of its arrival and the earliest time a worker is free
/// (Lindley's recursion for a multi-server queue). A request whose caller will have given up before it
/// starts is skipped when it reaches the head of the queue, so it costs no worker time; it still takes a
/// place in the queue until then. That lets the simulator know a call's outcome when the call starts.
struct Station {
  /// How a request was received.
  enum Admission {
    /// The queue was full: refused at once.
    case refused
    /// The caller gives up before a worker takes it.
    case abandoned
    /// A worker takes it at this time.
    case start(Double)
  }

  let name: String
  let workers: Int
  /// Places in the queue; `nil` means unbounded.
  let queueLimit: Int?
  let latency: LatencySampler
  /// Faults on this station, in the scenario's order.
  let faults: [Scenario.Fault]
  var random: SimRandom
  /// Times at which each worker becomes free, as a binary min-heap.
  private var free: [Double]
  /// Times at which queued requests leave the queue (start or are skipped), in non-decreasing order.
  private var waiting = RingBuffer<Double>(capacity: 64)
  /// Per second: requests that found every worker busy.
  var saturated: [Int32]
  /// When a request first found every worker busy.
  private(set) var firstSaturated: Double?

  init(
    name: String, workers: Int, queueLimit: Int?, latency: Scenario.Latency, faults: [Scenario.Fault],
    seed: UInt64, seconds: Int
  ) {
    self.name = name
    self.workers = workers
    self.queueLimit = queueLimit
    self.latency = LatencySampler(latency)
    self.faults = faults
    random = SimRandom(seed: seed, label: "station:" + name)
    free = Array(repeating: 0, count: workers)
    saturated = Array(repeating: 0, count: seconds)
  }

  /// How a request arriving at `now`, whose caller waits until `deadline`, would be received.
  ///
  /// Nothing changes until `commit`: a breaker may still reject the call.
  mutating func peek(at now: Double, deadline: Double) -> Admission {
    while let head = waiting.first, head <= now { _ = waiting.popFirst() }
    let start = max(now, free[0])
    if start > now, let queueLimit, waiting.count >= queueLimit { return .refused }
    return start > deadline ? .abandoned : .start(start)
  }

  /// Receives the request of the last `peek`; a started request holds its worker until `finish`.
  mutating func commit(_ admission: Admission, at now: Double, deadline: Double, finish: Double) {
    if free[0] > now {
      let second = Int(now)
      if second >= 0, second < saturated.count { saturated[second] += 1 }
      if firstSaturated == nil { firstSaturated = now }
    }
    switch admission {
    case .refused:
      break
    case .abandoned:
      waiting.append(deadline)
    case .start(let start):
      if start > now { waiting.append(start) }
      free[0] = finish
      siftDown()
    }
  }

  /// The processing time of a request starting at `start`, and whether it succeeds.
  mutating func work(at start: Double) -> (seconds: Double, ok: Bool) {
    var seconds = latency.sample(&random)
    var ok = true
    for fault in faults where fault.start <= start && start < fault.end {
      if let slow = fault.latency { seconds = slow }
      if let rate = fault.errorRate, random.uniform() < rate { ok = false }
    }
    return (seconds, ok)
  }

  /// Workers busy at `now`.
  func busy(at now: Double) -> Int { free.reduce(0) { $0 + ($1 > now ? 1 : 0) } }

  private mutating func siftDown() {
    var parent = 0
    let item = free[0]
    while true {
      var child = 2 * parent + 1
      if child >= workers { break }
      if child + 1 < workers, free[child + 1] < free[child] { child += 1 }
      guard free[child] < item else { break }
      free[parent] = free[child]
      parent = child
    }
    free[parent] = item
  }
}
