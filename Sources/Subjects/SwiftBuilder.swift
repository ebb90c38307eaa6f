import Foundation

/// Compiles a learner's Swift file against the bundled adapter into a subject executable, cached by content.
///
/// The adapter is two parts: its runtime (every file but `main.swift`: wire protocol, clock, loop, batches,
/// races), built once per compiler and adapter content with `-O` into a cached module, `CBRuntime`; and its
/// glue (`main.swift`, the only file naming the learner's types), compiled at `-Onone` with the learner's file
/// against that module, which both import implicitly (`-testable-import-module`, so the learner writes no
/// `import`). Together the adapter's files still compile as one module (`flags`), as its own tests do.
public struct SwiftBuilder: Sendable {
  /// The folder holding the adapter's Swift sources.
  public let adapterDirectory: URL
  /// Where compiled subjects are kept.
  public let cacheDirectory: URL
  /// Seconds the compiler may take.
  public var timeout: Double = 300

  /// Flags every subject is compiled with: unoptimised, in one frontend (`-wmo` halves the compile of the
  /// adapter's ten files), without dynamic exclusivity checks (batch calls share one thread,
  /// docs/architecture.md).
  static let flags = [
    "-Onone", "-wmo", "-swift-version", "6", "-module-name", "LearnerBreaker", "-suppress-warnings",
    "-enforce-exclusivity=unchecked",
  ]

  /// Flags the adapter's runtime is compiled with: optimised, internal names visible to the glue and the
  /// learner's file (`-enable-testing`), no top-level code.
  static let runtimeFlags = [
    "-O", "-wmo", "-enable-testing", "-parse-as-library", "-swift-version", "6", "-module-name", runtimeModule,
    "-suppress-warnings", "-enforce-exclusivity=unchecked",
  ]

  /// The runtime's module name.
  static let runtimeModule = "CBRuntime"

  /// The adapter file compiled with the learner's: the glue naming the learner's types, and the entry point.
  static let glueName = "main.swift"

  /// The glue for an async breaker (an actor, or an `async` `call`), in its own folder beside the runtime.
  static let asyncGlue = "async/main.swift"

  /// The glue `source` needs: the async one when the scan finds an async breaker (docs/tracks.md).
  static func glue(for source: String, in adapterDirectory: URL) -> URL {
    let scan = SwiftInterfaceScan(source: source, fileName: "Breaker.swift")
    return adapterDirectory.appendingPathComponent(scan.isAsyncBreaker ? asyncGlue : glueName)
  }

  public init(adapterDirectory: URL, cacheDirectory: URL) {
    self.adapterDirectory = adapterDirectory
    self.cacheDirectory = cacheDirectory
  }

