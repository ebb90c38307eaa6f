import ArgumentParser
import Curriculum

/// Range checks of numeric flags, with messages that name the flag and the allowed range (NumericLimit).
enum FlagLimits {
  /// Throws a usage error when `value` is NaN, infinite, out of `range`, or a fraction where a whole number is
  /// due: `--memory must be a whole number from 256 to 1048576, not 1e+20`.
  static func check(_ value: Double, _ flag: String, _ range: ClosedRange<Double>, whole: Bool = true) throws {
    try check(value, NumericLimit(flag, range, whole: whole))
  }

  /// The same with a shared limit (a breaker configuration key, whose flag is its name with dashes).
  static func check(_ value: Double, _ limit: NumericLimit) throws {
    if let problem = limit.flagProblem(value) { throw ValidationError(problem) }
  }

  /// The same for an optional value.
  static func check(_ value: Int?, _ limit: NumericLimit) throws {
    if let value { try check(Double(value), limit) }
  }
}
