import Curriculum
import Foundation
import Processes
import Testing

/// Code a learner reads compiles: every Swift block of the lessons, tasks and hints type-checks against the
/// adapter's types and a reference breaker, in one `swiftc -typecheck`; every Python block passes
/// `py_compile`, in one `python3`. A block tagged `fragment` is deliberately partial and only kept short; a
/// `skeleton` is a hint's code with blanks.
@Suite("Lesson snippets compile", .serialized)
struct SnippetCompileTests {
  static let root = FixturePaths.packageRoot
  /// The breaker the Swift snippets are compiled with: the last step's reference, which has every member.
  static let breaker = "exercises/09-slow-calls-bulkhead/solution/Breaker.swift"

  /// The fields a `member` or `body` snippet may use, as a learner's breaker names them.
  static let context = """
    import Foundation

    /// What lesson snippets of kind `member` and `body` see: a breaker's usual fields and a caller's names.
    class SnippetContext<C: Clock> where C.Duration == Duration {
      let configuration = BreakerConfiguration()
      let clock: C
      let lock = NSLock()
      var current: BreakerState = .closed
      var lastFailure: C.Instant?
      var openedAt: C.Instant?
      var trialRunning = false
      let breaker: CircuitBreaker<C>
      var pricingBreaker: CircuitBreaker<C> { breaker }
      let productID = "sku-42"
      init(clock: C) {
        self.clock = clock
        breaker = CircuitBreaker(configuration: configuration, clock: clock)
      }
      func endTrial() {}
      func recordFailure() {}
      func operation() throws -> Double { 9.99 }
      func fetchPrice(_ productID: String) throws -> Double { 9.99 }
      func cachedPrice(_ productID: String) -> Double { 9.49 }
    }

    """

