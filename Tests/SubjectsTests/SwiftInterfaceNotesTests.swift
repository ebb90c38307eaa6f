import Checking
import Conformance
import Foundation
import Subjects
import Testing

/// A member the adapter cannot use is never a silent stub: the report shows the declaration expected next to
/// the one found, and the smallest change; interface compile errors explain themselves.
@Suite("Swift interface notes")
struct SwiftInterfaceNotesTests {
  static let expectedFallback =
    "expected: func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T"

  /// The fallback's note for a file declaring `signature` on its third line.
  static func fallbackNote(_ signature: String) -> String {
    let source =
      "import Foundation\n// func call<T>(_ operation: () throws -> T, commented: Int) -> T\n\(signature) {}\n"
    return SwiftInterfaceScan(source: source, fileName: "Breaker.swift").notes["fallback"] ?? ""
  }

  @Test("a renamed label on a fallback that cannot throw: expected, found and both changes")
  func renamedLabel() {
    let note = Self.fallbackNote(
      "  func call<T>(_ operation: () throws -> T,\n    orElse handler: (any Error) -> T) throws -> T")
    #expect(note.contains(Self.expectedFallback))
    #expect(
      note.contains(
        "found (Breaker.swift:3): func call<T>(_ operation: () throws -> T, orElse handler: (any Error) -> T) throws -> T"
      ))
    #expect(note.contains("rename the argument label `orElse` to `fallback` (`fallback handler: …`"))
    #expect(note.contains("add `throws` to the fallback's type"))
  }

  @Test(
    "other near misses each get their own change",
    arguments: [
      (
        "func call<T>(_ op: () throws -> T, fallback: () throws -> T) throws -> T",
        "give the fallback the rejection error"
      ),
      ("func call<T>(_ op: () throws -> T, fallback: (String) throws -> T) throws -> T", "not `String`"),
      ("func call<T>(_ op: () throws -> T, fallback: (any Error) throws -> T?) throws -> T", "not `T?`"),
      ("func call<T>(_ op: () throws -> T, _ fallback: (any Error) throws -> T) throws -> T", "label the fallback"),
      (
        "func call<T>(op: () throws -> T, fallback: (any Error) throws -> T) throws -> T",
        "drop the operation's argument label"
      ),
      ("private func call<T>(_ op: () throws -> T, fallback: (any Error) throws -> T) throws -> T", "drop `private`"),
      (
        "func call<T>(_ op: () throws -> T) throws -> T {}\n"
          + "func call<T>(_ op: () throws -> T, fallback: (any Error) throws -> T) async throws -> T",
        "drop `async`"
      ),
      (
        "func call<T>(_ op: () throws -> T, fallback: (any Error) throws -> T, retries: Int) throws -> T",
        "give `retries`"
      ),
    ])
  func nearMisses(signature: String, change: String) {
    let note = Self.fallbackNote(signature)
    #expect(note.contains(Self.expectedFallback))
    #expect(note.contains("smallest change: ") && note.contains(change), "\(note)")
  }

  @Test("without any fallback declaration the note gives the signature to add")
  func nothingDeclared() {
    let note = Self.fallbackNote("func call<T>(_ operation: () throws -> T) throws -> T")
    #expect(note.contains(Self.expectedFallback))
    #expect(note.contains("found: nothing of that name in Breaker.swift"))
  }

  @Test("private helpers that only look alike are not offered as the member found")
  func helpersIgnored() {
    let source = """
      final class CircuitBreaker<C: Clock> {
        private var counters: [String: Int] = [:]
        private func open(at now: C.Instant) {}
        var isCircuitOpen: Bool { false }
      }
      """
    let notes = SwiftInterfaceScan(source: source, fileName: "Breaker.swift").notes
    #expect(notes["metrics"]?.contains("found: nothing of that name in Breaker.swift") == true)
    #expect(notes["is_open"]?.contains("found (Breaker.swift:4): var isCircuitOpen: Bool") == true)
    #expect(notes["is_open"]?.contains("rename `isCircuitOpen` to `isOpen`") == true)
  }

  @Test("lines are counted past non-ASCII text, and a huge file scans in bounded time")
  func linesAndSize() {
    let source =
      "let café = \"→ ☕️\" // ünïcode\nstruct Ärger: Error {}\nfunc call<T>(_ op: () -> T, orElse: T) -> T {}\n"
    let scan = SwiftInterfaceScan(source: source, fileName: "Breaker.swift")
    #expect(scan.errorTypes.map(\.line) == [2] && scan.calls.map(\.line) == [3])
    let huge = String(repeating: "struct S\(String(repeating: " x", count: 40))\n", count: 40_000)
    let started = Date()
    _ = SwiftInterfaceScan(source: huge + source, fileName: "Breaker.swift").notes
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// The adapter and a cache inside .build, as the checker uses them.
  static var builder: SwiftBuilder {
    SwiftBuilder(
      adapterDirectory: TestSupport.root.appendingPathComponent("adapters/swift"),
      cacheDirectory: TestSupport.root.appendingPathComponent(".build/test-cache"))
  }

  @Test("a step-7 check of members the adapter cannot use, and of a listener of its own, says what was found")
  func missingMembersExplained() throws {
    let result = try TestSupport.check(7, TestSupport.fixture("swift-api/Mismatches.swift"))
    let messages = result.report.checks.filter { $0.status == .fail }.map(\.message)
    let fallback = try #require(messages.first { $0.contains("provide fallback") })
    #expect(fallback.contains(Self.expectedFallback))
    #expect(fallback.contains("rename the argument label `orElse` to `fallback`"))
    #expect(messages.contains { $0.contains("provide fallback") && $0.contains("above says what your file declares") })
    let isOpen = try #require(messages.first { $0.contains("provide is_open") })
    #expect(isOpen.contains("found (Mismatches.swift:15): private var isOpen: Bool"))
    #expect(isOpen.contains("drop `private`"))
    let metrics = try #require(messages.first { $0.contains("provide metrics") })
    #expect(metrics.contains("expected: var metrics: [String: Int] { get }"))
    #expect(metrics.contains("rename `stats` to `metrics`"))
    let events = try #require(messages.first { $0.contains("provide events") })
    #expect(events.contains("found: nothing in Mismatches.swift calls `onStateChange`"))
    #expect(
      events.contains("found (Mismatches.swift:19): var onChange: (@Sendable (BreakerState, BreakerState) -> Void)?"))
  }

  /// The diagnostics of a fixture that must not compile.
  static func diagnostics(_ fixture: String) throws -> String {
    do {
      _ = try builder.build(TestSupport.fixture("swift-api/\(fixture)"))
    } catch .compileFailed(_, let diagnostics) {
      return diagnostics
    }
    Issue.record("\(fixture) compiled")
    return ""
  }

  @Test("a breaker that is not Sendable: @unchecked Sendable and its obligation, Mutex, and the async designs")
  func sendableNote() throws {
    let text = try Self.diagnostics("NotSendable.swift")
    #expect(text.contains("@unchecked Sendable` with one lock"))
    #expect(text.contains("promise that every read and write of that state"))
    #expect(text.contains("`private let inner = Mutex(Inner())`"))
    #expect(text.contains("3. An async breaker: an `actor CircuitBreaker`"))
  }

  @Test("an async breaker: the async signatures are expected, and `async` is never asked to go")
  func asyncFallbackNote() {
    let source = """
      actor CircuitBreaker<C: Clock> where C.Duration == Duration {
        func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T { try await operation() }
        func call<T: Sendable>(_ operation: @Sendable () async throws -> T, orElse: @Sendable (any Error) async throws -> T) async throws -> T {}
      }
      """
    let scan = SwiftInterfaceScan(source: source, fileName: "Breaker.swift")
    #expect(scan.isAsyncBreaker)
    let note = scan.notes["fallback"] ?? ""
    #expect(note.contains("expected: " + SwiftInterfaceScan.expectedAsyncFallback), "\(note)")
    #expect(note.contains("rename the argument label `orElse` to `fallback`"), "\(note)")
    #expect(!note.contains("drop `async`"), "\(note)")
  }

  @Test(
    "which files take the async glue: an actor, or every call async",
    arguments: [
      ("actor CircuitBreaker<C: Clock> {\n func call<T>(_ op: () throws -> T) throws -> T {} }", true),
      (
        "final class CircuitBreaker<C: Clock> {\n func call<T>(_ op: () async throws -> T) async throws -> T {} }", true
      ),
      (
        "final class CircuitBreaker<C: Clock> {\n func call<T>(_ op: () throws -> T) throws -> T {}\n"
          + "func call<T>(_ op: () async throws -> T) async throws -> T {} }", false
      ),
      ("final class CircuitBreaker<C: Clock> {\n func call<T>(_ op: () throws -> T) throws -> T {} }", false),
      ("final class CircuitBreaker<C: Clock> { // actor CircuitBreaker\n }", false),
    ])
  func asyncGlueChoice(source: String, isAsync: Bool) {
    #expect(SwiftInterfaceScan(source: source, fileName: "Breaker.swift").isAsyncBreaker == isAsync)
  }

  @Test("an actor whose operation is synchronous: the async signatures and why the operation must be async")
  func actorNote() throws {
    let text = try Self.diagnostics("ActorSyncOperation.swift")
    #expect(text.contains("your CircuitBreaker is an actor, so cblearn awaits each of its members"))
    #expect(text.contains("call:     " + SwiftInterfaceScan.expectedAsyncCall))
    #expect(text.contains("found (ActorSyncOperation.swift:"))
    #expect(text.contains("make the operation's type async"))
  }

  @Test("a renamed error type and initialiser label: expected next to found, with the change")
  func renamedTypes() throws {
    let text = try Self.diagnostics("Renamed.swift")
    #expect(text.contains("found (Renamed.swift:4): struct BreakerOpenError: Error"))
    #expect(text.contains("add `typealias CircuitOpenError = BreakerOpenError`"))
    #expect(text.contains("expected: init(configuration: BreakerConfiguration, clock: C)"))
    #expect(text.contains("found (Renamed.swift:10): init(config: BreakerConfiguration, clock: C)"))
  }

  @Test("an async member: the synchronous signature next to the async one found")
  func asyncNote() throws {
    let text = try Self.diagnostics("AsyncIsOpen.swift")
    #expect(text.contains("expected: var isOpen: Bool { get }"))
    #expect(text.contains("found (AsyncIsOpen.swift:11): var isOpen: Bool { get async }"))
    #expect(text.contains("smallest change: drop `async`"))
  }

  @Test("a listener called with the wrong arguments: the listener's type next to the call found")
  func listenerNote() throws {
    let text = try Self.diagnostics("Listener.swift")
    #expect(text.contains("expected: configuration.onStateChange?(old, new)"))
    #expect(text.contains("found (Listener.swift:17): notify?(.open)"))
  }
}
