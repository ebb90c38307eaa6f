// cblearn's Swift adapter: a small JSON reader and writer for protocol lines.
// Foundation's JSONSerialization costs more than the pipe round trip itself on Linux; protocol messages are
// small, so a direct UTF-8 parser keeps the adapter's share of a round trip small.

/// JSON `null` in parsed values and in replies.
struct JSONNull {}

/// Parses one JSON text into Swift values (String, Double, Bool, JSONNull, [Any], [String: Any]); nil if invalid.
func parseJSON(_ text: String) -> Any? {
  var reader = JSONReader(bytes: Array(text.utf8))
  guard let value = reader.value() else { return nil }
  reader.skipSpace()
  return reader.index == reader.bytes.count ? value : nil
}

/// A number from a parsed value.
func number(_ value: Any?) -> Double? {
  switch value {
  case let d as Double: d
  case let i as Int: Double(i)
  default: nil
  }
}

/// Serialises a reply (String, Bool, Int, Double, JSONNull, arrays and dictionaries of them).
func writeJSON(_ value: Any, into out: inout String) {
  switch value {
  case let s as String: quoteJSON(s, into: &out)
  case let b as Bool: out += b ? "true" : "false"
  case let i as Int: out += String(i)
  case let d as Double:
    if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) } else { out += "\(d)" }
  case let list as [Any]:
    out += "["
    for (i, item) in list.enumerated() {
      if i > 0 { out += "," }
      writeJSON(item, into: &out)
    }
    out += "]"
  case let object as [String: Any]:
    out += "{"
    for (i, key) in object.keys.sorted().enumerated() {
      if i > 0 { out += "," }
      quoteJSON(key, into: &out)
      out += ":"
      writeJSON(object[key]!, into: &out)
    }
    out += "}"
  case let list as [[String: Any]]:
    writeJSON(list.map { $0 as Any }, into: &out)
  case let list as [String]:
    writeJSON(list.map { $0 as Any }, into: &out)
  case let map as [String: Int]:
    writeJSON(map.mapValues { $0 as Any }, into: &out)
  default: out += "null"
  }
}

func quoteJSON(_ s: String, into out: inout String) {
  out += "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
    default: out.unicodeScalars.append(scalar)
    }
  }
  out += "\""
}

/// A recursive-descent JSON reader over UTF-8 bytes.
struct JSONReader {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func skipSpace() {
    while index < bytes.count,
      bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
    {
      index += 1
    }
  }

  mutating func value() -> Any? {
    skipSpace()
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string()
    case UInt8(ascii: "t"): return word("true", true)
    case UInt8(ascii: "f"): return word("false", false)
    case UInt8(ascii: "n"): return word("null", JSONNull())
    default: return numberValue()
    }
  }

  private mutating func word(_ text: String, _ value: Any) -> Any? {
    let utf8 = Array(text.utf8)
    guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else { return nil }
    index += utf8.count
    return value
  }

  private mutating func numberValue() -> Any? {
    let start = index
    while index < bytes.count {
      let b = bytes[index]
      guard (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E || b == 0x45 || b == 0x65 else { break }
      index += 1
    }
    return Double(String(decoding: bytes[start..<index], as: UTF8.self))
  }

  private mutating func string() -> String? {
    index += 1
    var out = String.UnicodeScalarView()
    var start = index
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        let run = String(decoding: bytes[start..<index], as: UTF8.self)
        index += 1
        if out.isEmpty { return run }
        out.append(contentsOf: run.unicodeScalars)
        return String(out)
      }
      if b == UInt8(ascii: "\\") {
        out.append(contentsOf: String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars)
        index += 1
        guard index < bytes.count else { return nil }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "n"): out.append("\n")
        case UInt8(ascii: "t"): out.append("\t")
        case UInt8(ascii: "r"): out.append("\r")
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
          else { return nil }
          index += 4
          out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        default: out.append(Unicode.Scalar(c))
        }
        start = index
        continue
      }
      index += 1
    }
    return nil
  }

  private mutating func array() -> Any? {
    index += 1
    var items: [Any] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return items
    }
    while true {
      guard let item = value() else { return nil }
      items.append(item)
      skipSpace()
      guard index < bytes.count else { return nil }
      index += 1
      if bytes[index - 1] == UInt8(ascii: "]") { return items }
      if bytes[index - 1] != UInt8(ascii: ",") { return nil }
    }
  }

  private mutating func object() -> Any? {
    index += 1
    var fields: [String: Any] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return fields
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
      index += 1
      if bytes[index - 1] == UInt8(ascii: "}") { return fields }
      if bytes[index - 1] != UInt8(ascii: ",") { return nil }
    }
  }
}
