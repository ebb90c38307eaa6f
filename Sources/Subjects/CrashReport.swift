import Foundation

/// What a crashed subject left on standard error, cut to the lines a learner reads.
///
/// A Swift runtime trap prints the fatal error, then a backtrace with registers and a memory dump (about
/// 60 lines). The summary keeps the fatal error and the learner's `file:line`; the whole text is saved
/// once per run and crash to a file whose path the summary names. Other standard error (a Python
/// traceback, a program's own message) is kept as it is when short, and saved the same way when long.
public struct CrashReport: Sendable, Equatable {
  /// `Fatal error: Unexpectedly found nil while unwrapping an Optional value`, or the text's first line.
  public var headline: String
  /// `Breaker.swift:35`, when the text names a place in the learner's code.
  public var location: String?
  /// The rest of a short text that is not a runtime crash, shown as it is.
  public var detail: String
  /// Where the full text was saved, when it was.
  public var savedAt: String?

  /// Lines of standard error shown as they are when the text is not a runtime crash.
  static let shortLimit = 12

  /// The summary as the fault's text: `Fatal error: … at Breaker.swift:35 (full report: PATH)`.
  public var text: String {
    var line = headline
    if let location { line += " at \(location)" }
    var lines = [line]
    if !detail.isEmpty { lines.append(detail) }
    if let savedAt {
      let home = FileManager.default.homeDirectoryForCurrentUser.path
      let shown = home.count > 1 && savedAt.hasPrefix(home + "/") ? "~" + savedAt.dropFirst(home.count) : savedAt
      lines.append("full crash report: \(shown)")
    }
    return lines.joined(separator: "\n")
  }

  /// Reads a crashed subject's standard error; `moduleName` is stripped from Swift's `Module/File:line`.
  public static func summarize(_ stderr: String, moduleName: String = "LearnerBreaker") -> CrashReport? {
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let kept = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard !kept.isEmpty else { return nil }
    let markers = ["Fatal error:", "Precondition failed:", "Assertion failed:"]
    if let index = kept.firstIndex(where: { line in markers.contains { line.contains($0) } }) {
      return swiftTrap(kept[index], moduleName: moduleName)
    }
    if let crashed = kept.first(where: { $0.contains("*** Program crashed:") }) {
      let reason = crashed.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
      let runtime = kept.first { $0.contains("Swift runtime failure:") }.flatMap { line -> String? in
        guard let range = line.range(of: "Swift runtime failure: ") else { return nil }
        return "Swift runtime failure: " + line[range.upperBound...].split(separator: " in ").first.map(String.init)!
      }
      return CrashReport(headline: runtime ?? reason, location: nil, detail: "")
    }
    if kept.count <= shortLimit {
      return CrashReport(headline: kept[0], detail: kept.dropFirst().joined(separator: "\n"))
    }
    let tail = kept.suffix(shortLimit - 2)
    return CrashReport(
      headline: kept[0], detail: "[… \(kept.count - 1 - tail.count) lines]\n" + tail.joined(separator: "\n"))
  }

  /// `LearnerBreaker/Breaker.swift:35: Fatal error: message` as headline and location.
  static func swiftTrap(_ line: String, moduleName: String) -> CrashReport {
    let markers = ["Fatal error:", "Precondition failed:", "Assertion failed:"]
    guard let marker = markers.compactMap({ line.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
      return CrashReport(headline: line, detail: "")
    }
    let headline = String(line[marker.lowerBound...]).trimmingCharacters(in: .whitespaces)
    var place = String(line[..<marker.lowerBound]).trimmingCharacters(in: .whitespaces)
    while place.hasSuffix(":") { place.removeLast() }
    if place.hasPrefix(moduleName + "/") { place.removeFirst(moduleName.count + 1) }
    return CrashReport(headline: headline, location: place.isEmpty ? nil : place, detail: "")
  }

  init(headline: String, location: String? = nil, detail: String, savedAt: String? = nil) {
    self.headline = headline
    self.location = location
    self.detail = detail
    self.savedAt = savedAt
  }
}

/// Saves each distinct crash text once per process and remembers where.
public enum CrashReportStore {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var saved: [String: String] = [:]

  /// The folder crash reports go to: `crash-reports/` in the Swift build cache's folder.
  public static var directory: URL { SwiftBuilder.defaultCacheDirectory.appendingPathComponent("crash-reports") }

  /// The summary of a crashed subject's standard error, its full text saved when it was cut.
  public static func report(stderr: String, subject: String, key: String) -> CrashReport? {
    guard var report = CrashReport.summarize(stderr) else { return nil }
    let shown = report.text
    guard shown.count < stderr.trimmingCharacters(in: .whitespacesAndNewlines).count else { return report }
    report.savedAt = save(stderr, subject: subject, key: key + "\n" + shown)
    return report
  }

  /// Writes `text` to a new file (once per `key` in this process); `nil` when it cannot be written.
  static func save(_ text: String, subject: String, key: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let path = saved[key] { return path }
    let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
    let safe = subject.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
    let name = "\(String(safe))-\(stamp)-\(ProcessInfo.processInfo.processIdentifier)-\(saved.count + 1).txt"
    let url = directory.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    } catch {
      return nil
    }
    saved[key] = url.path
    return url.path
  }
}
