import Conformance
import Foundation

/// A breaker to test: a Python or Swift solution file, or any program speaking the protocol.
public enum SubjectSource: Sendable, Equatable {
  case python(URL)
  case swift(URL)
  case exec(String)

  /// Picks the track from `--exec` or the file's extension.
  public static func detect(path: String?, exec: String?) throws(SubjectsError) -> SubjectSource {
    if let exec { return .exec(exec) }
    guard let path else { throw .unknownTrack("(no file given)") }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw .missingFile(path)
    }
    switch url.pathExtension.lowercased() {
    case "py": return .python(url)
    case "swift": return .swift(url)
    default: throw .unknownTrack(path)
    }
  }

  /// The track's name: `python`, `swift` or `exec`.
  public var track: String {
    switch self {
    case .python: "python"
    case .swift: "swift"
    case .exec: "exec"
    }
  }
}

/// Starts subjects in child processes with the same arguments each time.
public struct ProcessFactory: SubjectFactory {
  public let arguments: [String]
  public let environment: [String: String]
  public let directory: String?
  public let limits: SubjectLimits
  public let displayName: String
  /// Why optional features may be missing, by feature (`SubjectInfo.notes`); kept for those the subject lacks.
  public var notes: [String: String] = [:]
  /// Features the adapter announces that the subject's file cannot provide (`SwiftInterfaceScan`).
  public var withheld: Set<String> = []

  public func launch() throws(SubjectFault) -> any Subject {
    try ProtocolSubject(
      arguments: arguments, environment: environment, directory: directory, limits: limits, displayName: displayName,
      notes: notes, withheld: withheld)
  }
}

/// Turns a subject source into a factory: finds the adapter, compiles Swift, checks the interpreter.
public struct SubjectLauncher: Sendable {
  /// The folder holding `python/` and `swift/` adapters.
  public let adaptersDirectory: URL
  public var limits: SubjectLimits
  public var cacheDirectory: URL

  public init(adaptersDirectory: URL, limits: SubjectLimits = SubjectLimits(), cacheDirectory: URL? = nil) {
    self.adaptersDirectory = adaptersDirectory
    self.limits = limits
    self.cacheDirectory = cacheDirectory ?? SwiftBuilder.defaultCacheDirectory
  }

  /// The Swift builder this launcher uses.
  public var swiftBuilder: SwiftBuilder {
    SwiftBuilder(adapterDirectory: adaptersDirectory.appendingPathComponent("swift"), cacheDirectory: cacheDirectory)
  }

  /// Prepares a factory; compiles a Swift file first (calling `compiling` before a compile that is not cached).
  public func factory(
    for source: SubjectSource, compiling: (() -> Void)? = nil
  ) throws(SubjectsError)
    -> ProcessFactory
  {
    switch source {
    case .exec(let command):
      return ProcessFactory(
        arguments: ["/bin/sh", "-c", command], environment: [:], directory: nil, limits: limits,
        displayName: command)
    case .python(let file):
      let adapter = adaptersDirectory.appendingPathComponent("python/cblearn_adapter.py")
      guard FileManager.default.fileExists(atPath: adapter.path) else {
        throw .missingContent("the Python adapter (\(adapter.path))")
      }
      guard let python = ToolRunner.python3 else {
        throw .missingTool("python3", hint: "install it (Debian: apt-get install python3)")
      }
      return ProcessFactory(
        arguments: [python, "-B", "-I", adapter.path, file.path], environment: ["PYTHONIOENCODING": "utf-8"],
        directory: file.deletingLastPathComponent().path, limits: limits, displayName: file.lastPathComponent)
    case .swift(let file):
      let builder = swiftBuilder
      if try builder.cached(file) == nil { compiling?() }
      let binary = try builder.build(file)
      let scan = SwiftInterfaceScan(
        source: (try? String(contentsOf: file, encoding: .utf8)) ?? "", fileName: file.lastPathComponent)
      return ProcessFactory(
        arguments: [binary.path], environment: ["CBLEARN_SUBJECT_NAME": file.lastPathComponent],
        directory: file.deletingLastPathComponent().path, limits: limits, displayName: file.lastPathComponent,
        notes: scan.notes, withheld: scan.withheldFeatures)
    }
  }
}
