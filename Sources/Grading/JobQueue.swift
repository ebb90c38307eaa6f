import Foundation

/// The shared state of a run's workers: the next submission to take, the grades as they come, the first
/// failure to write, and whether the run was cancelled.
final class JobQueue: @unchecked Sendable {
  private let lock = NSLock()
  private let count: Int
  private var next = 0
  private var grades: [StepGrade?]
  private(set) var failure: (any Error)?
  private var cancelled = false

  init(count: Int) {
    self.count = count
    grades = [StepGrade?](repeating: nil, count: count)
  }

  /// The index of the next submission, or nil when there is none left or the run stops.
  func take() -> Int? {
    lock.withLock {
      guard !cancelled, failure == nil, next < count else { return nil }
      next += 1
      return next - 1
    }
  }

  /// Records a grade, then calls `report` under a lock of its own, so reports come one at a time and may
  /// cancel the run.
  func finish(_ index: Int, _ grade: StepGrade, report: () -> Void) {
    lock.withLock { grades[index] = grade }
    reporting.withLock { report() }
  }

  private let reporting = NSLock()

  func fail(_ error: any Error) { lock.withLock { failure = failure ?? error } }

  func cancel() { lock.withLock { cancelled = true } }

  var isCancelled: Bool { lock.withLock { cancelled } }

  /// The grades recorded, in submission order.
  var results: [StepGrade] { lock.withLock { grades.compactMap { $0 } } }
}
