import Checking
import Conformance
import Foundation
import Subjects
import Testing

/// One way a Swift developer might write a step's API: the step's reference solution with some declarations
/// rewritten. Each variant combines several idioms, so that a dozen idioms cost a handful of builds.
struct APIVariant: Sendable, CustomTestStringConvertible {
  /// A rewrite: every match of `pattern` (a regular expression) becomes `template`; it must match.
  struct Edit: Sendable {
    var pattern: String
    var template: String
  }

  var step: Int
  /// The idioms it shows, for the test's name.
  var idioms: [String]
  var edits: [Edit]
  /// A whole file instead of edits of the solution.
  var fixture: String? = nil

  var testDescription: String { "step \(step): " + idioms.joined(separator: ", ") }

  /// The breaker's source: the fixture, or the step's solution with the edits applied.
  func source() throws -> String {
    if let fixture { return try String(contentsOf: TestSupport.fixture("swift-api/\(fixture)"), encoding: .utf8) }
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: TestSupport.root.appendingPathComponent("exercises").path)
    let folder = try #require(folders.first { $0.hasPrefix(String(format: "%02d-", step)) })
    var text = try String(
      contentsOf: TestSupport.root.appendingPathComponent("exercises/\(folder)/solution/Breaker.swift"), encoding: .utf8
    )
    for edit in edits {
      let regex = try NSRegularExpression(pattern: edit.pattern)
      let range = NSRange(text.startIndex..., in: text)
      try #require(
        regex.firstMatch(in: text, range: range) != nil,
        "step \(step)'s solution no longer contains /\(edit.pattern)/: update this variant")
      text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: edit.template)
    }
    return text
  }
}

/// Edits shared by several variants.
enum Idiom {
  static func edit(_ pattern: String, _ template: String) -> APIVariant.Edit {
    APIVariant.Edit(pattern: pattern, template: template)
  }

  /// The learner's own types named like the runtime's (their own state enum, a `Payload`, a `VirtualClock`):
  /// they shadow the runtime's in the learner's module, where the adapter's glue is compiled too.
  static let ownRuntimeNames = [
    edit(
      #"import Foundation\n"#,
      "import Foundation\n\nenum BreakerState: Sendable { case closed, open, halfOpen }\nstruct Payload {}\n"
        + "struct VirtualClock {}\n")
  ]

