import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

/// Grades one submission of one step on one worker: cache lookup, compilation, the checks under the
/// sandbox and limits, and the reasons when the submission could not be judged.
struct SubmissionRunner: Sendable {
  let checker: StepChecker
  let scorer: GradeScorer
  let sandbox: Sandbox
  let options: GradingOptions
  let store: ResultStore
  /// The content hash of the adapters: a changed adapter grades again.
  let adapters: String

  /// Why the submission is refused before anything reads it (a link out of it, unreadable files), or nil.
  func refusal(_ submission: Submission) -> String? {
    SubmissionGuard.refusal(
      submission, unprivileged: sandbox.isRoot && sandbox.dropsRoot, bound: sandbox.bubblewrap != nil)
  }

  /// The cache key of a submission (a refused one is keyed by the refusal: its files are never read).
  func key(_ submission: Submission) -> String {
    var print = Fingerprint()
    if let refusal = refusal(submission) { print.add("refused: " + refusal) } else { print.add(submission.contentHash) }
    print.add(submission.relativePath ?? "-")
    print.add("step=\(submission.step.number)")
    print.add("suite=\(SuiteRunner.suiteVersion) adapters=\(adapters)")
    print.add(options.settingsKey)
    return print.hex
  }

  /// The stored grade when the submission did not change; nil when it must be graded.
  func cached(_ submission: Submission) -> StepGrade? {
    guard !options.force, let stored = store.load(student: submission.student, folderName: submission.step.folderName),
      stored.key == key(submission)
    else { return nil }
    return stored
  }

  /// Grades a submission (never throws: whatever the code does becomes the grade); text the submission
  /// produced is capped and its control characters escaped.
  func grade(_ submission: Submission, slot: WorkerSlot) -> StepGrade {
    if let refusal = refusal(submission) {
      // Not even hashed: a link out of the submission is never read.
      return scorer.unjudged(
        submission, status: .error, message: refusal, key: key(submission), track: submission.subjectSource?.track)
    }
    return FeedbackText.clean(run(submission, slot: slot))
  }

  /// Runs the checks of a submission that passed the guard.
  private func run(_ submission: Submission, slot: WorkerSlot) -> StepGrade {
    let key = key(submission)
    let track = submission.subjectSource?.track
    func unjudged(_ status: SubmissionStatus, _ message: String) -> StepGrade {
      scorer.unjudged(submission, status: status, message: message, key: key, track: track)
    }
    guard let source = submission.subjectSource else {
      switch submission.source {
      case .missing(let why): return unjudged(.missing, why)
      case .ambiguous(let why): return unjudged(.error, "ambiguous submission: \(why)")
      case .unusable(let why): return unjudged(.error, why)
      default: return unjudged(.error, "nothing to grade")
      }
    }
    let match: SourceMatch? =
      if case .file(let file) = submission.source {
        SourceMatch.match(file, exercise: try? checker.exercise(submission.step))
      } else { nil }
    if match == .starterUnchanged, scorer.overrides.gradeUnchangedStarter != true {
      var grade = unjudged(.missing, SourceMatch.starterUnchanged.note)
      grade.flags = [.starterUnchanged]
      return grade
    }
    var grade = run(submission, source: source, key: key, slot: slot, unjudged: unjudged)
    // A copy of the reference is flagged for the instructor only (gradebook.csv, grades.json, the HTML pages):
    // never in the message, which Gradescope, Exercism and JUnit show to the student.
    if let match {
      grade.flags = [match]
      if match == .starterUnchanged {
        grade.message = [grade.message, match.note].compactMap { $0 }.joined(separator: "; ")
      }
    }
    return grade
  }

