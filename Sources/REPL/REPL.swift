import Curriculum
import Foundation
import Progress
import TerminalUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The interactive loop of `cblearn start`: libedit on a terminal, plain lines from a pipe.
public final class REPL {
  /// What `cblearn start` was given.
  public struct Options {
    /// The workspace folder (created on first run).
    public var workspace: URL
    /// The track; asked on a first run at a terminal, Swift otherwise.
    public var track: Track?
    public var unlockAll: Bool
    public var content: ContentRoot
    /// The checker; `nil` runs `cblearn check` in a child process.
    public var checker: (any CheckService)?
    /// Forces plain or line-edited input; `nil` decides from whether stdin and stdout are terminals.
    public var interactive: Bool?

    public init(
      workspace: URL, track: Track? = nil, unlockAll: Bool = false, content: ContentRoot,
      checker: (any CheckService)? = nil, interactive: Bool? = nil
    ) {
      self.workspace = workspace
      self.track = track
      self.unlockAll = unlockAll
      self.content = content
      self.checker = checker
      self.interactive = interactive
    }
  }

  let options: Options

  public init(options: Options) { self.options = options }

  /// Runs until `quit` or the end of input; returns the exit status.
  public func run() throws -> Int32 {
    let interactive = options.interactive ?? (isatty(0) == 1 && isatty(1) == 1)
    var info = TerminalInfo.detect()
    if !interactive { info.isTerminal = false }
    let historyFile = options.workspace.appendingPathComponent(".history").path
    let completer = Completer(
      commands: REPLCommand.names, steps: LearningPath.standard.steps.flatMap { [String($0.number), $0.slug] },
      directory: options.workspace.path)
    let reader: any LineReader
    if interactive, let editor = EditLineReader(historyFile: historyFile, completer: completer) {
      reader = editor
    } else {
      reader = PlainLineReader(echoPrompt: interactive)
    }
    defer { reader.close() }
    let console = Console(info: info, reader: reader)
    InterruptMonitor.install()
    defer { InterruptMonitor.uninstall() }
    guard let workspace = try openWorkspace(console: console) else { return 0 }
    let checker = options.checker ?? spinnerChecker(console: console)
    let session = LearnerSession(workspace: workspace, console: console, checker: checker)
    console.line("Type `help` for the commands, `path` for the steps, `lesson` to read the current one.")
    while let line = reader.readLine(prompt: session.prompt) {
      reader.remember(line)
      // The window may have been resized while the learner typed: every command renders at today's width.
      console.info.refreshSize()
      let more = session.execute(line)
      for warning in workspace.takeWarnings() { console.warning(warning) }
      guard more else { break }
    }
    if interactive { console.line("") }
    if let failure = workspace.saveError {
      console.error("\(failure)")
      console.line("Progress NOT saved: the last changes were lost when this session ended.")
      return 1
    }
    console.line("Progress saved in \(workspace.progressURL.path). `cblearn start` resumes.")
    return 0
  }

  /// Opens or creates the workspace, asking for a track on a first run at a terminal.
  func openWorkspace(console: Console) throws -> Workspace? {
    var notices: [String] = []
    let root = options.workspace
    let creating = !Workspace.exists(at: root)
    var fresh: LearnerProgress?
    if creating {
      var track = options.track ?? .swift
      if options.track == nil, console.isInteractive {
        console.line("Welcome to cblearn: learn the circuit-breaker pattern by building one, in ten steps.")
        guard let answer = console.ask("Which language will you write in, swift or python? [swift]") else {
          return nil
        }
        track = Track(rawValue: answer.lowercased()) ?? (answer.lowercased().hasPrefix("p") ? .python : .swift)
      }
      fresh = LearnerProgress(track: track, unlockAll: options.unlockAll, stepCount: LearningPath.standard.count)
    }
    let workspace = try Workspace.open(at: root, content: options.content, create: fresh, notices: &notices)
    for notice in notices {
      if notice.hasPrefix("warning: ") { console.warning(String(notice.dropFirst(9))) } else { console.line(notice) }
    }
    if !creating, options.track != nil || options.unlockAll {
      try workspace.update { progress in
        if let track = options.track { progress.track = track }
        if options.unlockAll { progress.unlockAll = true }
      }
      for notice in try workspace.syncStarters() { console.line(notice) }
    }
    if creating {
      console.line("Created your workspace in \(root.path) (\(workspace.progress.track.displayName) track).")
    } else {
      let step = workspace.progress.currentStep
      console.line("Welcome back: step \(step)/\(workspace.path.count), \(workspace.progress.doneCount) done.")
    }
    return workspace
  }

  /// The child-process checker, with a spinner on a terminal.
  func spinnerChecker(console: Console) -> any CheckService {
    var service = ProcessCheckService.current(contentRoot: options.content.url)
    if console.isInteractive {
      let frames = console.info.unicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
      let counter = SpinnerCounter()
      service.tick = { elapsed in
        let frame = frames[counter.next() % frames.count]
        let note = elapsed < 2 ? "" : " \(Int(elapsed))s"
        StandardOutput.write("\r\(frame) checking…\(note) \r")
      }
    }
    return service
  }
}

/// A counter shared with the spinner callback.
final class SpinnerCounter: @unchecked Sendable {
  private var value = 0
  func next() -> Int {
    value += 1
    return value
  }
}