  @Test("every tagged block names a known context, and fragments stay short")
  func tags() throws {
    let snippets = try Snippet.all(root: Self.root)
    #expect(snippets.filter { $0.track == .swift }.count >= 10)
    #expect(snippets.filter { $0.track == .python }.count >= 10)
    for snippet in snippets {
      #expect(
        snippet.unknownContext == nil,
        "\(snippet): unknown context; use one of \(Snippet.Context.allCases.map(\.rawValue))")
      if snippet.context == .skeleton {
        #expect(snippet.code.contains { $0.contains("___") }, "\(snippet): a skeleton without a `___` blank")
      }
      if snippet.context == .fragment {
        #expect(
          snippet.code.count <= Snippet.fragmentLimit,
          "\(snippet): a fragment of \(snippet.code.count) lines; make it a file, member or body block that compiles")
      }
    }
  }

  @Test("every Swift block type-checks against the adapter's types")
  func swift() throws {
    let snippets = try Snippet.all(root: Self.root).filter {
      $0.track == .swift && $0.context != .fragment && $0.context != .skeleton
    }
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var sources: [URL] = []
    var origins: [String: (snippet: Snippet, offset: Int)] = [:]
    for (number, snippet) in snippets.enumerated() {
      let name = "snippet\(number).swift"
      let (text, offset) = Self.wrapSwift(snippet, name: "Snippet\(number)")
      let url = folder.appendingPathComponent(name)
      try text.write(to: url, atomically: true, encoding: .utf8)
      sources.append(url)
      origins[name] = (snippet, offset)
    }
    let contextURL = folder.appendingPathComponent("SnippetContext.swift")
    try Self.context.write(to: contextURL, atomically: true, encoding: .utf8)
    let adapter = Self.root.appendingPathComponent("adapters/swift")
    let adapterSources = try FileManager.default.contentsOfDirectory(atPath: adapter.path).filter {
      $0.hasSuffix(".swift")
    }
    .sorted().map { adapter.appendingPathComponent($0).path }
    let arguments =
      ["swiftc", "-typecheck", "-swift-version", "6", "-module-name", "LearnerBreaker", "-suppress-warnings"]
      + adapterSources + [Self.root.appendingPathComponent(Self.breaker).path, contextURL.path] + sources.map(\.path)
    let (status, output) = try Self.run(arguments)
    var located: [String] = []
    for line in output.split(separator: "\n").map(String.init) where line.contains(": error: ") {
      let parts = line.split(separator: ":", maxSplits: 3).map(String.init)
      if parts.count == 4, let name = parts[0].split(separator: "/").last.map(String.init),
        let origin = origins[name], let row = Int(parts[1])
      {
        located.append("\(origin.snippet.file):\(origin.snippet.line + row - origin.offset):\(parts[3])")
      } else {
        located.append(line)
      }
    }
    #expect(
      status == 0 && located.isEmpty, "Swift blocks that do not compile:\n\(located.joined(separator: "\n"))\n\(output)"
    )
  }

  @Test("every Python block passes py_compile")
  func python() throws {
    let snippets = try Snippet.all(root: Self.root).filter {
      $0.track == .python && $0.context != .fragment && $0.context != .skeleton
    }
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    var origins: [String: (snippet: Snippet, offset: Int)] = [:]
    for (number, snippet) in snippets.enumerated() {
      let name = "snippet\(number).py"
      let (text, offset) = Self.wrapPython(snippet)
      let url = folder.appendingPathComponent(name)
      try text.write(to: url, atomically: true, encoding: .utf8)
      paths.append(url.path)
      origins[name] = (snippet, offset)
    }
    let script = """
      import py_compile, sys, os
      for path in sys.argv[1:]:
          try:
              py_compile.compile(path, cfile=path + "c", doraise=True)
          except py_compile.PyCompileError as error:
              e = error.exc_value
              print(f"{os.path.basename(path)}:{getattr(e, 'lineno', 0)}: {e.__class__.__name__}: {getattr(e, 'msg', e)}")
      """
    let (_, output) = try Self.run(["python3", "-c", script] + paths)
    let failures = output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }.map { line -> String in
      let parts = line.split(separator: ":", maxSplits: 2).map(String.init)
      guard parts.count == 3, let origin = origins[parts[0]], let row = Int(parts[1]) else { return line }
      return "\(origin.snippet.file):\(origin.snippet.line + row - origin.offset):\(parts[2])"
    }
    #expect(paths.count >= 10)
    #expect(failures.isEmpty, "Python blocks that do not compile:\n\(failures.joined(separator: "\n"))")
  }

  /// The Swift file for a snippet, and the line of the file that holds the fence (code starts after it).
  ///
  /// The snippet's `import` lines move to the first line, since the code is wrapped in a type.
  static func wrapSwift(_ snippet: Snippet, name: String) -> (String, Int) {
    let isImport = { (line: String) in line.hasPrefix("import ") }
    let imports = snippet.code.filter(isImport).joined(separator: "; ")
    let code = snippet.code.map { isImport($0) ? "" : $0 }.joined(separator: "\n")
    let generic = "final class \(name)<C: Clock>: SnippetContext<C> where C.Duration == Duration {"
    switch snippet.context {
    case .member: return ("\(imports)\n\(generic)\n\(code)\n}\n", 2)
    case .body: return ("\(imports)\n\(generic)\nfunc snippet() throws {\n\(code)\n}\n}\n", 3)
    default: return ("\(imports)\nenum \(name) {\n\(code)\n}\n", 2)
    }
  }

  /// The Python file for a snippet, and the line of the file that holds the fence (code starts after it).
  static func wrapPython(_ snippet: Snippet) -> (String, Int) {
    let indented = snippet.code.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    switch snippet.context {
    case .member: return ("class _Snippet:\n\(indented)\n", 1)
    case .body: return ("def _snippet(self):\n\(indented)\n", 1)
    default: return (snippet.code.joined(separator: "\n") + "\n", 0)
    }
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-snippets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a tool found on PATH; its exit status and its standard output and error together.
  static func run(_ arguments: [String]) throws -> (Int32, String) {
    let run = try Spawn(arguments, group: .own).capture(timeout: 600)
    return (run.termination.exitStatus, run.text)
  }
}
