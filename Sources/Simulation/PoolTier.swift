/// A tier that holds one thread per request while it waits downstream: the web servers or the gateway.
struct PoolTier {
  let name: String
  let workers: Int
  let queueLimit: Int
  private(set) var busy = 0
  /// Requests (page indices) waiting for a thread, oldest first.
  var queue = RingBuffer<Int32>(capacity: 256)
  /// Per second: the most threads in use at once.
  private(set) var peak: [Int32]
  /// Per second: requests that found every thread busy.
  private(set) var saturated: [Int32]
  /// Per second: requests refused because the queue was full.
  private(set) var refused: [Int32]
  /// When a request first found every thread busy.
  private(set) var firstSaturated: Double?

  init(name: String, workers: Int, queue: Int, seconds: Int) {
    self.name = name
    self.workers = workers
    queueLimit = queue
    peak = Array(repeating: 0, count: seconds)
    saturated = Array(repeating: 0, count: seconds)
    refused = Array(repeating: 0, count: seconds)
  }

  var hasFreeWorker: Bool { busy < workers }

  /// Takes a thread at `now`.
  mutating func take(at now: Double) {
    busy += 1
    let second = Int(now)
    if second < peak.count, peak[second] < Int32(busy) { peak[second] = Int32(busy) }
  }

  /// Returns a thread.
  mutating func release() { busy -= 1 }

  /// Queues a request that found every thread busy; `false` when the queue is full and it is refused.
  mutating func enqueue(_ page: Int32, at now: Double) -> Bool {
    let second = Int(now)
    if second < saturated.count { saturated[second] += 1 }
    if firstSaturated == nil { firstSaturated = now }
    guard queue.count < queueLimit else {
      if second < refused.count { refused[second] += 1 }
      return false
    }
    queue.append(page)
    return true
  }

  /// Starts a new second: its peak is at least the threads in use now.
  mutating func tick(_ second: Int) {
    if second < peak.count { peak[second] = max(peak[second], Int32(busy)) }
  }
}