  /// `@Sendable` operations (and a `Sendable` result) on every `call`.
  static let sendable = [
    edit(
      #"func call<T>\(_ operation: \(\) throws -> T"#, "func call<T: Sendable>(_ operation: @Sendable () throws -> T")
  ]

  /// One `call` whose fallback is optional, `nil` by default, instead of two overloads.
  static let optionalFallback = [
    edit(#"  func call<T>\(_ operation: \(\) throws -> T\) throws -> T \{\n(.*\n){2}  \}\n"#, ""),
    edit(
      #"fallback: \(any Error\) throws -> T\) throws -> T \{"#,
      "fallback: ((any Error) throws -> T)? = nil) throws -> T {"),
    edit(#"return try fallback\(error\)"#, "guard let fallback else { throw error }\n      return try fallback(error)"),
  ]

  /// A fallback given the rejection error as a `CircuitOpenError`, `@Sendable` and `@escaping`.
  static let typedFallback = [
    edit(#"fallback: \(any Error\) throws -> T\)"#, "fallback: @escaping @Sendable (CircuitOpenError) throws -> T)"),
    edit(#"return try fallback\(error\)"#, "return try fallback(error as! CircuitOpenError)"),
  ]

  /// Typed throws: the fallback overload throws exactly what the operation and the fallback throw.
  static let typedThrows = [
    edit(
      #"func call<T>\(_ operation: \(\) throws -> T, fallback: \(any Error\) throws -> T\) throws -> T \{"#,
      "func call<T, E: Error>(_ operation: () throws(E) -> T, fallback: (CircuitOpenError) throws(E) -> T) throws(E) -> T {"
    ),
    edit(#"return try fallback\(error\)"#, "return try fallback(error as! CircuitOpenError)"),
    edit(
      #"(\n    )return try run\(operation, ticket\)\n  \}\n\n  // MARK"#,
      "$1do { return try run(operation, ticket) } catch { throw error as! E }\n  }\n\n  // MARK"),
  ]

  /// The error as a final class (steps 5 to 9 give it a reason).
  static let finalClassError = [
    edit(
      #"struct CircuitOpenError: Error, CustomStringConvertible \{\n(  enum Reason.*\n)  var reason: Reason = \.open"#,
      "final class CircuitOpenError: Error, CustomStringConvertible {\n$1  let reason: Reason\n  init(reason: Reason = .open) { self.reason = reason }"
    )
  ]

  /// The error as an enum of reasons.
  static let enumError = [
    edit(
      #"struct CircuitOpenError: Error, CustomStringConvertible \{\n  enum Reason: Sendable \{ case (.*) \}\n  var reason: Reason = \.open\n"#,
      "enum CircuitOpenError: Error, CustomStringConvertible {\n  case $1\n  var reason: CircuitOpenError { self }\n"),
    edit(#"CircuitOpenError\(reason: (\.\w+)\)"#, "CircuitOpenError$1"),
  ]

  /// `isOpen()` as a method.
  static let isOpenMethod = [edit(#"var isOpen: Bool \{ (.*) \}"#, "func isOpen() -> Bool { $1 }")]

  /// `metrics()` as a method.
  static let metricsMethod = [
    edit(#"var metrics: \[String: Int\] \{ (.*) \}"#, "func metrics() -> [String: Int] { $1 }")
  ]

  /// Step 3's error as a final class, or an enum.
  static let finalClassError3 = [
    edit(#"struct CircuitOpenError: Error \{\}"#, "final class CircuitOpenError: Error {}")
  ]
  static let enumError3 = [
    edit(#"struct CircuitOpenError: Error \{\}"#, "enum CircuitOpenError: Error { case open }"),
    edit(#"CircuitOpenError\(\)"#, "CircuitOpenError.open"),
  ]

  /// Step 3's operation as an escaping closure, and a discardable result.
  static let escapingOperation3 = [
    edit(
      #"  func call<T>\(_ operation: \(\) throws -> T\) throws -> T"#,
      "  @discardableResult\n  func call<T>(_ operation: @escaping () throws -> T) throws -> T")
  ]

  /// Metrics as a struct of counters; camelCase names read as snake_case (`slowCalls`).
  static let metricsStruct = [
    edit(
      #"var metrics: \[String: Int\] \{ lock.withLock \{ counters \} \}"#,
      """
      struct Metrics: Sendable {
          var calls = 0, successes = 0, failures = 0, ignored = 0, rejections = 0, slowCalls = 0, transitions = 0
        }

        var metrics: Metrics {
          lock.withLock {
            Metrics(
              calls: counters["calls"] ?? 0, successes: counters["successes"] ?? 0, failures: counters["failures"] ?? 0,
              ignored: counters["ignored"] ?? 0, rejections: counters["rejections"] ?? 0,
              slowCalls: counters["slow_calls"] ?? 0, transitions: counters["transitions"] ?? 0)
          }
        }
      """)
  ]

  /// Counters keyed by an enum instead of strings.
  static let enumKeys = [
    edit(
      #"private var counters: \[String: Int\] = \[\n    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "transitions": 0,\n  \]"#,
      "enum Counter: String { case calls, successes, failures, ignored, rejections, transitions }\n  private var counters: [Counter: Int] = [\n    .calls: 0, .successes: 0, .failures: 0, .ignored: 0, .rejections: 0, .transitions: 0,\n  ]"
    ),
    edit(#"counters\["(\w+)", default: 0\]"#, "counters[.$1, default: 0]"),
    edit(#"var metrics: \[String: Int\]"#, "var metrics: [Counter: Int]"),
  ]

  /// A bulkhead refusal as a subclass of a (non-final) `CircuitOpenError` class.
  static let bulkheadSubclass = [
    edit(
      #"struct CircuitOpenError: Error, CustomStringConvertible \{\n(  enum Reason.*\n)  var reason: Reason = \.open"#,
      "class CircuitOpenError: Error, @unchecked Sendable, CustomStringConvertible {\n$1  let reason: Reason\n  init(reason: Reason = .open) { self.reason = reason }"
    ),
    edit(#"throw CircuitOpenError\(reason: \.bulkheadFull\)"#, "throw BulkheadFullError()"),
    edit(
      #"\z"#,
      "\nfinal class BulkheadFullError: CircuitOpenError, @unchecked Sendable {\n  init() { super.init(reason: .bulkheadFull) }\n}\n"
    ),
  ]

  /// The clock's duration through `Clock`'s primary associated type.
  static let clockOfDuration = [
    edit(
      #"final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration \{"#,
      "final class CircuitBreaker<C: Clock<Duration>>: @unchecked Sendable {")
  ]
}

/// Idiomatic Swift signatures pass the checks of their step, and a member the adapter cannot use is explained.
@Suite("Idiomatic Swift APIs")
struct SwiftAPIVariantTests {
  static let variants: [APIVariant] = [
    APIVariant(
      step: 3, idioms: ["@Sendable operation, Sendable result", "final class error", "Clock<Duration>"],
      edits: Idiom.sendable + Idiom.finalClassError3 + Idiom.clockOfDuration),
    APIVariant(
      step: 3, idioms: ["@escaping operation", "enum error", "@discardableResult", "own BreakerState, Payload"],
      edits: Idiom.escapingOperation3 + Idiom.enumError3 + Idiom.ownRuntimeNames),
    APIVariant(
      step: 3, idioms: ["Mutex, checked Sendable", "throws(CircuitOpenError) closure", "final class error"],
      edits: [], fixture: "MutexStep3.swift"),
    APIVariant(
      step: 6, idioms: ["optional fallback", "@Sendable operation", "final class error"],
      edits: Idiom.optionalFallback + Idiom.sendable + Idiom.finalClassError),
    APIVariant(
      step: 6, idioms: ["CircuitOpenError fallback argument, @escaping @Sendable", "enum error"],
      edits: Idiom.typedFallback + Idiom.enumError),
    APIVariant(
      step: 6, idioms: ["typed throws fallback", "Clock<Duration>"], edits: Idiom.typedThrows + Idiom.clockOfDuration),
    APIVariant(
      step: 7, idioms: ["isOpen() and metrics() methods", "optional fallback"],
      edits: Idiom.isOpenMethod + Idiom.metricsMethod + Idiom.optionalFallback),
    APIVariant(
      step: 7, idioms: ["counters keyed by an enum", "typed throws fallback", "enum error"],
      edits: Idiom.enumKeys + Idiom.typedThrows + Idiom.enumError),
    APIVariant(
      step: 7, idioms: ["final class error", "@Sendable operation", "CircuitOpenError fallback argument"],
      edits: Idiom.finalClassError + Idiom.sendable + Idiom.typedFallback),
    APIVariant(
      step: 9, idioms: ["metrics struct with camelCase counters", "isOpen()", "optional fallback"],
      edits: Idiom.metricsStruct + Idiom.isOpenMethod + Idiom.optionalFallback),
    APIVariant(
      step: 9, idioms: ["bulkhead refusal as a CircuitOpenError subclass", "@Sendable operation", "typed throws"],
      edits: Idiom.bulkheadSubclass + Idiom.typedThrows + Idiom.sendable),
    APIVariant(
      step: 9, idioms: ["enum error", "CircuitOpenError fallback argument", "Clock<Duration>"],
      edits: Idiom.enumError + Idiom.typedFallback + Idiom.clockOfDuration),
  ]

  @Test("passes every check of its step", arguments: variants)
  func passes(_ variant: APIVariant) throws {
    let file = try Self.write(try variant.source())
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let result = try TestSupport.check(variant.step, file)
    #expect(result.report.checks.allSatisfy { $0.status == .pass }, "\(variant):\n\(TestSupport.failures(result))")
  }

  /// Writes `source` as `Breaker.swift` in a fresh temporary folder.
  static func write(_ source: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-api-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("Breaker.swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    return file
  }
}
