import ArgumentParser
import Foundation
import Grading

/// `cblearn grade merge DIR...`: one gradebook from the output folders of `--shard` runs.
struct GradeMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the output folders of `cblearn grade --shard I/N` runs into one gradebook.",
    discussion: """
      Checks that the folders come from one run (same steps, seed, suite version and rubric), that every
      shard I/N of the run is given (or --partial), that no student was graded twice and that every shard
      finished. Exit status 0, or 2 when they cannot be merged.
      Example: cblearn grade merge shard-1 shard-2 shard-3 --out grades
      """)

  @Argument(help: "The --out folders of the shard runs.", completion: .directory)
  var folders: [String]

  @Option(help: "Folder for the merged gradebook and reports.")
  var out: String = "grading-out"

  @OptionGroup var reports: GradeReportOptions

  @Flag(help: "Write a gradebook even when shards are missing, marked partial (their students are left out).")
  var partial = false

  func validate() throws {
    if folders.isEmpty { throw ValidationError("give the shard folders to merge") }
  }

  func run() throws {
    do {
      let merged = try GradeMerger.merge(
        folders.map { URL(fileURLWithPath: $0).standardizedFileURL }, partial: partial)
      let book = merged.gradebook
      if !merged.missingShards.isEmpty {
        FileHandle.standardError.write(
          Data(
            "warning: PARTIAL gradebook: shards \(merged.missingShards.joined(separator: ", ")) are missing\n".utf8))
      }
      try GradeRunner.report(
        book, out: URL(fileURLWithPath: out).standardizedFileURL, reports: reports)
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }
}
