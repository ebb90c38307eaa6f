import Foundation

/// `--shard I/N`: the I-th of N deterministic shares of the students, by a stable hash of the name.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// 1-based.
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, (1...count).contains(index) else {
      throw GradingError.badShard(text)
    }
    self.init(index: index, count: count)
  }

  /// Whether a student belongs to this share (the same on every machine and every run).
  public func contains(_ student: String) -> Bool {
    var print = Fingerprint()
    print.add(student)
    return Int(print.value % UInt64(count)) == index - 1
  }

  public var description: String { "\(index)/\(count)" }
}
