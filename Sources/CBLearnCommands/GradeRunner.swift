import ArgumentParser
import Curriculum
import Foundation
import Grading
import TerminalUI

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a grading: the live progress, Ctrl-C, the reports and the summary table.
enum GradeRunner {
  static func run(content: ContentRoot, options: GradingOptions, reports: GradeReportOptions) throws {
    // Read the roster and the formats before grading: a mistake there should not cost a whole run.
    _ = try reports.formats()
    _ = try reports.lms()
    let grader = try Grader(content: content, options: options)
    let errInfo = TerminalInfo.detect(fileDescriptor: 2)
    let progress = GradingProgress(info: errInfo)
    FileHandle.standardError.write(Data("limits: \(grader.sandbox.summary)\n".utf8))
    if let warning = grader.sandbox.fallbackWarning { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
    grader.onStart = { progress.start(total: $0) }
    grader.onGrade = { progress.record($0, cached: $1) }
    // Ctrl-C, SIGTERM (a CI runner's cancel, `kill`) and SIGHUP (the terminal closed) all stop the run the
    // same way: subjects killed, cgroups and work folders removed, the grades so far kept for resuming.
    let received = ReceivedSignal()
    let sources = [SIGINT, SIGTERM, SIGHUP].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        received.record(number)
        grader.cancel()
      }
      source.resume()
      return source
    }
    defer {
      for source in sources { source.cancel() }
      for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }
    let grades = try grader.run()
    progress.finish()
    if grader.wasCancelled {
      let name = received.name
      FileHandle.standardError.write(
        Data(
          ("\(name == "SIGINT" ? "interrupted" : "stopped by \(name)"): \(grades.count) grades kept in "
            + "\(options.out.path)/results; run the same command to resume\n").utf8))
      throw ExitCode(128 + received.number)
    }
    var book = Gradebook(grades: grades, seed: options.seed)
    book.skipped = grader.skipped
    for skipped in grader.skipped {
      FileHandle.standardError.write(Data("skipped \(skipped.entry): \(skipped.reason)\n".utf8))
    }
    try report(book, out: options.out, reports: reports)
    let skipped = grader.skipped.isEmpty ? "" : " · skipped \(grader.skipped.count) (not submissions)"
    FileHandle.standardError.write(Data("\(progress.countsLine)\(skipped)\n".utf8))
  }

  /// Writes the files and prints the summary table.
  static func report(_ book: Gradebook, out: URL, reports: GradeReportOptions) throws {
    let formats = try reports.formats()
    let lms = try reports.lms()
    for folder in lms?.unlisted(book) ?? [] {
      FileHandle.standardError.write(
        Data("warning: \(folder) is not in the roster: their grade is not in lms/canvas.csv or lms/moodle.csv\n".utf8))
    }
    let written = try ReportWriter(out: out, formats: formats.filter { $0 != .table }, lms: lms, bom: reports.bom)
      .write(book)
    if formats.contains(.table) {
      print(SummaryTable.render(book, info: TerminalInfo.detect(fileDescriptor: 1)).joined(separator: "\n"))
    }
    if !written.isEmpty {
      let names = Set(
        written.map { $0.path.dropFirst(out.path.count + 1).split(separator: "/").first.map(String.init) ?? "" })
      FileHandle.standardError.write(Data("wrote \(names.sorted().joined(separator: ", ")) in \(out.path)\n".utf8))
    }
  }
}

/// The first stopping signal a run received.
final class ReceivedSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var first: Int32?

  /// Keeps the first signal.
  func record(_ number: Int32) { lock.withLock { if first == nil { first = number } } }

  /// The signal's number (SIGINT when none was recorded).
  var number: Int32 { lock.withLock { first ?? SIGINT } }

  /// `SIGINT`, `SIGTERM` or `SIGHUP`.
  var name: String {
    switch number {
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "SIGINT"
    }
  }
}