  /// The cache folder: `$CBLEARN_CACHE_DIR`, else `$XDG_CACHE_HOME/cblearn`, else `~/.cache/cblearn`.
  public static var defaultCacheDirectory: URL {
    let env = ProcessInfo.processInfo.environment
    if let dir = env["CBLEARN_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
    if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
      return URL(fileURLWithPath: xdg).appendingPathComponent("cblearn")
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cblearn")
  }

  private func adapterSources() throws(SubjectsError) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: adapterDirectory.path)) ?? []
    let sources = names.filter { $0.hasSuffix(".swift") }.sorted().map { adapterDirectory.appendingPathComponent($0) }
    guard !sources.isEmpty else { throw .missingContent("the Swift adapter (\(adapterDirectory.path))") }
    return sources
  }

  /// The cached executable for `file`, if it was built before.
  public func cached(_ file: URL) throws(SubjectsError) -> URL? {
    let binary = try location(for: file).binary
    return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
  }

  /// Where the builds of `file` and of the adapter's runtime live: the subject's executable, and the folder of
  /// the runtime's module and library (keyed by the compiler and the runtime's sources only); and the file's
  /// source, read once.
  private func location(
    for file: URL
  ) throws(SubjectsError) -> (
    compiler: String, binary: URL, runtime: URL, source: Data
  ) {
    guard let source = FileManager.default.contents(atPath: file.path) else { throw .missingFile(file.path) }
    guard let compiler = ToolRunner.find(ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc") else {
      throw .missingTool("swiftc", hint: "install the Swift toolchain (swift.org) and put swiftc on PATH")
    }
    let attributes = try? FileManager.default.attributesOfItem(
      atPath: URL(fileURLWithPath: compiler).resolvingSymlinksInPath().path)
    let compilerIdentity =
      "\(compiler) \((attributes?[.size] as? Int) ?? 0) \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    var runtimeHash = ContentHash()
    runtimeHash.add(compilerIdentity)
    runtimeHash.add(SwiftBuilder.runtimeFlags.joined(separator: " "))
    var hash = ContentHash()
    hash.add(source)
    for adapter in try adapterSources() {
      let content = FileManager.default.contents(atPath: adapter.path) ?? Data()
      hash.add(adapter.lastPathComponent)
      hash.add(content)
      if adapter.lastPathComponent != SwiftBuilder.glueName {
        runtimeHash.add(adapter.lastPathComponent)
        runtimeHash.add(content)
      }
    }
    hash.add(Self.asyncGlue)
    hash.add(
      FileManager.default.contents(atPath: adapterDirectory.appendingPathComponent(Self.asyncGlue).path) ?? Data())
    hash.add(compilerIdentity)
    hash.add(SwiftBuilder.flags.joined(separator: " "))
    hash.add(runtimeHash.hex)
    return (
      compiler, cacheDirectory.appendingPathComponent("swift/\(hash.hex)/subject"),
      cacheDirectory.appendingPathComponent("swift-runtime/\(runtimeHash.hex)"), source
    )
  }

  /// The runtime's static library in its cache folder.
  private static func library(in runtime: URL) -> URL {
    runtime.appendingPathComponent("lib\(runtimeModule).a")
  }

  /// A fresh staging folder beside `folder`, moved into place when its build is complete.
  private static func staging(for folder: URL) throws(SubjectsError) -> URL {
    let staging = folder.deletingLastPathComponent().appendingPathComponent(
      "\(folder.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    )
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .spawnFailed("swiftc", "cannot create the cache folder \(staging.path): \(error.localizedDescription)")
    }
    return staging
  }

  /// Moves a finished `staging` folder to `folder`; `done` is the file whose presence means a build is there.
  private static func store(_ staging: URL, as folder: URL, done: URL) throws(SubjectsError) {
    try? FileManager.default.removeItem(at: folder)
    do {
      try FileManager.default.moveItem(at: staging, to: folder)
    } catch {
      // Another build of the same sources won the race; its result is identical.
      if !FileManager.default.fileExists(atPath: done.path) {
        throw .spawnFailed("swiftc", "cannot store the build in \(folder.path): \(error.localizedDescription)")
      }
    }
  }

  /// Runs the compiler; a timeout or a failure is a `compileFailed` about `file`.
  private func compile(_ compiler: String, _ arguments: [String], file: URL) throws(SubjectsError) {
    let result: ToolRunner.Result
    do {
      result = try ToolRunner.run(compiler, arguments, timeout: timeout)
    } catch {
      throw .spawnFailed(compiler, "\(error)")
    }
    if result.timedOut {
      throw .compileFailed(
        file: file.lastPathComponent, diagnostics: "the compiler took more than \(Int(timeout)) s and was stopped")
    }
    guard result.status == 0 else {
      throw .compileFailed(file: file.lastPathComponent, diagnostics: explain(result.output, learnerFile: file))
    }
  }

  /// Builds the adapter's runtime module into `runtime` unless it is there.
  private func buildRuntime(_ compiler: String, into runtime: URL, for file: URL) throws(SubjectsError) {
    if FileManager.default.fileExists(atPath: Self.library(in: runtime).path) { return }
    let staging = try Self.staging(for: runtime)
    defer { try? FileManager.default.removeItem(at: staging) }
    let sources = try adapterSources().filter { $0.lastPathComponent != Self.glueName }
    let module = staging.appendingPathComponent("\(Self.runtimeModule).swiftmodule")
    let arguments =
      Self.runtimeFlags + ["-emit-module", "-emit-module-path", module.path, "-emit-library", "-static"]
      + sources.map(\.path) + ["-o", Self.library(in: staging).path]
    try compile(compiler, arguments, file: file)
    try Self.store(staging, as: runtime, done: Self.library(in: runtime))
  }

  /// Compiles `file` unless a cached build exists (and the adapter's runtime first, unless it is cached);
  /// returns the executable.
  public func build(_ file: URL) throws(SubjectsError) -> URL {
    let (compiler, binary, runtime, source) = try location(for: file)
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    try buildRuntime(compiler, into: runtime, for: file)
    let folder = binary.deletingLastPathComponent()
    let staging = try Self.staging(for: folder)
    defer { try? FileManager.default.removeItem(at: staging) }
    let output = staging.appendingPathComponent("subject")
    let glue = Self.glue(for: String(decoding: source, as: UTF8.self), in: adapterDirectory)
    let arguments =
      SwiftBuilder.flags + [
        "-I", runtime.path, "-L", runtime.path, "-l\(Self.runtimeModule)",
        "-Xfrontend", "-testable-import-module", "-Xfrontend", Self.runtimeModule,
      ] + [glue.path, file.path, "-o", output.path]
    try compile(compiler, arguments, file: file)
    guard FileManager.default.isExecutableFile(atPath: output.path) else {
      throw .compileFailed(file: file.lastPathComponent, diagnostics: "the compiler wrote no executable")
    }
    try Self.store(staging, as: folder, done: binary)
    return binary
  }

  /// Keeps diagnostics about the learner's file as they are, its first error first; explains those inside the
  /// adapter.
  func explain(_ output: String, learnerFile: URL) -> String {
    if let crash = CompilerDiagnostic.crashSummary(output) { return crash }
    let adapterPrefix = adapterDirectory.path + "/"
    var lines: [String] = []
    var adapterProblem = false
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(adapterPrefix) {
        adapterProblem = true
        lines.append("[adapter] " + line.dropFirst(adapterPrefix.count))
      } else {
        lines.append(String(line))
      }
    }
    var text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    let diagnostics = CompilerDiagnostic.parse(text)
    let source = (try? String(contentsOf: learnerFile, encoding: .utf8)) ?? ""
    let notes = SwiftInterfaceScan(source: source, fileName: learnerFile.lastPathComponent)
      .compileNotes(diagnostics, learnerFile: learnerFile.path)
    if !diagnostics.isEmpty {
      // The first error in the learner's file first: it is usually the cause of the others.
      text = CompilerDiagnostic.ordered(diagnostics, learnerFile: learnerFile.path).map(\.text).joined(separator: "\n")
    }
    let maxBytes = 12_000
    if text.utf8.count > maxBytes { text = String(text.prefix(maxBytes)) + "\n[… diagnostics trimmed]" }
    if !notes.isEmpty {
      if adapterProblem {
        text +=
          "\n\nnote: lines marked [adapter] are in cblearn's adapter, not in your file: it could not use your "
          + "CircuitBreaker as it is (docs/tracks.md lists every accepted form)."
      }
      text += "\n\n" + notes.joined(separator: "\n\n")
    } else if adapterProblem {
      text += """


        note: lines marked [adapter] are in cblearn's adapter, not in your file: your CircuitBreaker does not
        have the interface the adapter calls. Compare your declarations with the exercise README (and
        docs/tracks.md, which lists every accepted form): `final class CircuitBreaker<C: Clock>` with
        `init(configuration:clock:)`, `func call<T>(_:)`, `var state: BreakerState`, and
        `struct CircuitOpenError: Error`.
        """
    }
    return text
  }
}
