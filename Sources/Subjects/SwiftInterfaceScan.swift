import Foundation

/// The declarations of a learner's Swift file that the adapter calls, read without compiling it.
///
/// The adapter finds `isOpen`, `metrics` and `call(_:fallback:)` by name under any signature the compiler can
/// call with its arguments; when it cannot, the breaker lacks the feature, and the scan says what the file
/// declares instead, the signature expected and the smallest change (`notes`).
public struct SwiftInterfaceScan: Sendable {
  /// One declaration: its line (1-based) and its signature on one line, without the body.
  public struct Declaration: Sendable, Equatable {
    public var line: Int
    public var text: String
  }

  /// The file's name, for `found (Breaker.swift:12)`.
  public let fileName: String
  /// `func call` declarations.
  public let calls: [Declaration]
  /// Declarations named `isOpen` first, then those like it (`var isOpened`, `func isCircuitOpen()`).
  public let isOpenLike: [Declaration]
  /// Declarations named `metrics` first, then `stats` or `statistics`.
  public let metricsLike: [Declaration]
  /// Type declarations conforming to `Error` (`struct CircuitOpenError: Error`).
  public let errorTypes: [Declaration]
  /// `init` declarations.
  public let initializers: [Declaration]
  /// Declarations of a type named `CircuitBreaker` (`final class CircuitBreaker<C: Clock>: …`).
  public let breakerTypes: [Declaration]

  /// The file's lines as written, and with comments and strings blanked.
  let sourceLines: [String]
  let codeLines: [String]
  /// Names bound to the listener (`let hook = configuration.onStateChange`).
  let listenerNames: [String]
  /// Whether the code (not a comment) names `onStateChange`: without it, no state change can reach the listener.
  public let reachesListener: Bool
  /// Declarations of listeners of the learner's own (`var onChange`, `func addObserver`, `weak var delegate`).
  public let listenerLike: [Declaration]

  /// The expected signatures, as docs/tracks.md gives them.
  public static let expectedCall = "func call<T>(_ operation: () throws -> T) throws -> T"
  public static let expectedFallback =
    "func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T"
  public static let expectedAsyncCall =
    "func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T"
  public static let expectedAsyncFallback =
    "func call<T: Sendable>(_ operation: @Sendable () async throws -> T, fallback: @Sendable (any Error) async throws "
    + "-> T) async throws -> T"
  public static let expectedIsOpen = "var isOpen: Bool { get }"
  public static let expectedMetrics = "var metrics: [String: Int] { get }"
  public static let expectedInit = "init(configuration: BreakerConfiguration, clock: C)"
  public static let expectedType =
    "final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration"