  /// Compiles (Swift) and runs the checks of a submission under the sandbox and limits.
  private func run(
    _ submission: Submission, source: SubjectSource, key: String, slot: WorkerSlot,
    unjudged: (SubmissionStatus, String) -> StepGrade
  ) -> StepGrade {
    var binary: URL?
    if case .swift(let file) = source {
      do {
        binary = try checker.launcher.swiftBuilder.build(file)
      } catch {
        return unjudged(.error, "\(error)")
      }
    }
    do { try slot.reset() } catch { return unjudged(.error, "\(error)") }
    sandbox.prepare(temporary: slot.temporary)
    let started = Date()
    let deadline = Int((started.timeIntervalSince1970 + options.timeout).rounded(.up))
    let cgroup = sandbox.cgroups?.fresh()
    defer { cgroup.map { sandbox.cgroups?.release($0) } }
    var checker = checker
    checker.limits.wrapper = sandbox.wrapper(
      Sandbox.Launch(
        deadline: deadline, stop: slot.stopFile, cgroup: cgroup, temporary: slot.temporary,
        readable: readable(submission, binary: binary), hidden: [options.submissions, options.out]))
    let watch = StopWatch(limit: options.stopAfter, slot: slot)
    let result: StepResult
    do {
      result = try checker.check(
        step: submission.step, source: source, seeds: options.seeds, progress: { _, _, check in watch.observe(check) },
        stop: { watch.stoppedBecause != nil || slot.stopped || Date().timeIntervalSince1970 >= Double(deadline) })
    } catch {
      cgroup.map { sandbox.cgroups?.killAll($0) }
      return unjudged(.error, notes(cgroup, "could not start: \(error)") ?? "could not start")
    }
    cgroup.map { sandbox.cgroups?.killAll($0) }
    let elapsed = Date().timeIntervalSince(started)
    var grade = scorer.graded(submission, result: result, key: key, note: submission.note)
    if let note = result.note { grade.message = [grade.message, note].compactMap { $0 }.joined(separator: "; ") }
    var reason: String?
    if let first = watch.stoppedBecause {
      reason = "stopped after \(options.stopAfter) checks in a row could not run and none passed; the first: \(first)"
    } else if Date().timeIntervalSince1970 >= Double(deadline) || elapsed > options.timeout {
      reason =
        "exceeded the wall-clock limit of \(Int(options.timeout)) s (--timeout); the checks that had not run are errors"
    }
    if let reason {
      grade.status = .error
      grade.passed = false
      grade.score = 0
      grade.message = reason
    }
    if let note = notes(cgroup, nil) {
      grade.message = [grade.message, note].compactMap { $0 }.joined(separator: "; ")
    }
    grade.durationMs = elapsed * 1000
    return grade
  }

  /// What a subject reads: the adapters, its compiled binary, and its own folder (or its single file), so
  /// that the other students stay hidden.
  private func readable(_ submission: Submission, binary: URL?) -> [URL] {
    var items = [checker.launcher.adaptersDirectory]
    if let binary { items.append(binary) }
    // The interpreter or the Swift runtime may live in a hidden home folder (pyenv, swiftly).
    if let runtime = Self.runtime(for: submission.subjectSource) { items.append(runtime) }
    switch submission.source {
    case .file(let url), .executable(let url):
      let single = url.standardizedFileURL.path == submission.root.standardizedFileURL.path
      items.append(single ? url : url.deletingLastPathComponent())
    case .missing, .ambiguous, .unusable: break
    }
    // Resolved, and as given too: a link made for a name that is not UTF-8 cannot be resolved to a usable path,
    // but binding the link itself shows its target at the path the subject is launched with.
    let resolved = items.map { $0.resolvingSymlinksInPath().standardizedFileURL }
    return resolved + items.map(\.standardizedFileURL).filter { !resolved.contains($0) }
  }

  /// The installation folder of the interpreter or toolchain a source runs with (the folder above `bin`).
  static func runtime(for source: SubjectSource?) -> URL? {
    let tool: String?
    switch source {
    case .python: tool = ToolRunner.python3
    case .swift: tool = ToolRunner.find("swiftc")
    case .exec, nil: return nil
    }
    guard let found = tool else { return nil }
    let folder = URL(fileURLWithPath: found).resolvingSymlinksInPath().deletingLastPathComponent()
    guard folder.lastPathComponent == "bin" else { return nil }
    let installation = folder.deletingLastPathComponent()
    return installation.path == "/" ? nil : installation
  }

  /// Adds what the cgroup saw (forks refused at the process cap) to a message.
  private func notes(_ cgroup: URL?, _ message: String?) -> String? {
    guard let cgroup, let cgroups = sandbox.cgroups, cgroups.limitHits(cgroup) > 0 else {
      return message
    }
    let note = "the submission reached the process limit (\(cgroups.limit) processes and threads): forks were refused"
    return [message, note].compactMap { $0 }.joined(separator: "; ")
  }
}

/// Watches the checks as they finish and stops a submission whose first checks all could not run.
final class StopWatch: @unchecked Sendable {
  private let limit: Int
  private let slot: WorkerSlot
  private var inARow = 0
  private var passedAny = false
  private var first: String?
  private(set) var stoppedBecause: String?

  init(limit: Int, slot: WorkerSlot) {
    self.limit = limit
    self.slot = slot
  }

  func observe(_ check: CheckResult) {
    if check.status == .pass { passedAny = true }
    let couldNotRun = check.status == .error || (check.status == .fail && check.message.hasPrefix("unresponsive"))
    guard couldNotRun, !passedAny else {
      inARow = 0
      return
    }
    inARow += 1
    if first == nil { first = check.message }
    if inARow >= limit, limit > 0, stoppedBecause == nil {
      stoppedBecause = first
      slot.stop()
    }
  }
}
