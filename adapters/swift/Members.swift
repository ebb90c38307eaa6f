// cblearn's Swift adapter: the members later steps add, found under any signature the adapter can call.
import Foundation

/// Stand-ins for the members later steps add, so that a step-3 file compiles against the step-9 adapter.
///
/// They are `@_disfavoredOverload` extension members, not protocol requirements: a protocol requirement is
/// met only by a member of exactly its type, so an optional fallback, a `@Sendable` closure or a
/// `CircuitOpenError` argument would silently lose to the default. Here the compiler takes the learner's own
/// member whenever the adapter's arguments fit it, and a stand-in only when the learner's type has no usable
/// member of that name (the build's interface scan then says what it found instead, `SwiftInterfaceScan`).
extension LearnerBreaker {
  @_disfavoredOverload
  var isOpen: Bool { get throws { throw Unsupported(member: "var isOpen: Bool", step: 4) } }

  @_disfavoredOverload
  var metrics: [String: Int] { get throws { throw Unsupported(member: "var metrics: [String: Int]", step: 7) } }

  @_disfavoredOverload
  func call<T>(_ operation: @Sendable () throws -> T, fallback: @Sendable (any Error) throws -> T) throws -> T {
    throw Unsupported(member: "func call(_:fallback:)", step: 6)
  }
}

/// Reads a member the learner may write as a property (`var isOpen: Bool`) or as a method without
/// arguments (`func isOpen() -> Bool`): a method's unapplied reference is called.
func evaluate<V>(_ method: () throws -> V) throws -> V { try method() }

/// The property form of `evaluate(_:)`.
@_disfavoredOverload
func evaluate<V>(_ value: V) -> V { value }

/// A value crossing the learner's generic `call`: `Sendable`, so that a `call<T: Sendable>` accepts it too.
struct Payload: @unchecked Sendable {
  let value: Any?
}

/// The learner's breaker as the prebuilt runtime sees it: the glue in `main.swift`, compiled with the learner's
/// file, wraps each `CircuitBreaker<VirtualClock>` in one of these, so that nothing here names the learner's types.
protocol SubjectBreaker: AnyObject, Sendable {
  /// The state's protocol name, or a description of what `state` held.
  var stateName: String { get }
  /// The state as the protocol names it; nil when it names no state.
  var protocolState: BreakerState? { get }
  /// `isOpen`, whichever way the learner declared it; throws `Unsupported` when the breaker has none.
  func isOpenValue() throws -> Bool
  /// `metrics` as the learner typed it; throws `Unsupported` when the breaker has none.
  func metricsValue() throws -> Any
  /// Calls the breaker without a fallback.
  func callPlain(_ operation: @escaping @Sendable () throws -> Payload) throws -> Payload
  /// Calls the breaker with a fallback through the learner's own overload, whichever form it takes.
  func callWithFallback(
    _ operation: @escaping @Sendable () throws -> Payload, fallback: @escaping @Sendable (any Error) throws -> Payload
  ) throws -> Payload
}

/// The entry point the glue calls: how to make the learner's breaker and recognise its rejection, then serve.
func runSubject(
  make: @escaping (BreakerConfiguration, VirtualClock) -> any SubjectBreaker,
  isRejection rejection: @escaping (any Error) -> Bool
) -> Never {
  adapter.makeBreaker = make
  adapter.isRejection = rejection
  redirectOutput()
  serve()
}

/// `isOpen`, whichever way the learner declared it; throws `Unsupported` when the breaker has none.
func readIsOpen(_ breaker: any SubjectBreaker) throws -> Bool {
  try breaker.isOpenValue()
}

/// `metrics` as the protocol's counters, whichever way the learner declared and typed it.
func readMetrics(_ breaker: any SubjectBreaker) throws -> [String: Int] {
  let value = try breaker.metricsValue()
  guard let counters = counters(value) else {
    throw Unsupported(
      member: "var metrics: [String: Int] (yours is a \(type(of: value)), which holds no integer counters)", step: 7)
  }
  return counters
}

/// Calls the breaker with a fallback through the learner's own overload, whichever form it takes.
func callWithFallback(
  _ breaker: any SubjectBreaker, _ operation: @escaping @Sendable () throws -> Payload,
  fallback: @escaping @Sendable (any Error) throws -> Payload
) throws -> Payload {
  try breaker.callWithFallback(operation, fallback: fallback)
}

/// Calls the breaker without a fallback.
func callPlain(
  _ breaker: any SubjectBreaker, _ operation: @escaping @Sendable () throws -> Payload
) throws
  -> Payload
{
  try breaker.callPlain(operation)
}

/// Integer counters from a `[String: Int]`, another dictionary of integers (keys such as an enum's cases), or
/// a struct or class whose stored integer properties are the counters; camelCase names become snake_case
/// (`slowCalls` → `slow_calls`). Nil when `value` holds no integer counter.
func counters(_ value: Any) -> [String: Int]? {
  if let dictionary = value as? [String: Int] { return dictionary }
  let mirror = Mirror(reflecting: value)
  var result: [String: Int] = [:]
  switch mirror.displayStyle {
  case .dictionary:
    for child in mirror.children {
      let pair = Mirror(reflecting: child.value).children.map(\.value)
      guard pair.count == 2, let count = integer(pair[1]) else { return nil }
      result[snakeCase("\(pair[0])")] = count
    }
  case .struct, .class:
    for child in mirror.children {
      guard let label = child.label, let count = integer(child.value) else { continue }
      result[snakeCase(label)] = count
    }
  default:
    return nil
  }
  return result.isEmpty ? nil : result
}

/// An integer of any width as an `Int`.
private func integer(_ value: Any) -> Int? {
  (value as? any BinaryInteger).flatMap { Int(exactly: $0) }
}

/// `slowCalls` → `slow_calls`; `_calls` → `calls`; `.slowCalls` → `slow_calls`.
private func snakeCase(_ name: String) -> String {
  var result = ""
  for character in name.drop(while: { $0 == "_" || $0 == "." }) {
    if character.isUppercase, !result.isEmpty, result.last != "_" { result.append("_") }
    result.append(contentsOf: character.lowercased())
  }
  return result
}

/// Carries a value into a `@Sendable` closure where the adapter knows it is used safely (one thread at a time).
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
