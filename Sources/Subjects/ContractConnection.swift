import Foundation

/// What broke the wire protocol's contract, in words that say what the subject should do instead.
public struct ContractViolation: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// One subject process spoken to line by line for the contract: any request, the reply as an object.
///
/// Unlike `ProtocolSubject`, it sends requests the driver never sends (unknown operations, unknown
/// configuration keys) and keeps error replies as replies, so the contract can judge them.
final class ContractConnection {
  private let process: ChildProcess
  private let limits: SubjectLimits
  private var nextID = 1

  /// Starts the factory's command (nothing is sent yet).
  init(_ factory: ProcessFactory) throws(SubjectsError) {
    process = try ChildProcess(
      arguments: factory.arguments, environment: factory.environment, directory: factory.directory,
      limits: factory.limits)
    limits = factory.limits
  }

  deinit { process.terminate() }

  /// The end of the subject's standard error, for a report.
  var stderrText: String { process.stderrTail.text() }

  /// Sends `fields` with the next id and returns the reply, which must echo the id and carry a boolean `ok`.
  func ask(_ fields: [String: JSONValue], timeout: Double? = nil) throws(ContractViolation) -> [String: JSONValue] {
    let id = nextID
    nextID += 1
    let op = fields["op"]?.string ?? "?"
    var object = fields
    object["id"] = .number(Double(id))
    guard process.write(line: JSONValue.object(object).text) else {
      throw ContractViolation("the subject stopped reading its input before `\(op)` (\(exitText()))")
    }
    let wait = timeout ?? (op == "hello" ? limits.startTimeout : limits.replyTimeout)
    switch process.readLine(timeout: wait) {
    case .line(let line):
      guard let reply = JSONValue.parse(line)?.object else {
        throw ContractViolation("the reply to `\(op)` is not one JSON object on one line: \(Self.quote(line))")
      }
      guard reply["id"]?.int == id else {
        throw ContractViolation("the reply to `\(op)` must echo \"id\": \(id): \(Self.quote(line))")
      }
      guard reply["ok"]?.bool != nil else {
        throw ContractViolation("the reply to `\(op)` needs \"ok\": true or false: \(Self.quote(line))")
      }
      return reply
    case .timeout:
      throw ContractViolation("no reply to `\(op)` within \(wait) s (every request gets one reply line)")
    case .endOfFile:
      throw ContractViolation("the subject ended before replying to `\(op)` (\(exitText()))")
    case .tooLong(let bytes):
      throw ContractViolation("the reply to `\(op)` is a line of more than \(bytes) bytes (the limit is 1 MiB)")
    }
  }

  /// How the process ended, with the end of its standard error.
  private func exitText() -> String {
    let status = process.exitStatus(within: 1) ?? "still running"
    let tail = stderrText.split(separator: "\n").suffix(3).joined(separator: " / ")
    return tail.isEmpty ? status : "\(status); standard error: \(tail)"
  }

  private static func quote(_ line: String) -> String {
    line.count <= 200 ? line : String(line.prefix(200)) + "…"
  }
}
