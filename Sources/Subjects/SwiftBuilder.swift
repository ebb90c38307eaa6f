import Foundation

/// Compiles a learner's Swift file with the bundled adapter into a subject executable, cached by content.
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

  private func location(for file: URL) throws(SubjectsError) -> (compiler: String, binary: URL) {
    guard let source = FileManager.default.contents(atPath: file.path) else { throw .missingFile(file.path) }
    guard let compiler = ToolRunner.find(ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc") else {
      throw .missingTool("swiftc", hint: "install the Swift toolchain (swift.org) and put swiftc on PATH")
    }
    var hash = ContentHash()
    hash.add(source)
    for adapter in try adapterSources() {
      hash.add(adapter.lastPathComponent)
      hash.add(FileManager.default.contents(atPath: adapter.path) ?? Data())
    }
    let attributes = try? FileManager.default.attributesOfItem(
      atPath: URL(fileURLWithPath: compiler).resolvingSymlinksInPath().path)
    hash.add(
      "\(compiler) \((attributes?[.size] as? Int) ?? 0) \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    )
    hash.add(SwiftBuilder.flags.joined(separator: " "))
    return (compiler, cacheDirectory.appendingPathComponent("swift/\(hash.hex)/subject"))
  }

  /// Compiles `file` unless a cached build exists; returns the executable.
  public func build(_ file: URL) throws(SubjectsError) -> URL {
    let (compiler, binary) = try location(for: file)
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    let folder = binary.deletingLastPathComponent()
    let staging = folder.deletingLastPathComponent().appendingPathComponent(
      "\(folder.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    )
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .spawnFailed("swiftc", "cannot create the cache folder \(staging.path): \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: staging) }
    let output = staging.appendingPathComponent("subject")
    let arguments = SwiftBuilder.flags + (try adapterSources()).map(\.path) + [file.path, "-o", output.path]
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
    guard result.status == 0, FileManager.default.isExecutableFile(atPath: output.path) else {
      throw .compileFailed(file: file.lastPathComponent, diagnostics: explain(result.output, learnerFile: file))
    }
    try? FileManager.default.removeItem(at: folder)
    do {
      try FileManager.default.moveItem(at: staging, to: folder)
    } catch {
      // Another build of the same file won the race; its result is identical.
      if !FileManager.default.isExecutableFile(atPath: binary.path) {
        throw .spawnFailed("swiftc", "cannot store the build in \(folder.path): \(error.localizedDescription)")
      }
    }
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
