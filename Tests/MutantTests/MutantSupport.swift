import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import Testing
import Yams

/// One deliberately broken breaker of `mutants/mutants.yaml`.
struct Mutant: Sendable, CustomTestStringConvertible {
  var name: String
  var step: Int
  var tracks: [Track]
  /// The bug, in one sentence.
  var bug: String
  /// Check ids that must fail on this mutant.
  var caughtBy: [String]

  var testDescription: String { "\(name) (step \(step))" }

  func file(_ track: Track) -> URL {
    MutantSupport.root.appendingPathComponent("mutants/\(track.rawValue)/\(name).\(track == .swift ? "swift" : "py")")
  }
}

/// A file to run through a step's checks, and why.
struct Subject: Sendable, Hashable, CustomStringConvertible {
  enum Role: String, Sendable { case solution, starter, mutant }
  var role: Role
  var step: Int
  var file: URL

  var description: String {
    "\(role.rawValue) \(file.path.replacingOccurrences(of: MutantSupport.root.path + "/", with: "")) at step \(step)"
  }
}

/// What running a subject gave: the step's result, or why it could not run.
enum Outcome: Sendable {
  case ran(StepResult)
  case couldNotRun(String)

  var result: StepResult? {
    if case .ran(let result) = self { return result }
    return nil
  }
}

enum MutantSupport {
  /// The repository root (the folder holding Package.swift).
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  static let content = ContentRoot(url: root)

  /// The steps whose exercises have breaker solutions and starters.
  static let steps = Array(2...9)

  /// A checker whose Swift builds go to a cache inside .build, so tests never touch the user's home.
  static func checker(replyTimeout: Double) -> StepChecker {
    var limits = SubjectLimits()
    limits.replyTimeout = replyTimeout
    return StepChecker(
      content: content, limits: limits, cacheDirectory: root.appendingPathComponent(".build/test-cache"))
  }

  /// The mutants of `mutants/mutants.yaml`.
  static let mutants: [Mutant] = {
    let url = root.appendingPathComponent("mutants/mutants.yaml")
    guard let text = try? String(contentsOf: url, encoding: .utf8),
      let yaml = try? Yams.load(yaml: text) as? [String: Any], let list = yaml["mutants"] as? [[String: Any]]
    else { fatalError("cannot read \(url.path): expected a mapping with a `mutants` list") }
    return list.map { entry in
      Mutant(
        name: entry["name"] as? String ?? "?", step: entry["step"] as? Int ?? 0,
        tracks: (entry["tracks"] as? [String] ?? []).compactMap(Track.init(rawValue:)),
        bug: entry["bug"] as? String ?? "", caughtBy: entry["caught_by"] as? [String] ?? [])
    }
  }()

  static func exercise(_ step: Int) throws -> Exercise {
    try content.exercise(LearningPath.standard.step(step)!)
  }

  /// Every file the tests run: reference solutions and starters of steps 2–9, and every mutant.
  static let subjects: [Subject] = {
    var list: [Subject] = []
    for step in steps {
      guard let exercise = try? exercise(step) else { continue }
      for track in Track.allCases {
        if let url = exercise.solutionURL(track) { list.append(Subject(role: .solution, step: step, file: url)) }
        if let url = exercise.starterURL(track) { list.append(Subject(role: .starter, step: step, file: url)) }
      }
    }
    for mutant in mutants {
      for track in mutant.tracks { list.append(Subject(role: .mutant, step: mutant.step, file: mutant.file(track))) }
    }
    return list
  }()

  /// The outcome of every subject, computed once: Swift files are compiled first, two at a time, then every
  /// subject is checked, three at a time (a mutant that holds its lock spends most of its run waiting for
  /// reply deadlines, not on a core).
  static let outcomes: [Subject: Outcome] = {
    let subjects = MutantSupport.subjects
    let results = LockedDictionary<Subject, Outcome>()
    let swiftFiles = Array(Set(subjects.filter { $0.file.pathExtension == "swift" }.map(\.file)))
      .sorted { $0.path < $1.path }
    let builder = checker(replyTimeout: 2).launcher.swiftBuilder
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      for (index, file) in swiftFiles.enumerated() where index % 2 == worker { _ = try? builder.build(file) }
    }
    // Slow subjects first, so the two workers finish together.
    let ordered = subjects.sorted { ($0.step, $0.role == .mutant ? 0 : 1) > ($1.step, $1.role == .mutant ? 0 : 1) }
    let next = LockedCounter()
    DispatchQueue.concurrentPerform(iterations: 3) { _ in
      while let index = next.take(below: ordered.count) {
        let subject = ordered[index]
        results[subject] = run(subject)
      }
    }
    return results.snapshot
  }()

  /// Runs one subject through its step's checks.
  static func run(_ subject: Subject, seed: UInt64 = 1) -> Outcome {
    // Mutants that hold a lock during the call make the subject unresponsive at every concurrent check; a
    // shorter deadline keeps the suite fast (a deadline can only add failures to a mutant). Reference
    // solutions and starters run under the learner's limits.
    let checker = checker(replyTimeout: subject.role == .mutant ? 0.5 : 2)
    do {
      let source = try SubjectSource.detect(path: subject.file.path, exec: nil)
      let result = try checker.check(step: LearningPath.standard.step(subject.step)!, source: source, seed: seed)
      return .ran(result)
    } catch {
      return .couldNotRun("\(error)")
    }
  }

  /// A readable account of the checks that did not pass, with the trace of each.
  static func failures(_ result: StepResult, traces: Bool = true) -> String {
    result.report.checks.filter { $0.status != .pass }.map { check in
      var text = "\(check.id): \(check.status.rawValue): \(check.message)"
      if traces, !check.trace.isEmpty {
        text +=
          " [\(check.config ?? "")]\n"
          + check.trace.map { entry in
            let mark = entry.failed ? "  ✗ " : "    "
            return mark + "t=\(formatNumber(entry.t)) \(entry.op) → \(entry.observed)"
              + (entry.state.map { " [\($0.rawValue)]" } ?? "")
          }.joined(separator: "\n")
      }
      return text
    }.joined(separator: "\n")
  }
}

/// A dictionary shared by worker threads.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Key: Value] = [:]

  subscript(key: Key) -> Value? {
    get { lock.withLock { storage[key] } }
    set { lock.withLock { storage[key] = newValue } }
  }

  var snapshot: [Key: Value] { lock.withLock { storage } }
}

/// Hands out indices 0, 1, 2… to worker threads.
final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func take(below limit: Int) -> Int? {
    lock.withLock {
      guard value < limit else { return nil }
      defer { value += 1 }
      return value
    }
  }
}
