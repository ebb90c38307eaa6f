import Conformance
import Foundation

/// Names the likely cause when a breaker's waits never end under the virtual clock: it reads the system clock.
///
/// The checks move only the injected clock (Swift) or the time functions the Python adapter replaces. A
/// breaker that reads `Date()`, `ContinuousClock.now` or `time.clock_gettime` sees milliseconds pass while
/// the check advances minutes, so every call after the recovery timeout is still rejected, and a dozen
/// checks fail with messages about timeouts. Two kinds of evidence are needed before the diagnosis is added
/// to those failures: the source names a system clock (outside comments), and a failing check was rejected
/// right after the virtual clock moved past a wait. Either alone proves nothing (a convenience initialiser
/// may name `ContinuousClock()` legitimately; a plain bug can reject after the wait).
public struct ClockDiagnosis: Sendable, Equatable {
  /// Where the source reads a system clock: line number (1-based), the API, the line's text.
  public struct Finding: Sendable, Equatable {
    public var line: Int
    public var api: String
  }

  /// System-clock reads per track, as they appear in source.
  static let swiftClocks = [
    "Date()", "Date.now", "Date(timeIntervalSinceNow", ".timeIntervalSinceNow", "ContinuousClock()",
    "ContinuousClock.now", "SuspendingClock()", "SuspendingClock.now", "DispatchTime.now()", "DispatchWallTime.now()",
    "CFAbsoluteTimeGetCurrent()", "systemUptime", "clock_gettime(", "gettimeofday(", "mach_absolute_time()",
  ]
  static let pythonClocks = [
    "clock_gettime(", "clock_gettime_ns(", "process_time(", "process_time_ns(", "thread_time(", "thread_time_ns(",
    "os.times(", "get_clock_info(",
  ]

  /// The system-clock reads in `source`, comments left out.
  public static func findings(in source: String, swift: Bool) -> [Finding] {
    let apis = swift ? swiftClocks : pythonClocks
    var result: [Finding] = []
    var inBlockComment = false
    for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = Substring(rawLine)
      if swift {
        if inBlockComment {
          guard let end = line.range(of: "*/") else { continue }
          line = line[end.upperBound...]
          inBlockComment = false
        }
        if let start = line.range(of: "/*") {
          inBlockComment = line[start.upperBound...].range(of: "*/") == nil
          line = line[..<start.lowerBound]
        }
        if let comment = line.range(of: "//") { line = line[..<comment.lowerBound] }
      } else if let comment = line.firstIndex(of: "#") {
        line = line[..<comment]
      }
      if let api = apis.first(where: { line.contains($0) }) { result.append(Finding(line: index + 1, api: api)) }
    }
    return result
  }

  /// Whether a failing check was rejected at its first call after the virtual clock moved.
  static func rejectedAfterWait(_ check: CheckResult) -> Bool {
    guard check.status == .fail, let failed = check.trace.lastIndex(where: \.failed) else { return false }
    guard check.trace[failed].observed.hasPrefix("rejected") else { return false }
    return check.trace[..<failed].contains { $0.op.hasPrefix("advance") }
  }

  /// Adds the diagnosis to each failure it explains, when the source in `file` reads a system clock.
  public static func annotate(_ report: inout SuiteReport, file: URL, swift: Bool) {
    guard report.checks.contains(where: rejectedAfterWait),
      let source = try? String(contentsOf: file, encoding: .utf8),
      let first = findings(in: source, swift: swift).first
    else { return }
    let advice =
      swift
      ? "read time only from the injected clock (`clock.now`, `start.duration(to: clock.now)`)"
      : "use `time.monotonic()` or `time.time()`, which the checks control"
    let note =
      "; likely cause: your breaker reads the system clock (`\(first.api)` at \(file.lastPathComponent):\(first.line)) "
      + "while the checks move only virtual time, so its waits never end: \(advice)"
    for index in report.checks.indices where rejectedAfterWait(report.checks[index]) {
      report.checks[index].message += note
    }
  }
}
