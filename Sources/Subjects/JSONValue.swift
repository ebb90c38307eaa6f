/// A JSON value with a small, fast parser and printer for protocol lines.
///
/// Foundation's JSONSerialization costs tens of microseconds per line on Linux, more than the pipe round trip
/// itself; protocol messages are small and flat, so a direct UTF-8 parser keeps the driver's share of a
/// round trip to a few microseconds (docs/benchmarks.md).
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  public var string: String? { if case .string(let s) = self { s } else { nil } }
  public var double: Double? { if case .number(let n) = self { n } else { nil } }
  public var int: Int? { double.flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil } }
  public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
  public var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
  public var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }

  /// Parses one JSON text; nil when it is not valid JSON.
  public static func parse(_ text: String) -> JSONValue? {
    var utf8 = Array(text.utf8)
    return utf8.withUnsafeMutableBufferPointer { buffer in
      var parser = JSONParser(bytes: UnsafeBufferPointer(buffer))
      guard let value = parser.value() else { return nil }
      parser.skipSpace()
      return parser.index == buffer.count ? value : nil
    }
  }

  /// The compact JSON text, with object keys sorted so output is deterministic.
  public var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n):
      if n == n.rounded(), abs(n) < 1e15 { out += String(Int64(n)) } else { out += "\(n)" }
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let fields):
      out += "{"
      for (i, key) in fields.keys.sorted().enumerated() {
        if i > 0 { out += "," }
        JSONValue.quote(key, into: &out)
        out += ":"
        fields[key]!.write(to: &out)
      }
      out += "}"
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  private var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func value() -> JSONValue? {
    skipSpace()
    guard index < bytes.count, depth < 64 else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return nil }
    for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return nil }
    index += count
    return value
  }

  private mutating func number() -> JSONValue? {
    let start = index
    while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || "+-.eE".utf8.contains(bytes[index]) {
      index += 1
    }
    guard index > start, let n = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
    return .number(n)
  }

  private mutating func string() -> String? {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let run = String(decoding: bytes[runStart..<index], as: UTF8.self)
        index += 1
        if scalars.isEmpty { return run }
        scalars.append(contentsOf: run.unicodeScalars)
        return String(scalars)
      }
      if byte == UInt8(ascii: "\\") {
        scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
        guard let scalar = escape() else { return nil }
        scalars.append(scalar)
        runStart = index
        continue
      }
      if byte < 0x20 { return nil }
      index += 1
    }
    return nil
  }

  private mutating func escape() -> Unicode.Scalar? {
    index += 1
    guard index < bytes.count else { return nil }
    let c = bytes[index]
    index += 1
    switch c {
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "u"):
      guard index + 4 <= bytes.count,
        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
      else { return nil }
      index += 4
      if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u"),
        let low = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16)
      {
        index += 6
        return Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
      }
      return Unicode.Scalar(code) ?? "\u{FFFD}"
    default: return Unicode.Scalar(c)
    }
  }

  private mutating func array() -> JSONValue? {
    index += 1
    depth += 1
    defer { depth -= 1 }
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      guard let item = value() else { return nil }
      items.append(item)
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      return nil
    }
  }

  private mutating func object() -> JSONValue? {
    index += 1
    depth += 1
    defer { depth -= 1 }
    var fields: [String: JSONValue] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(fields)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      guard let item = value() else { return nil }
      fields[key] = item
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
      return nil
    }
  }
}

/// Literals for requests written out in full (the adapter contract's probes).
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
  }
}
