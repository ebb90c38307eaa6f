import Foundation

/// Notes for a file that does not compile with the adapter: which part of the interface the compiler could not
/// match, the declaration expected next to the one found, and the smallest change.
extension SwiftInterfaceScan {
  /// The notes the diagnostics call for, most specific first; empty when none applies.
  func compileNotes(_ diagnostics: [CompilerDiagnostic], learnerFile: String) -> [String] {
    let errors = diagnostics.filter { $0.severity == "error" }
    let adapter = errors.filter { $0.file.hasPrefix("[adapter]") }
    let adapterText = adapter.map(\.text).joined(separator: "\n")
    var notes: [String] = []
    if isAsyncBreaker {
      if !adapter.isEmpty { notes.append(asyncBreakerNote(adapterText)) }
    } else if adapter.contains(where: { $0.message.contains("Sendable") && $0.message.contains("CircuitBreaker") }) {
      notes.append(Self.sendableNote)
    }
    if !isAsyncBreaker, let asyncError = adapter.first(where: { $0.message.contains("'async'") }) {
      notes.append(asyncNote(asyncError.text))
    }
    if adapterText.contains("non-class type 'CircuitBreaker")
      || breakerTypes.contains(where: { $0.text.hasPrefix("struct") })
    {
      notes.append(
        note(
          "your CircuitBreaker must be a class: every caller shares one breaker, and a struct would be copied",
          expected: Self.expectedType, found: breakerTypes.first))
    }
    if adapterText.contains("cannot find type 'CircuitBreaker'") || adapterText.contains("cannot find 'CircuitBreaker'")
    {
      notes.append(note("the adapter looks for a type named CircuitBreaker", expected: Self.expectedType, found: nil))
    }
    if adapterText.contains("cannot specialize non-generic type 'CircuitBreaker") {
      notes.append(
        note(
          "make CircuitBreaker generic over its clock: the adapter passes a virtual clock, production code a "
            + "ContinuousClock", expected: Self.expectedType, found: breakerTypes.first))
    }
    if adapterText.contains("cannot find type 'CircuitOpenError'") {
      notes.append(errorTypeNote)
    }
    if adapter.contains(where: { $0.text.contains("CircuitBreaker(configuration:") }) {
      notes.append(
        note(
          "the adapter creates your breaker as `CircuitBreaker(configuration: cfg, clock: clock)`",
          expected: Self.expectedInit, found: initializers.first))
    }
    if !isAsyncBreaker,
      adapter.contains(where: { $0.text.contains("breaker.call(") || $0.message.contains("member 'call'") })
    {
      notes.append(callNote)
    }
    if !isActor, adapterText.contains("no member 'state'") || adapterText.contains("protocol 'LearnerBreaker'") {
      notes.append(
        note(
          "the adapter reads the state after every operation", expected: "var state: BreakerState { get }", found: nil))
    }
    let learnerErrors = errors.filter { $0.file == learnerFile }
    if let listenerError = learnerErrors.first(where: {
      mentionsListener(line: $0.line) || $0.message.contains("onStateChange")
    }) {
      notes.append(listenerNote(line: listenerError.line))
    }
    return notes
  }

  /// Why the breaker must be `Sendable`, and the two designs that make it so.
  static let sendableNote = """
    note: your CircuitBreaker is not Sendable, and the checks share one breaker between threads, as a server's
    request handlers do. Two designs make it so:

    """ + designs + """

      3. An async breaker: an `actor CircuitBreaker`, or a class whose every `call` is `async`
         (`\(expectedAsyncCall)`). cblearn then awaits each member (docs/tracks.md, async breakers); every
         `await` inside an actor lets other calls in halfway, so record against a ticket taken before it.
      """

  /// The lock-based and the `Mutex`-based designs of a `Sendable` breaker.
  static let designs = """
      1. `final class CircuitBreaker<C: Clock>: @unchecked Sendable` with one lock (`NSLock`, or `Mutex`)
         guarding every mutable stored property. `@unchecked` means the compiler no longer checks: you
         promise that every read and write of that state (in `state`, `isOpen` and `metrics` too) happens
         while holding that one lock, and that the operation, the fallback and the listener run without it.
      2. `import Synchronization` and keep the mutable state in a struct inside
         `private let inner = Mutex(Inner())`, changed only in `inner.withLock { … }`: the class is then
         plain `Sendable` (its stored properties are `let`s of Sendable types) and the compiler checks it.
    """

