/// A small deterministic generator (SplitMix64), so that every run is reproducible from `--seed`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// A generator derived from a seed and a label, stable across runs and platforms.
  public init(seed: UInt64, label: String, index: Int = 0) {
    self.init(seed: seed ^ stableHash(label) &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// FNV-1a: a hash of a string that does not change between runs (Swift's `Hasher` does).
public func stableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01b3
  }
  return hash
}
