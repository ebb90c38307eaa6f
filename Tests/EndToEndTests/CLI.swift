import Foundation

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
  /// default).
  static func run(
    _ arguments: [String], in directory: URL = root, environment: [String: String] = [:], input: String? = nil
  ) throws -> CLI {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["CBLEARN_CACHE_DIR"] = root.appendingPathComponent(".build/test-cache").path
    env["COLUMNS"] = "100"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      // Small scripts fit the pipe's buffer; the child reads them at its pace.
      try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
      try stdin.fileHandleForWriting.close()
    }
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    let box = Box()
    group.enter()
    DispatchQueue.global().async {
      box.err = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLI(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: box.err, as: UTF8.self),
      status: process.terminationStatus)
  }

  /// The standard output parsed as a JSON object.
  var json: [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
  }

  private final class Box: @unchecked Sendable {
    var err = Data()
  }
}
