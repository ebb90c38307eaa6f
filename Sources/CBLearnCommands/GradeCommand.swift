import ArgumentParser
import Checking
import Curriculum
import Foundation
import Grading
import TerminalUI

#if canImport(Glibc)
  import Glibc
#endif

/// `cblearn grade`: batch grading of students' submissions (`grade run`, the default, and `grade merge`).
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: "Grade a folder of students' submissions with the conformance suite (instructors).",
    discussion: "See docs/grading.md for layouts, the rubric, the outputs, the sandbox and CI recipes.",
    subcommands: [GradeRunCommand.self, GradeMergeCommand.self],
    defaultSubcommand: GradeRunCommand.self)
}

/// `cblearn grade SUBMISSIONS_DIR --step STEP …`: grades every student, writes the gradebook and reports.
struct GradeRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Grade every student's submission for the given steps (the default of `cblearn grade`).",
    discussion: """
      Each subfolder of SUBMISSIONS_DIR is one student (a `cblearn start` workspace or plain files).
      Exit status: 0 when the run completed, whatever the grades; 2 when grading could not run; 130 when
      interrupted (run the same command again to resume).
      Examples:
        cblearn grade submissions --step 3
        cblearn grade submissions --step 3 --step 4 --rubric rubric.yaml --out grades --format csv,html
        cblearn grade submissions --step 3 --shard 2/4 --out shard-2 && cblearn grade merge shard-*
      """)

  @Argument(help: "The folder holding one subfolder (or file) per student.", completion: .directory)
  var submissions: String

  @Option(name: .customLong("step"), help: "A step to grade: its number (3) or slug (basic-breaker); repeatable.")
  var steps: [String] = []

  @Option(help: "Submissions graded at once (default: the number of cores).")
  var jobs: Int?

  @Option(help: "Wall-clock seconds per submission, compilation excluded.")
  var timeout: Double = 60

  @Option(help: "Seconds to wait for each reply from a breaker.")
  var replyTimeout: Double = 2

  @Option(help: "Folder for the gradebook, the reports and the results cache.")
  var out: String = "grading-out"

  @OptionGroup var reports: GradeReportOptions

  @Option(
    help: "A YAML rubric overriding points, levels and the pass mark.", completion: .file(extensions: ["yaml", "yml"]))
  var rubric: String?

  @Option(help: "Seed for the configuration variants; the same seed gives the same grades.")
  var seed: UInt64 = 1

  @Option(help: "Configuration variants per check besides the exercise's own.")
  var variants: Int = 2

  @Option(
    help:
      "Random sequences of the exploration after the scripted checks (explore.model-agrees), shared by the seeds; 0 leaves it out. Default: the rubric's explore_runs, else \(ExploreCheck.standard.runs)."
  )
  var exploreRuns: Int?

  @Flag(help: "Grade again even the submissions whose stored result is current.")
  var force = false

  @Option(help: "Grade only the I-th of N deterministic shares of the students, as I/N.")
  var shard: String?

  @Flag(help: "SUBMISSIONS_DIR is one student's submission (their repository), not a folder of students.")
  var single = false

  @Option(help: "With --single: the student's name in the reports (default: the folder's name).")
  var student: String?

  @Option(help: "Isolation: auto (bubblewrap when it works), none, or bwrap (fail without it).")
  var sandbox: String = "auto"

  @Option(help: "Processes and threads a submission may have at once.")
  var maxProcesses: Int = 128

  @Option(help: "Address-space limit per submission process, MiB.")
  var memory: Int = 4096

  @Option(help: "Output (standard error) a submission may write before it is stopped, MiB.")
  var maxOutput: Int = 4

  func validate() throws {
    if steps.isEmpty { throw ValidationError("give at least one --step, for example --step 3") }
    try FlagLimits.check(timeout, "timeout", 0.1...3600, whole: false)
    try FlagLimits.check(replyTimeout, "reply-timeout", 0.01...600, whole: false)
    if let jobs { try FlagLimits.check(Double(jobs), "jobs", 1...256) }
    if student != nil, !single { throw ValidationError("--student goes with --single") }
    guard Sandbox.Mode(rawValue: sandbox) != nil else { throw ValidationError("--sandbox must be auto, none or bwrap") }
    try FlagLimits.check(Double(variants), "variants", 0...20)
    try FlagLimits.check(Double(maxProcesses), "max-processes", 16...100_000)
    try FlagLimits.check(Double(memory), "memory", 256...1_048_576)
    try FlagLimits.check(Double(maxOutput), "max-output", 1...1024)
    if let exploreRuns { try FlagLimits.check(Double(exploreRuns), "explore-runs", 0...100_000) }
    // Every usage error is the usage status (64), checked before anything runs.
    do {
      _ = try shard.map(Shard.init(parsing:))
      _ = try reports.formats()
    } catch { throw ValidationError("\(error)") }
  }

  func run() throws {
    do {
      let content = try ContentRoot.locate()
      var pathSteps: [PathStep] = []
      for text in steps {
        let step = try LearningPath.standard.resolve(text)
        if !pathSteps.contains(step) { pathSteps.append(step) }
      }
      var options = GradingOptions(
        submissions: URL(fileURLWithPath: submissions).standardizedFileURL,
        steps: pathSteps.sorted { $0.number < $1.number }, out: URL(fileURLWithPath: out).standardizedFileURL)
      if let jobs { options.jobs = jobs }
      options.timeout = timeout
      options.replyTimeout = replyTimeout
      options.seed = seed
      options.variants = variants
      options.exploreRuns = exploreRuns
      options.force = force
      options.shard = try shard.map(Shard.init(parsing:))
      if single {
        let name =
          student ?? URL(fileURLWithPath: submissions).standardizedFileURL.resolvingSymlinksInPath().lastPathComponent
        options.single = name.isEmpty || name == "/" ? "student" : name
      }
      options.sandbox = Sandbox.Mode(rawValue: sandbox) ?? .auto
      options.maxProcesses = maxProcesses
      options.memoryMiB = memory
      options.maxOutputBytes = maxOutput << 20
      if let rubric { options.rubric = try Rubric.load(from: URL(fileURLWithPath: rubric)) }
      try GradeRunner.run(content: content, options: options, reports: reports)
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }
}
