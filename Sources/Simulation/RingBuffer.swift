/// A growable first-in first-out queue over a circular array: the waiting lines of the tiers.
struct RingBuffer<Element> {
  private var storage: [Element?]
  private var head = 0
  private(set) var count = 0

  init(capacity: Int = 16) { storage = Array(repeating: nil, count: max(4, capacity)) }

  var isEmpty: Bool { count == 0 }

  /// The oldest element.
  var first: Element? { count == 0 ? nil : storage[head] }

  mutating func append(_ element: Element) {
    if count == storage.count { grow() }
    storage[(head + count) % storage.count] = element
    count += 1
  }

  mutating func popFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = storage[head]
    storage[head] = nil
    head = (head + 1) % storage.count
    count -= 1
    return element
  }

  private mutating func grow() {
    var bigger: [Element?] = Array(repeating: nil, count: storage.count * 2)
    for i in 0..<count { bigger[i] = storage[(head + i) % storage.count] }
    storage = bigger
    head = 0
  }
}
