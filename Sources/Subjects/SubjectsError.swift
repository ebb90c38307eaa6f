/// Why a subject could not be prepared or started.
public enum SubjectsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The solution file does not exist.
  case missingFile(String)
  /// The extension names no track.
  case unknownTrack(String)
  /// A program could not be started.
  case spawnFailed(String, String)
  /// The learner's Swift file did not compile; the diagnostics are attached.
  case compileFailed(file: String, diagnostics: String)
  /// The adapters (or another part of the content) are not where cblearn looks.
  case missingContent(String)
  /// A required tool is missing from the machine.
  case missingTool(String, hint: String)

  public var description: String {
    switch self {
    case .missingFile(let path):
      "no such file: \(path) (give the path of your solution file, for example steps/03-basic-breaker/python/breaker.py)"
    case .unknownTrack(let path):
      "cannot tell the track of \(path): use a .swift or .py file, or --exec \"COMMAND\" for any other language"
    case .spawnFailed(let program, let reason): "could not start \(program): \(reason)"
    case .compileFailed(let file, let diagnostics):
      "\(file) does not compile:\n\(diagnostics)"
    case .missingContent(let what): "\(what) not found: set CBLEARN_HOME to the cblearn source folder"
    case .missingTool(let tool, let hint): "\(tool) is not installed: \(hint)"
    }
  }
}