  /// What the async glue awaits, for an actor or an async `call` that did not compile with it.
  func asyncBreakerNote(_ adapterText: String) -> String {
    var lines = [
      "note: your CircuitBreaker is \(isActor ? "an actor" : "async (every `call` is `async`)"), so cblearn awaits "
        + "each of its members (docs/tracks.md, async breakers):",
      "  call:     \(Self.expectedAsyncCall)",
      "  fallback: \(Self.expectedAsyncFallback)",
      "  state:    var state: BreakerState { get }   (any Sendable value naming the state)",
      "  isOpen:   var isOpen: Bool { get }           metrics: var metrics: [String: Int] { get }",
    ]
    if let found = calls.first { lines.append("  found (\(fileName):\(found.line)): \(found.text)") }
    if adapterText.contains("partially applied") || adapterText.contains("partial application") {
      lines.append(
        "  smallest change: make `isOpen` and `metrics` properties: an actor's method cannot be passed around "
          + "unapplied, as the adapter does to accept both forms")
    }
    if adapterText.contains("non-Sendable") || adapterText.contains("non-sendable") {
      lines.append(
        "  smallest change: make the values that leave the actor Sendable (the state, the metrics, the result "
          + "type `T: Sendable`)")
    }
    if calls.contains(where: { !(Self.parameters(of: $0.text)?.first?.type.contains("async") ?? true) }) {
      lines.append(
        "  smallest change: make the operation's type async, `@Sendable () async throws -> T`: a synchronous "
          + "operation would run on the actor and hold it while the call is in flight")
    }
    return lines.joined(separator: "\n")
  }

  /// An `async` member where the adapter calls synchronously; `excerpt` is the adapter's line that reads it.
  func asyncNote(_ excerpt: String) -> String {
    let (expected, found) =
      excerpt.contains("breaker.isOpen")
      ? (Self.expectedIsOpen, isOpenLike.first)
      : excerpt.contains("breaker.metrics")
        ? (Self.expectedMetrics, metricsLike.first) : (Self.expectedCall, calls.first)
    return note(
      "the adapter calls `call`, `state`, `isOpen` and `metrics` synchronously, as a caller on any thread would",
      expected: expected, found: found)
      + "\n  smallest change: drop `async` (guard the state with a lock instead of awaiting anything), or make "
      + "every `call` async too: cblearn then awaits each member (docs/tracks.md, async breakers)"
  }

  var errorTypeNote: String {
    let found = errorTypes.first
    var text = note(
      "the adapter recognises a rejection by its type, CircuitOpenError",
      expected: "struct CircuitOpenError: Error {}  (or a final class, or an enum)", found: found)
    if let found {
      let name = Self.typeName(found.text)
      text +=
        "\n  smallest change: rename `\(name)` to `CircuitOpenError`, or add `typealias CircuitOpenError = \(name)`"
    }
    return text
  }

  var callNote: String {
    let plain = calls.first { (Self.parameters(of: $0.text)?.count ?? 0) == 1 }
    var text = note(
      "the adapter calls `breaker.call(operation)` and, from step 6, `breaker.call(operation, fallback: handler)`",
      expected: Self.expectedCall, found: plain ?? calls.first)
    if plain == nil, let withFallback = calls.first,
      let fallback = Self.parameters(of: withFallback.text)?.dropFirst().first, !fallback.hasDefault
    {
      text +=
        "\n  smallest change: keep a `call(_:)` without a fallback, or give the fallback a default: `= nil` on an optional"
    }
    return text
  }

  /// Whether `line` (1-based) of the learner's file uses the listener: `onStateChange`, or a name bound to it.
  func mentionsListener(line: Int) -> Bool {
    guard line >= 1, line <= codeLines.count else { return false }
    let text = codeLines[line - 1]
    return text.contains("onStateChange")
      || listenerNames.contains { text.contains("\($0)(") || text.contains("\($0)?(") }
  }

  func listenerNote(line: Int) -> String {
    let found = Declaration(line: line, text: sourceLines[line - 1].trimmingCharacters(in: .whitespaces))
    return note(
      "the listener is the configuration's `onStateChange: (@Sendable (BreakerState, BreakerState) -> Void)?`; "
        + "call it once per state change with the old and the new state, after releasing the lock",
      expected: "configuration.onStateChange?(old, new)", found: found)
  }

  /// `note: why` then expected and found, one under the other.
  func note(_ why: String, expected: String, found: Declaration?) -> String {
    var lines = ["note: \(why)", "  expected: \(expected)"]
    if let found { lines.append("  found (\(fileName):\(found.line)): \(found.text)") }
    return lines.joined(separator: "\n")
  }

  /// `BreakerOpenError` of `struct BreakerOpenError: Error, Sendable`.
  static func typeName(_ declaration: String) -> String {
    let words = declaration.split(whereSeparator: { " :<{".contains($0) }).map(String.init)
    guard let keyword = words.firstIndex(where: { ["struct", "class", "enum", "actor"].contains($0) }),
      keyword + 1 < words.count
    else { return declaration }
    return words[keyword + 1]
  }
}
