import Foundation

/// Reads and writes durations as people write them: `250ms`, `10s`, `10m`, `1h`, or a number of seconds.
public enum SimDuration {
  /// Seconds in `text`, or `nil` when it is not a duration.
  public static func seconds(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
      let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
      if let value = Double(number), value >= 0, value.isFinite { return value * scale }
      if suffix == "ms" { return nil }
    }
    if let value = Double(trimmed), value >= 0, value.isFinite { return value }
    return nil
  }

  /// A short label for a time offset: `45s`, `4m`, `4m30s`, `250ms`.
  public static func label(_ seconds: Double) -> String {
    if seconds < 1, seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
    if seconds < 10, seconds != seconds.rounded() {
      return String(Double(Int(seconds * 10)) / 10) + "s"
    }
    let whole = Int(seconds.rounded())
    if whole < 60 { return "\(whole)s" }
    let minutes = whole / 60
    let rest = whole % 60
    return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
  }
}
