import Foundation

/// The pieces of a one-line Swift declaration that interface notes compare: parameters, effects, names.
extension SwiftInterfaceScan {
  /// One parameter: `label name: type = default`.
  public struct Parameter: Sendable, Equatable {
    public var label: String
    public var name: String
    public var type: String
    public var hasDefault: Bool
  }

  /// The parameters of the first parameter list of `declaration`, or nil when it has none.
  static func parameters(of declaration: String) -> [Parameter]? {
    guard let (list, _) = parameterList(declaration) else { return nil }
    return topLevelSplit(list, separator: ",").compactMap { piece in
      let parts = topLevelSplit(piece, separator: ":", limit: 1)
      guard parts.count == 2 else { return nil }
      let names = parts[0].split(separator: " ").map(String.init)
      let typeAndDefault = topLevelSplit(parts[1], separator: "=", limit: 1)
      guard let name = names.last else { return nil }
      return Parameter(
        label: names.count >= 2 ? names[names.count - 2] : name, name: name,
        type: typeAndDefault[0].trimmingCharacters(in: .whitespaces), hasDefault: typeAndDefault.count == 2)
    }
  }

  /// What follows the parameter list: `async throws -> T where …`.
  static func effects(_ declaration: String) -> String {
    guard let (_, rest) = parameterList(declaration) else { return "" }
    return rest.components(separatedBy: "->").first ?? rest
  }

  /// The declared name: `isOpen` of `var isOpen: Bool`, `metrics` of `func metrics() -> M`.
  static func declaredName(_ declaration: String) -> String {
    let words = declaration.split(whereSeparator: { " :(<{=".contains($0) }).map(String.init)
    guard let keyword = words.firstIndex(where: { ["var", "let", "func"].contains($0) }), keyword + 1 < words.count
    else { return declaration }
    return words[keyword + 1]
  }

  /// The text inside the first top-level parentheses after the name (and its generic clause), and after them.
  static func parameterList(_ declaration: String) -> (String, String)? {
    let characters = Array(declaration)
    var angle = 0
    var start: Int?
    for (index, character) in characters.enumerated() {
      if character == "<" { angle += 1 }
      if character == ">", index > 0, characters[index - 1] != "-" { angle -= 1 }
      if character == "(", angle == 0 {
        start = index
        break
      }
    }
    guard let start else { return nil }
    var depth = 0
    for index in start..<characters.count {
      if characters[index] == "(" { depth += 1 }
      if characters[index] == ")" {
        depth -= 1
        if depth == 0 {
          return (String(characters[(start + 1)..<index]), String(characters[(index + 1)...]))
        }
      }
    }
    return nil
  }

  /// Splits at `separator` outside parentheses, brackets and angle brackets (`->` is not a bracket).
  static func topLevelSplit(_ text: String, separator: Character, limit: Int = .max) -> [String] {
    var pieces: [String] = []
    var current = ""
    var depth = 0
    var previous: Character = " "
    for character in text {
      switch character {
      case "(", "[", "<": depth += 1
      case ")", "]": depth -= 1
      case ">" where previous != "-": depth -= 1
      default: break
      }
      if character == separator, depth == 0, pieces.count < limit {
        pieces.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    let last = current.trimmingCharacters(in: .whitespaces)
    if !last.isEmpty || !pieces.isEmpty { pieces.append(last) }
    return pieces
  }
}

/// A function type such as `@Sendable (any Error) throws -> T`, unwrapped from an optional.
struct FunctionType: Equatable {
  var arguments: [String]
  var isAsync: Bool
  var throwsErrors: Bool
  var result: String

  /// Parses `type`, removing attributes (`@Sendable`, `@escaping`), ownership words and one optional layer.
  init?(unwrapping type: String) {
    var text = FunctionType.strippingAttributes(type)
    if text.hasPrefix("Optional<"), text.hasSuffix(">") {
      text = String(text.dropFirst("Optional<".count).dropLast())
    } else if text.hasSuffix("?") || text.hasSuffix("!") {
      // `((any Error) throws -> T)?` is optional; `(any Error) throws -> T?` returns an optional.
      let inner = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
      if inner.hasPrefix("("), let (list, rest) = SwiftInterfaceScan.parameterList(inner), rest.isEmpty {
        text = list
      }
    }
    text = FunctionType.strippingAttributes(text)
    guard text.hasPrefix("("), let (list, rest) = SwiftInterfaceScan.parameterList(text) else { return nil }
    let parts = rest.components(separatedBy: "->")
    guard parts.count >= 2 else { return nil }
    let effects = parts[0]
    arguments = SwiftInterfaceScan.topLevelSplit(list, separator: ",").filter { !$0.isEmpty }.map {
      // `(_ error: any Error)` names its argument; the type is after the colon.
      let pieces = SwiftInterfaceScan.topLevelSplit($0, separator: ":", limit: 1)
      return FunctionType.strippingAttributes(pieces.last ?? $0)
    }
    isAsync = effects.contains("async")
    throwsErrors = effects.contains("throws") || effects.contains("rethrows")
    result = parts.dropFirst().joined(separator: "->").trimmingCharacters(in: .whitespaces)
  }

  static func strippingAttributes(_ type: String) -> String {
    var words = type.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
    while let first = words.first,
      first.hasPrefix("@") || ["sending", "borrowing", "consuming", "inout", "__owned", "__shared"].contains(first)
    {
      words.removeFirst()
    }
    return words.joined(separator: " ")
  }
}
