import Foundation
import Testing

/// Every lesson, exercise, hint, quiz question, the path, the diagram and a failure report of the real
/// content, through the REPL at 40, 60, 80 and 120 columns: no line wider than the terminal, none cut off
/// with an ellipsis.
@Suite("widths, end to end")
struct WidthSweepTests {
  @Test(arguments: [40, 60, 80, 120])
  func everythingFits(width: Int) throws {
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-widths-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: workspace) }
    var script = ["unlock-all", "path", "diagram", "diagram half-open"]
    for step in 1...10 {
      script += ["lesson \(step)", "exercise \(step)", "hint \(step)", "hint \(step)", "hint \(step)"]
    }
    script += ["goto 3", "check", "why", "quiz"] + Array(repeating: "1", count: 7) + ["path", "quit"]
    let run = try CLI.run(
      ["start", "--workspace", workspace.path, "--track", "python"],
      environment: ["COLUMNS": "\(width)", "NO_COLOR": "1", "LANG": "C.UTF-8", "PAGER": "cat"],
      input: script.joined(separator: "\n") + "\n")
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.count > 1000, "the whole sweep ran")
    #expect(run.stdout.contains("Hint 3/3") && run.stdout.contains("You predicted"))
    #expect(run.stdout.contains("sm.closed-to-open") && run.stdout.contains("t=0") || width >= 60)
    for line in lines {
      // An ellipsis the content itself writes ("success, uncounted error, success… closes") may end a
      // wrapped line; any other line ending in one was cut.
      let last = line.split(separator: " ").last.map(String.init) ?? ""
      #expect(!line.hasSuffix("…") || Self.proseEllipses.contains(last), "cut off at \(width) columns: \(line)")
      // A path longer than the line is kept whole on a line of its own (so it can be copied), never broken.
      let oneWord = !line.trimmingCharacters(in: .whitespaces).contains(" ")
      #expect(Self.columns(line) <= width || oneWord, "wider than \(width) columns: \(line)")
    }
  }

  /// The words ending in an ellipsis in the lessons and exercises as written (and a lone `…`).
  static let proseEllipses: Set<String> = {
    var words: Set<String> = ["…"]
    for folder in ["lessons", "exercises"] {
      let root = CLI.root.appendingPathComponent(folder)
      let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
      for file in files where ["md", "yaml"].contains(file.pathExtension) {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.hasSuffix("…") {
          words.insert(String(word))
        }
      }
    }
    return words
  }()

  /// Display columns of a plain line: wide characters count two (the content uses few), marks none.
  static func columns(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { total, scalar in
      switch scalar.value {
      case 0x300...0x36F, 0xFE0F: total
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF:
        total + 2
      default: total + 1
      }
    }
  }
}

/// `cblearn diagram` in a workspace draws the current step's configuration; `--workspace` names one.
@Suite("diagram in a workspace")
struct DiagramWorkspaceTests {
  @Test func drawsTheCurrentStep() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-diagram-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let start = try CLI.run(
      ["start", "--workspace", folder.path, "--track", "swift", "--unlock-all"], input: "goto 5\nquit\n")
    #expect(start.status == 0, "\(start.stderr)")
    let step5 = try CLI.run(["diagram", "--workspace", folder.path], environment: ["NO_COLOR": "1"])
    #expect(step5.status == 0)
    #expect(
      step5.stdout.contains("5 consecutive failures") && step5.stdout.contains("once 45s have passed"),
      "\(step5.stdout)")
    #expect(step5.stdout.contains("beyond 2 trials"), "step 5's profile limits HALF_OPEN to 2 trials: \(step5.stdout)")
    let inside = try CLI.run(["diagram"], in: folder, environment: ["NO_COLOR": "1"])
    #expect(inside.stdout == step5.stdout, "the workspace in the current directory is found")
    let flags = try CLI.run(["diagram", "--workspace", folder.path, "--recovery-timeout", "7"])
    #expect(flags.stdout.contains("once 7s have passed"), "options override the step's configuration")
    let none = try CLI.run(["diagram", "--workspace", folder.appendingPathComponent("nope").path])
    #expect(none.status == 1 && none.stderr.contains("no cblearn workspace"))
  }
}
