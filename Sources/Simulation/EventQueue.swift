/// One scheduled happening of the simulation.
struct Event {
  /// What happens.
  enum Kind: UInt8 {
    /// A user requests a page.
    case arrival
    /// A web thread's request reaches the gateway.
    case gatewayArrive
    /// A web thread stops waiting for the gateway.
    case webDeadline
    /// A gateway-to-service call leaves the gateway, after its overhead: sent, or rejected by the breaker.
    case callStart
    /// A gateway-to-service call ends (reply, error or timeout).
    case callEnd
  }

  var time: Double
  var seq: UInt64
  var kind: Kind
  /// The page or call the event is about.
  var index: Int32
}

/// The priority queue of events on the virtual clock: a binary min-heap by time, then insertion order.
///
/// Ties are broken by a sequence number, so a run is deterministic whatever the heap's internal order.
struct EventQueue {
  private var heap: [Event] = []
  private var seq: UInt64 = 0

  init(capacity: Int = 4096) { heap.reserveCapacity(capacity) }

  var isEmpty: Bool { heap.isEmpty }
  var count: Int { heap.count }

  @inline(__always)
  private static func before(_ a: Event, _ b: Event) -> Bool {
    a.time < b.time || (a.time == b.time && a.seq < b.seq)
  }

  /// Schedules an event.
  mutating func push(_ time: Double, _ kind: Event.Kind, _ index: Int32) {
    seq &+= 1
    var child = heap.count
    heap.append(Event(time: time, seq: seq, kind: kind, index: index))
    let item = heap[child]
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.before(item, heap[parent]) else { break }
      heap[child] = heap[parent]
      child = parent
    }
    heap[child] = item
  }

  /// Removes and returns the earliest event.
  mutating func pop() -> Event? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    var parent = 0
    let count = heap.count
    while true {
      var child = 2 * parent + 1
      if child >= count { break }
      if child + 1 < count, Self.before(heap[child + 1], heap[child]) { child += 1 }
      guard Self.before(heap[child], last) else { break }
      heap[parent] = heap[child]
      parent = child
    }
    heap[parent] = last
    return top
  }
}
