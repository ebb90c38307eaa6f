import Foundation
import Processes

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `cblearn` binary and captures what it printed and how it exited.
struct CLI {
  var stdout: String
  var stderr: String
  var status: Int32

  /// The repository root (the folder holding Package.swift).
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// The `cblearn` executable beside the test bundle (`swift build` puts both in the same folder).
  static let executable: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("cblearn").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return root.appendingPathComponent(".build/debug/cblearn").path
  }()

  /// Runs `cblearn arguments…` in `directory` with extra environment variables; stdin is `input` (empty by
  /// default). A run still going after `timeout` seconds is killed with its group (status 137).
  static func run(
    _ arguments: [String], in directory: URL = root, environment: [String: String] = [:], input: String? = nil,
    timeout: Double = 900
  ) throws -> CLI {
    var env = ProcessInfo.processInfo.environment
    env["CBLEARN_CACHE_DIR"] = root.appendingPathComponent(".build/test-cache").path
    env["COLUMNS"] = "100"
    for (key, value) in environment { env[key] = value }
    var spawn = Spawn([executable] + arguments, group: .own, environment: env)
    spawn.currentDirectory = directory.path
    // Standard input and error are files: the child reads its input at its pace, and capture reads the
    // standard output while the errors pile up apart.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inputFile = scratch.appendingPathComponent("input")
    let errorFile = scratch.appendingPathComponent("errors")
    try Data((input ?? "").utf8).write(to: inputFile)
    let inputFD = open(inputFile.path, O_RDONLY | O_CLOEXEC)
    let errorFD = open(errorFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    defer {
      close(inputFD)
      close(errorFD)
    }
    guard inputFD >= 0, errorFD >= 0 else { throw CocoaError(.fileWriteUnknown) }
    spawn.standardInput = inputFD
    spawn.standardError = errorFD
    let run = try spawn.capture(timeout: timeout, maxOutput: 256 << 20)
    let errors = (try? Data(contentsOf: errorFile)) ?? Data()
    return CLI(stdout: run.text, stderr: String(decoding: errors, as: UTF8.self), status: run.termination.exitStatus)
  }

  /// Reads `fd` until what was read contains `text` (nil: until the end), the end comes, or `timeout` passes.
  static func read(_ fd: Int32, until text: String? = nil, timeout: Double = 300) -> String {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16 << 10)
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let text, String(decoding: bytes, as: UTF8.self).contains(text) { break }
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 200) > 0 else { continue }
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The standard output parsed as a JSON object.
  var json: [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
  }
}
