import Foundation
import Grading
import Processes
import Testing
import Yams

/// The recipes in `docs/` work as written: every YAML block parses, every shell block (and every `run:` of a
/// workflow) passes `bash -n` and, when installed, shellcheck; the Gradescope scripts are the documented text.
@Suite("Documented recipes")
struct DocsRecipeTests {
  /// A fenced code block of a Markdown file.
  struct Block {
    var file: String
    var line: Int
    var language: String
    var text: String
  }

  /// Every fenced block with a language in the Markdown files of `docs/` and the README.
  static func blocks() throws -> [Block] {
    let docs = TestSupport.root.appendingPathComponent("docs")
    var files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
      .map { docs.appendingPathComponent($0) }
    files.append(TestSupport.root.appendingPathComponent("README.md"))
    var blocks: [Block] = []
    for file in files {
      let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
      var open: (line: Int, language: String, text: [String])?
      for (index, line) in lines.enumerated() {
        if line.hasPrefix("```") {
          if let current = open {
            blocks.append(
              Block(
                file: file.lastPathComponent, line: current.line, language: current.language,
                text: current.text.joined(separator: "\n") + "\n"))
            open = nil
          } else {
            open = (index + 1, String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
          }
        } else if open != nil {
          open?.text.append(line)
        }
      }
      #expect(open == nil, "\(file.lastPathComponent): a code block is not closed")
    }
    return blocks
  }

  /// Runs a tool found on PATH with `input` on standard input (from a file); returns its status and output.
  static func run(_ tool: String, _ arguments: [String], input: String) throws -> (Int32, String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-input-\(UUID().uuidString)")
    try Data(input.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let fd = open(file.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CocoaError(.fileReadUnknown) }
    defer { close(fd) }
    var spawn = Spawn([tool] + arguments, group: .own)
    spawn.standardInput = fd
    let run = try spawn.capture(timeout: 300)
    return (run.termination.exitStatus, run.text)
  }

  static let hasShellcheck = (try? run("sh", ["-c", "command -v shellcheck"], input: "").0) == 0

  /// Checks a shell script: `bash -n`, then shellcheck (warnings and errors) when it is installed.
  static func checkShell(_ text: String, where place: String) throws {
    let (status, output) = try run("bash", ["-n"], input: text)
    #expect(status == 0, "\(place): bash -n: \(output)")
    guard hasShellcheck else { return }
    let (checked, report) = try run("shellcheck", ["-s", "bash", "-S", "warning", "-"], input: text)
    #expect(checked == 0, "\(place): shellcheck:\n\(report)")
  }

  @Test("every YAML block parses (rubrics as rubrics), every shell block and workflow step is valid shell")
  func blocksParse() throws {
    let blocks = try Self.blocks()
    #expect(blocks.contains { $0.language == "yaml" } && blocks.contains { $0.language == "bash" })
    for block in blocks {
      let place = "\(block.file):\(block.line)"
      switch block.language {
      case "yaml", "yml":
        let node: Node?
        do {
          node = try Yams.compose(yaml: block.text)
        } catch {
          Issue.record("\(place): invalid YAML: \(error)")
          continue
        }
        if block.text.hasPrefix("# rubric.yaml") {
          #expect(throws: Never.self, "\(place)") { try Rubric.parse(block.text, file: place) }
        }
        // A workflow: each step's `run:` is shell once GitHub's `${{ … }}` expressions are substituted.
        for (_, job) in node?["jobs"]?.mapping ?? [:] {
          for step in job["steps"]?.sequence ?? [] {
            guard let script = step["run"]?.string else { continue }
            let plain = script.replacingOccurrences(
              of: #"\$\{\{[^}]*\}\}"#, with: "X", options: .regularExpression)
            try Self.checkShell(plain, where: "\(place) (run: \(script.prefix(40))…)")
          }
        }
      case "sh", "bash", "shell":
        try Self.checkShell(block.text, where: place)
      default:
        continue
      }
    }
  }

  @Test("the GitHub workflow installs through scripts/setup.sh, lifts AppArmor's restriction and insists on bwrap")
  func workflow() throws {
    let block = try #require(try Self.blocks().first { $0.text.hasPrefix("# .github/workflows/grade.yml") })
    #expect(block.text.contains("bash cblearn/scripts/setup.sh release"))
    #expect(block.text.contains("kernel.apparmor_restrict_unprivileged_userns=0"))
    #expect(block.text.contains("--sandbox bwrap"))
    #expect(!block.text.contains("example.org"))
    let node = try #require(try Yams.compose(yaml: block.text))
    let steps = node["jobs"]?["grade"]?["steps"]?.sequence ?? []
    #expect(steps.count == 5)
  }

  @Test("the Gradescope scripts in docs/grading.md are scripts/gradescope/, and they are valid shell")
  func gradescopeScripts() throws {
    let blocks = try Self.blocks().filter { $0.file == "grading.md" && $0.language == "bash" }
    for name in ["setup.sh", "run_autograder"] {
      let url = TestSupport.root.appendingPathComponent("scripts/gradescope/\(name)")
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(blocks.contains { $0.text == text }, "docs/grading.md does not show scripts/gradescope/\(name)")
      #expect(FileManager.default.isExecutableFile(atPath: url.path))
      #expect(text.contains("setup.sh") || name == "run_autograder")
      try Self.checkShell(text, where: "scripts/gradescope/\(name)")
    }
  }
}
