import ArgumentParser
import Foundation
import Subjects

/// The `cblearn` command: learn the circuit-breaker pattern by building one, and grade breakers.
public struct CBLearn: ParsableCommand {
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "cblearn",
    abstract: "Learn the circuit-breaker pattern by building one; check and grade breakers in any language.",
    discussion: """
      Start with `cblearn start`. Run `cblearn help COMMAND` for the options of a command.
      Exit status 64 means the command line was not understood: an unknown option, or a value outside its
      allowed range (the message names the flag and the range). Documentation: docs/ in the cblearn source tree.
      """,
    version: version,
    subcommands: CBLearn.commands
  )

  /// Every subcommand, in the order `--help` lists them.
  static var commands: [any ParsableCommand.Type] {
    [
      StartCommand.self, PathCommand.self, LessonCommand.self, ExerciseCommand.self, HintCommand.self,
      SubmitCommand.self, ResetCommand.self,
      CheckCommand.self, ConformanceCommand.self, BenchCommand.self,
      DiagramCommand.self,
      GradeCommand.self,
      SimulateCommand.self,
    ]
  }

  public init() {}

  /// Parses the command line, runs the command, and exits with its status.
  ///
  /// SIGPIPE is ignored first: a subject that exits while cblearn writes to it must be a reported crash
  /// (`write` fails with EPIPE), not the silent death of cblearn.
  /// Ctrl-C, SIGTERM (the REPL cancelling a check) and SIGHUP kill the subjects' process groups first, so
  /// no subject outlives cblearn (`SubjectGroups`).
  public static func entryPoint() {
    signal(SIGPIPE, SIG_IGN)
    SubjectGroups.installInterruptHandlers()
    main()
  }
}
