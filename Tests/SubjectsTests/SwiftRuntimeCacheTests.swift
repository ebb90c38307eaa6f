import Foundation
import Subjects
import Testing

/// The adapter's runtime is built once into a cached module and each learner file is compiled against it;
/// a learner's compile error still names the learner's file and line.
@Suite("Swift runtime cache")
struct SwiftRuntimeCacheTests {
  /// A builder with a cache folder of its own, so the runtime's build is observed from the start.
  static func freshBuilder() throws -> (SwiftBuilder, URL) {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-runtime-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    let builder = SwiftBuilder(
      adapterDirectory: TestSupport.root.appendingPathComponent("adapters/swift"), cacheDirectory: cache)
    return (builder, cache)
  }

  /// The step-3 solution with `line` appended, in a folder of its own.
  static func variant(_ line: String, in folder: URL) throws -> URL {
    let solution = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/Breaker.swift")
    let file = folder.appendingPathComponent("Breaker-\(UUID().uuidString).swift")
    try (String(contentsOf: solution, encoding: .utf8) + "\n" + line + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test("two learner files share one runtime build; a learner's error points at the learner's line")
  func runtimeSharedAndDiagnosticsLocated() throws {
    let (builder, cache) = try Self.freshBuilder()
    defer { try? FileManager.default.removeItem(at: cache) }
    let first = try builder.build(try Self.variant("// first", in: cache))
    let runtimes = cache.appendingPathComponent("swift-runtime")
    let built = try FileManager.default.contentsOfDirectory(atPath: runtimes.path)
    #expect(built.count == 1)
    let library = runtimes.appendingPathComponent(built[0]).appendingPathComponent("libCBRuntime.a")
    let stamp = try FileManager.default.attributesOfItem(atPath: library.path)[.modificationDate] as? Date
    let second = try builder.build(try Self.variant("// second", in: cache))
    #expect(first != second && FileManager.default.isExecutableFile(atPath: second.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: runtimes.path) == built)
    #expect(try FileManager.default.attributesOfItem(atPath: library.path)[.modificationDate] as? Date == stamp)

    let broken = try Self.variant("let broken: Int = \"not a number\"", in: cache)
    let lines = try String(contentsOf: broken, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.hasPrefix("let broken") }) + 1
    let diagnostics = try Self.diagnostics(builder, broken)
    #expect(diagnostics.hasPrefix("\(broken.path):\(line):"))
    #expect(!diagnostics.contains("[adapter]"))
  }

  /// The diagnostics of a file that must not compile; empty (and an issue) when it compiles.
  static func diagnostics(_ builder: SwiftBuilder, _ file: URL) throws -> String {
    do {
      _ = try builder.build(file)
    } catch .compileFailed(_, let diagnostics) {
      return diagnostics
    }
    Issue.record("\(file.lastPathComponent) compiled")
    return ""
  }

  @Test("a learner's file names the adapter's types and Foundation's locks without importing the runtime")
  func learnerNamesWithoutImport() throws {
    let builder = SwiftBuilder(
      adapterDirectory: TestSupport.root.appendingPathComponent("adapters/swift"),
      cacheDirectory: TestSupport.root.appendingPathComponent(".build/test-cache"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-names-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try Self.variant(
      "let recursive = NSRecursiveLock()\nlet window = WindowConfiguration(kind: .count, size: 4, minimumCalls: 2, "
        + "failureRateThreshold: 50)",
      in: folder)
    let binary = try builder.build(file)
    #expect(FileManager.default.isExecutableFile(atPath: binary.path))
  }
}
