import Foundation

/// What a missing feature's report adds: the declaration found, the one expected, the smallest change.
extension SwiftInterfaceScan {
  /// A note per feature the adapter looks up by name (`fallback`, `is_open`, `metrics`); shown only when the
  /// breaker turns out not to provide it.
  public var notes: [String: String] {
    ["fallback": fallbackNote, "is_open": isOpenNote, "metrics": metricsNote, "events": eventsNote]
  }

  /// Features the adapter announces that this file cannot provide: `events` when nothing calls the listener.
  public var withheldFeatures: Set<String> { reachesListener ? [] : ["events"] }

  var eventsNote: String {
    var lines = [
      "expected: configuration.onStateChange?(old, new), once per state change, after releasing the lock",
      "found: nothing in \(fileName) calls `onStateChange`",
    ]
    if let own = listenerLike.first {
      lines.append("found (\(fileName):\(own.line)): \(own.text)")
      lines.append(
        "smallest change: call `configuration.onStateChange?(old, new)` where your breaker changes state: the "
          + "adapter sets the configuration's listener, not one of yours")
    }
    return lines.joined(separator: "\n")
  }

  /// The declaration found and the one expected, one under the other, then the smallest change.
  func sideBySide(found declaration: Declaration?, expected: String, changes: [String]) -> String {
    guard let declaration else {
      return "expected: \(expected)\nfound: nothing of that name in \(fileName): add it (docs/tracks.md)"
    }
    var lines = ["expected: \(expected)", "found (\(fileName):\(declaration.line)): \(declaration.text)"]
    if !changes.isEmpty { lines.append("smallest change: " + changes.joined(separator: "; ")) }
    return lines.joined(separator: "\n")
  }

  var fallbackNote: String {
    let candidates = calls.filter { (Self.parameters(of: $0.text)?.count ?? 0) >= 2 }
    let expected = isAsyncBreaker ? Self.expectedAsyncFallback : Self.expectedFallback
    let accepted =
      "also accepted: an optional fallback `((any Error) throws -> T)? = nil` in a single `call`, `@Sendable` "
      + "closures, a `CircuitOpenError` argument, typed throws `throws(E)` (docs/tracks.md)"
    guard let declaration = candidates.first else {
      return sideBySide(found: nil, expected: expected, changes: []) + "\n" + accepted
    }
    var changes = Self.visibilityChanges(declaration)
    changes += Self.fallbackChanges(
      Self.parameters(of: declaration.text) ?? [], effects: Self.effects(declaration.text), async: isAsyncBreaker)
    if changes.isEmpty {
      let effects = isAsyncBreaker ? "async throws" : "throws"
      changes.append(
        "the compiler could not call it as `breaker.call(operation, fallback: handler)` with `operation: @Sendable () "
          + "\(effects) -> T` and `handler: @Sendable (any Error) \(effects) -> T`: compare its generic constraints")
    }
    return sideBySide(found: declaration, expected: expected, changes: changes) + "\n" + accepted
  }

  var isOpenNote: String {
    guard let declaration = isOpenLike.first else {
      return sideBySide(found: nil, expected: Self.expectedIsOpen, changes: [])
    }
    var changes = Self.visibilityChanges(declaration)
    let name = Self.declaredName(declaration.text)
    if name != "isOpen" { changes.append("rename `\(name)` to `isOpen`") }
    if declaration.text.contains("Bool?") { changes.append("return a `Bool`, not an optional") }
    if declaration.text.hasPrefix("func") || declaration.text.contains(" func "),
      (Self.parameters(of: declaration.text) ?? []).contains(where: { !$0.hasDefault })
    {
      changes.append("take no arguments (or make it a property)")
    }
    if declaration.text.contains("async"), !isAsyncBreaker { changes.append(Self.dropAsync("it")) }
    return sideBySide(
      found: declaration, expected: Self.expectedIsOpen + " (or `func isOpen() -> Bool`)", changes: changes)
  }

