/// A 128-bit content hash (two FNV-1a lanes) for cache keys: stable across runs and machines.
struct ContentHash {
  private var a: UInt64 = 0xcbf2_9ce4_8422_2325
  private var b: UInt64 = 0x8422_2325_cbf2_9ce4

  mutating func add(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
      b = (b ^ UInt64(byte ^ 0x5c)) &* 0x100_0000_01b3
    }
    // A separator, so that ("ab", "c") and ("a", "bc") differ.
    a = (a ^ 0xff) &* 0x100_0000_01b3
    b = (b ^ 0xfe) &* 0x100_0000_01b3
  }

  mutating func add(_ text: String) { add(text.utf8) }

  /// 32 hexadecimal digits.
  var hex: String {
    func pad(_ v: UInt64) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return pad(a) + pad(b)
  }
}
