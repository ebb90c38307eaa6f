import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

#if canImport(Glibc)
  import Glibc
#endif

/// Grades every submission of a folder for the chosen steps, in parallel, under the sandbox and limits.
public final class Grader: @unchecked Sendable {
  public let content: ContentRoot
  public let options: GradingOptions
  public let sandbox: Sandbox
  let store: ResultStore
  private var runners: [Int: SubmissionRunner] = [:]
  private let lock = NSLock()
  private var queue: JobQueue?
  private var activeSlots: [Int: WorkerSlot] = [:]

  /// The entries of the submissions folder that are not submissions, with why (known once `run()` found them).
  public private(set) var skipped: [SubmissionFinder.Skipped] = []
  /// Called once the submissions are found, with how many will be graded.
  public var onStart: (@Sendable (Int) -> Void)?
  /// Called as each grade is known (from worker threads, one at a time); `cached` when it was reused.
  public var onGrade: (@Sendable (StepGrade, Bool) -> Void)?

  /// Prepares a run: checks the steps and the rubric, detects the sandbox.
  public init(content: ContentRoot, options: GradingOptions) throws {
    self.content = content
    self.options = options
    store = ResultStore(out: options.out)
    var limits = SubjectLimits()
    limits.replyTimeout = options.replyTimeout
    limits.cpuSeconds = max(5, Int(options.timeout.rounded(.up)))
    limits.memoryMiB = options.memoryMiB
    limits.maxOutputBytes = options.maxOutputBytes
    sandbox = try Sandbox.detect(mode: options.sandbox, maxProcesses: options.maxProcesses)
    // `ulimit -u` counts every process of the user: as root every submission runs as `nobody`, so the
    // workers share that count (each one's own cap is its pids cgroup).
    limits.maxProcesses =
      geteuid() == 0
      ? options.maxProcesses.multipliedReportingOverflow(by: max(1, options.jobs)).partialValue
        + Grader.userTasks(uid_t(Sandbox.unprivilegedID))
      : options.maxProcesses + Grader.userTasks(getuid())
    var checker = StepChecker(content: content, limits: limits, cacheDirectory: options.buildCache)
    checker.variants = options.variants
    var print = Fingerprint()
    for track in ["python", "swift"] {
      print.addFolder(content.url.appendingPathComponent("adapters/\(track)"), recursive: true)
    }
    let adapters = print.hex
    for step in options.steps {
      let exercise: Exercise
      do {
        exercise = try checker.exercise(step)
      } catch {
        throw GradingError.stepNotGradable(step: step.number, reason: "\(error)")
      }
      // The exploration's budget: the flag, else the rubric's `explore_runs` for the step, else the default.
      var stepChecker = checker
      if let runs = options.exploreRuns ?? options.rubric.overrides(for: step.number).exploreRuns {
        stepChecker.exploration.runs = runs
      }
      let scorer: GradeScorer
      if exercise.manifest.kind == .simulation {
        // The capstone: its checks judge the cascade simulation run with the learner's breaker.
        scorer = try GradeScorer(
          step: step, capstone: CapstonePlan(manifest: exercise.manifest), rubric: options.rubric, seed: options.seed)
      } else {
        let (_, plan) = try stepChecker.plan(for: exercise, seed: options.seed)
        scorer = try GradeScorer(step: step, plan: plan, rubric: options.rubric, seed: options.seed)
      }
      runners[step.number] = SubmissionRunner(
        checker: stepChecker, scorer: scorer, sandbox: sandbox, options: options, store: store, adapters: adapters)
    }
  }

  deinit { sandbox.cgroups?.remove() }

  /// Finds the submissions (of this shard) and grades them; returns the grades sorted by student and step.
  public func run() throws -> [StepGrade] {
    // A subject that exits while the driver writes to it must give EPIPE (a crash result), not kill the run.
    signal(SIGPIPE, SIG_IGN)
    let work = options.out.appendingPathComponent(".work")
    let finder = SubmissionFinder(
      content: content, steps: options.steps, work: work.appendingPathComponent("found"), single: options.single)
    let found = try finder.findAll(in: options.submissions)
    var submissions = found.submissions
    // The output folder may sit inside the submissions folder: it is no student.
    let out = options.out.resolvingSymlinksInPath().standardizedFileURL.path
    submissions.removeAll { $0.root.resolvingSymlinksInPath().standardizedFileURL.path == out }
    skipped = found.skipped
    if let shard = options.shard { submissions = submissions.filter { shard.contains($0.student) } }
    var info = RunInfo(options: options, submissions: submissions)
    info.sandbox = sandbox.label
    info.skipped = skipped
    try info.save(in: options.out)
    onStart?(submissions.count)
    let queue = JobQueue(count: submissions.count)
    lock.withLock { self.queue = queue }
    let group = DispatchGroup()
    let jobs = submissions
    for index in 0..<max(1, min(options.jobs, submissions.count)) {
      let slot = WorkerSlot(index: index, work: work)
      group.enter()
      let thread = Thread { [self] in
        defer { group.leave() }
        while let job = queue.take() {
          lock.withLock { activeSlots[index] = slot }
          let (grade, cached) = grade(jobs[job], slot: slot)
          lock.withLock { activeSlots[index] = nil }
          if queue.isCancelled { return }
          do {
            if !cached { try store.save(grade) }
          } catch {
            queue.fail(error)
            return
          }
          queue.finish(job, grade) { onGrade?(grade, cached) }
        }
      }
      thread.stackSize = 4 << 20
      thread.start()
    }
    group.wait()
    sandbox.cgroups?.remove()
    try? FileManager.default.removeItem(at: work)
    if let failure = queue.failure { throw failure }
    return queue.results
  }

  /// Grades one submission, or reuses its stored grade.
  func grade(_ submission: Submission, slot: WorkerSlot) -> (StepGrade, Bool) {
    guard let runner = runners[submission.step.number] else {
      preconditionFailure("no runner for step \(submission.step.number)")
    }
    if let stored = runner.cached(submission) { return (stored, true) }
    var grade = runner.grade(submission, slot: slot)
    grade.sandbox = sandbox.label
    grade.seeds = options.seeds
    return (grade, false)
  }

  /// Stops the run: no new submission starts, the running ones are killed and not recorded.
  public func cancel() {
    let slots = lock.withLock {
      queue?.cancel()
      return Array(activeSlots.values)
    }
    for slot in slots { slot.kill() }
    sandbox.cgroups?.killEverything()
  }

  /// Whether `cancel()` was called.
  public var wasCancelled: Bool { lock.withLock { queue?.isCancelled ?? false } }

  /// Tasks (processes and threads) the current user already has: `ulimit -u` counts them too.
  static func userTasks(_ uid: uid_t) -> Int {
    var count = 0
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(name) != nil {
      var info = stat()
      guard stat("/proc/\(name)", &info) == 0, info.st_uid == uid else { continue }
      count += ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(name)/task"))?.count ?? 1)
    }
    return count
  }
}