  public init(source: String, fileName: String) {
    self.fileName = fileName
    // A breaker is a few hundred lines; a huge file is scanned only in its first 256 KiB.
    let code = SwiftCodeText.blankingCommentsAndStrings(String(decoding: source.utf8.prefix(262_144), as: UTF8.self))
    calls = Self.declarations(in: code, matching: #"\bfunc\s+call\b"#)
    isOpenLike = Self.preferring(
      "isOpen", Self.declarations(in: code, matching: #"\b(var|let|func)\s+is\w*Open\w*\b"#))
    metricsLike = Self.preferring(
      "metrics", Self.declarations(in: code, matching: #"\b(var|let|func)\s+(metrics|stats|statistics)\b"#))
    errorTypes = Self.declarations(in: code, matching: #"\b(struct|class|enum)\s+\w+[^{\n]*:[^{\n]*\bError\b"#)
    initializers = Self.declarations(in: code, matching: #"\binit\s*[<(]"#)
    breakerTypes = Self.declarations(in: code, matching: #"\b(struct|class|enum|actor)\s+CircuitBreaker\b"#)
    reachesListener = code.contains("onStateChange")
    listenerLike = Self.declarations(
      in: code,
      matching: #"\b(var|let|func)\s+\w*(listener|Listener|observer|Observer|delegate|Delegate|[cC]hange)\w*\b"#)
    sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    codeLines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let binding = try? NSRegularExpression(pattern: #"\b(?:let|var)\s+(\w+)\s*(?::[^=\n]*)?=\s*[\w.?]*onStateChange\b"#)
    listenerNames = (binding?.matches(in: code, range: NSRange(location: 0, length: (code as NSString).length)) ?? [])
      .map { (code as NSString).substring(with: $0.range(at: 1)) }
  }

  /// Whether the breaker is async: an actor, or a type whose every `call` is `async`. cblearn then compiles it
  /// with the adapter's async glue, which awaits each member (docs/tracks.md).
  public var isAsyncBreaker: Bool {
    isActor || (!calls.isEmpty && calls.allSatisfy { Self.effects($0.text).contains("async") })
  }

  /// Whether the file declares `CircuitBreaker` as an actor.
  var isActor: Bool { breakerTypes.contains { $0.text.hasPrefix("actor ") || $0.text.contains(" actor ") } }

  /// `declarations` with those named `name` first.
  static func preferring(_ name: String, _ declarations: [Declaration]) -> [Declaration] {
    declarations.filter { declaredName($0.text) == name } + declarations.filter { declaredName($0.text) != name }
  }

  /// The declarations starting where `pattern` matches, each up to its body's `{` (or the end of its line when
  /// it has no body), on one line.
  static func declarations(in code: String, matching pattern: String) -> [Declaration] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    let text = code as NSString
    var result: [Declaration] = []
    var line = 1
    var counted = 0
    for match in regex.matches(in: code, range: NSRange(location: 0, length: text.length)) {
      let start = match.range.location
      line += text.substring(with: NSRange(location: counted, length: start - counted)).count { $0 == "\n" }
      counted = start
      // A declaration's modifiers stay with it: `private func`, `@discardableResult func`.
      let newline = text.range(of: "\n", options: .backwards, range: NSRange(location: 0, length: start))
      let lineStart = newline.location == NSNotFound ? 0 : newline.location + 1
      let prefix = text.substring(with: NSRange(location: lineStart, length: start - lineStart))
      let from = prefix.trimmingCharacters(in: .whitespaces).isEmpty ? start : lineStart
      // A signature is short: a bounded piece of the file, so a long file costs no more per match.
      let rest = text.substring(with: NSRange(location: from, length: min(2_000, text.length - from)))
      var text = signature(rest)
      // A getter's effects are part of a property's signature: `var isOpen: Bool { get async }`.
      if let getter = rest.range(of: #"^[^{]*\{\s*get\s+(async\s*)?(throws\s*)?"#, options: .regularExpression),
        rest[getter].contains("async") || rest[getter].contains("throws")
      {
        let effects = rest[getter].split(separator: "{").last?.split(whereSeparator: \.isWhitespace) ?? []
        text += " { " + effects.joined(separator: " ") + " }"
      }
      result.append(Declaration(line: line, text: text))
    }
    return result
  }

  /// The text before the body's `{` outside parentheses (or before a line that ends the declaration), with
  /// its whitespace collapsed.
  static func signature(_ text: String) -> String {
    var depth = 0
    var out = ""
    var previous: Character = " "
    for character in text {
      if depth == 0, character == "{" { break }
      if depth == 0, character == "\n", !out.trimmingCharacters(in: .whitespaces).isEmpty,
        !["(", ",", ":", ">", "-"].contains(out.trimmingCharacters(in: .whitespaces).last ?? " ")
      {
        // A declaration without a body (a protocol requirement or a stored property) ends with its line,
        // unless the line ends inside a parameter list or a type.
        break
      }
      switch character {
      case "(", "[": depth += 1
      case ")", "]": depth = max(0, depth - 1)
      default: break
      }
      if character.isWhitespace {
        if previous != " " { out.append(" ") }
        previous = " "
      } else {
        out.append(character)
        previous = character
      }
      if out.count > 400 { break }
    }
    return out.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "( ", with: "(")
      .replacingOccurrences(of: " )", with: ")")
  }
}

/// Blanks comments and string literals of Swift source, keeping every line break, so a scan for declarations
/// never matches text inside them.
enum SwiftCodeText {
  /// `source` with every comment and string literal's content replaced by spaces (line breaks kept).
  static func blankingCommentsAndStrings(_ source: String) -> String {
    var out = ""
    out.reserveCapacity(source.utf8.count)
    let characters = Array(source)
    var index = 0
    var blockDepth = 0
    func at(_ offset: Int) -> Character? {
      index + offset < characters.count ? characters[index + offset] : nil
    }
    func blank(_ character: Character) { out.append(character == "\n" ? "\n" : " ") }
    while index < characters.count {
      let character = characters[index]
      if blockDepth > 0 {
        if character == "*", at(1) == "/" {
          blockDepth -= 1
          out += "  "
          index += 2
        } else if character == "/", at(1) == "*" {
          blockDepth += 1
          out += "  "
          index += 2
        } else {
          blank(character)
          index += 1
        }
        continue
      }
      if character == "/", at(1) == "/" {
        while index < characters.count, characters[index] != "\n" {
          out.append(" ")
          index += 1
        }
        continue
      }
      if character == "/", at(1) == "*" {
        blockDepth = 1
        out += "  "
        index += 2
        continue
      }
      if character == "\"" {
        let triple = at(1) == "\"" && at(2) == "\""
        let quote = triple ? 3 : 1
        out += String(repeating: "\"", count: quote)
        index += quote
        while index < characters.count {
          let c = characters[index]
          if c == "\\" {
            blank(c)
            if let next = at(1) { blank(next) }
            index += 2
            continue
          }
          if c == "\"", !triple || (at(1) == "\"" && at(2) == "\"") {
            out += String(repeating: "\"", count: quote)
            index += quote
            break
          }
          if c == "\n", !triple { break }
          blank(c)
          index += 1
        }
        continue
      }
      out.append(character)
      index += 1
    }
    return out
  }
}
