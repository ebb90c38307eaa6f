import Foundation
import Testing

/// docs/architecture.md's table of module imports is the truth about `Sources/`: a new import, or one that
/// is gone, fails here until the table (and so the design note) says so.
struct ArchitectureTests {
  /// The project modules each module's sources import.
  static func actualImports() throws -> [String: Set<String>] {
    let sources = CLI.root.appendingPathComponent("Sources")
    let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }
    var result: [String: Set<String>] = [:]
    for module in modules {
      var imports: Set<String> = []
      let folder = sources.appendingPathComponent(module)
      let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("import ") {
          let name = line.dropFirst("import ".count).trimmingCharacters(in: .whitespaces)
          if modules.contains(name) { imports.insert(name) }
        }
      }
      result[module] = imports
    }
    return result
  }

  /// The table under "Which project modules each module imports" in docs/architecture.md.
  static func documentedImports() throws -> [String: Set<String>] {
    let doc = try String(
      contentsOf: CLI.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    var result: [String: Set<String>] = [:]
    for line in doc.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| module") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 2 else { continue }
      let imports =
        cells[1] == "(none)" ? [] : cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      result[cells[0]] = Set(imports)
    }
    return result
  }

  @Test func theDocumentedImportsAreTheRealOnes() throws {
    let actual = try ArchitectureTests.actualImports()
    let documented = try ArchitectureTests.documentedImports()
    let swiftModules = actual.filter { module, _ in !["CLibEdit", "CLineEditor"].contains(module) }
    for (module, imports) in swiftModules.sorted(by: { $0.key < $1.key }) {
      #expect(
        documented[module] == imports,
        "\(module) imports \(imports.sorted()); docs/architecture.md says \((documented[module] ?? []).sorted())")
    }
    #expect(Set(documented.keys) == Set(swiftModules.keys))
  }

  /// The names through which a module runs a breaker: the lessons' script runner, a session, the suite and
  /// explore runners, the reference model and its factory, a subject's `perform`.
  static let engineEntryPoints = [
    #"\bDemo\b"#, #"\bSession\("#, #"\bSuiteRunner\b"#, #"\bExplorer\b"#, #"\bReferenceSubject\b"#,
    #"\bReferenceBreaker\b"#, #"\bReferenceFactory\b"#, #"\.perform\("#, #"\.launch\("#,
  ]

  @Test("TerminalUI draws and runs no breaker: lesson diagrams arrive resolved (Curriculum runs their scripts)")
  func terminalUIRunsNoBreaker() throws {
    let folder = CLI.root.appendingPathComponent("Sources/TerminalUI")
    let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
    #expect(files.contains("Timeline.swift"), "Sources/TerminalUI was not found")
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("//") { continue }
        for pattern in Self.engineEntryPoints where code.range(of: pattern, options: .regularExpression) != nil {
          Issue.record("Sources/TerminalUI/\(file):\(number + 1) runs the engine (\(pattern)): \(code)")
        }
      }
    }
  }
}