  var metricsNote: String {
    guard let declaration = metricsLike.first else {
      return sideBySide(found: nil, expected: Self.expectedMetrics, changes: [])
    }
    var changes = Self.visibilityChanges(declaration)
    let name = Self.declaredName(declaration.text)
    if name != "metrics" { changes.append("rename `\(name)` to `metrics`") }
    if declaration.text.contains("async"), !isAsyncBreaker { changes.append(Self.dropAsync("it")) }
    changes.append("its value must be `[String: Int]`, or a struct whose stored `Int` properties are the counters")
    return sideBySide(
      found: declaration, expected: Self.expectedMetrics + " (or `func metrics()`, or a struct of counters)",
      changes: changes)
  }

  /// The change for an `async` member of a breaker whose `call` is synchronous: the adapter then calls every
  /// member synchronously, unless `call` is async too.
  static func dropAsync(_ what: String) -> String {
    "drop `async` (the adapter calls \(what) synchronously, as it calls your synchronous `call`), or make every "
      + "`call` async too: cblearn then awaits each member (docs/tracks.md, async breakers)"
  }

  /// `private` and `fileprivate` members are invisible to the adapter's files.
  static func visibilityChanges(_ declaration: Declaration) -> [String] {
    let words = declaration.text.split(separator: " ")
    for word in words where word.hasPrefix("private") || word.hasPrefix("fileprivate") {
      if word.contains("(set)") { continue }
      return ["drop `\(word)`: the adapter is compiled in other files of your module and cannot see it"]
    }
    return []
  }

  /// The changes that make a `call` with a fallback callable as `call(operation, fallback: handler)`.
  static func fallbackChanges(_ parameters: [Parameter], effects: String, async: Bool = false) -> [String] {
    var changes: [String] = []
    guard parameters.count >= 2 else { return changes }
    let operation = parameters[0]
    let fallback = parameters[1]
    if operation.label != "_" {
      changes.append("drop the operation's argument label: `_ \(operation.name): …`")
    }
    if fallback.label == "_" {
      changes.append("label the fallback: `fallback \(fallback.name): …`")
    } else if fallback.label != "fallback" {
      changes.append(
        fallback.name == "fallback"
          ? "rename the argument label `\(fallback.label)` to `fallback`"
          : "rename the argument label `\(fallback.label)` to `fallback` (`fallback \(fallback.name): …` keeps "
            + "`\(fallback.name)` as the name inside your method)")
    }
    for extra in parameters.dropFirst(2) where !extra.hasDefault {
      changes.append("give `\(extra.name)` a default value, or drop it")
    }
    if effects.contains("async"), !async {
      changes.append(dropAsync("`call`"))
    } else if async, !effects.contains("async") {
      changes.append("make it `async`, like your other `call`")
    }
    guard let function = FunctionType(unwrapping: fallback.type) else {
      changes.append("make the fallback a function of the rejection error: `(any Error) throws -> T`")
      return changes
    }
    if function.arguments.isEmpty {
      changes.append("give the fallback the rejection error as its argument: `(any Error) throws -> T`")
    } else if function.arguments.count > 1 {
      changes.append("give the fallback one argument, the rejection error: `(any Error) throws -> T`")
    } else if !["Error", "anyError", "CircuitOpenError"].contains(
      function.arguments[0].replacingOccurrences(of: " ", with: ""))
    {
      changes.append("take the rejection error as `any Error` (or `CircuitOpenError`), not `\(function.arguments[0])`")
    }
    if function.isAsync, !async { changes.append("drop `async` from the fallback's type") }
    if !function.throwsErrors {
      changes.append(
        "add `throws` to the fallback's type, `(any Error) throws -> T`: a fallback may fail, and its error must "
          + "reach the caller unchanged")
    }
    if let result = FunctionType(unwrapping: operation.type)?.result, result != function.result {
      changes.append("make the fallback return `\(result)`, the operation's type, not `\(function.result)`")
    }
    return changes
  }
}
