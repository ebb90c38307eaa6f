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
    signal(SIGINT, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupt.setEventHandler { grader.cancel() }
    interrupt.resume()
    defer {
      interrupt.cancel()
      signal(SIGINT, SIG_DFL)
    }
    let grades = try grader.run()
    progress.finish()
    if grader.wasCancelled {
      FileHandle.standardError.write(
        Data(
          "interrupted: \(grades.count) grades kept in \(options.out.path)/results; run the same command to resume\n"
            .utf8))
      throw ExitCode(130)
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
